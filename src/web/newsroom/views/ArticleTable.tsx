import type { NewsroomArticleRow } from '../../../newsroom/newsroomQueries.js';
import type { NewsroomView } from './NewsroomLayout.js';
import { ist } from './format.js';
import { pagesMessages } from '../../../i18n/pages.js';
import { workflowMessages } from '../../../i18n/workflow.js';

/** Stories as the dashboard and the article list show them; each headline opens the editor. */
export function ArticleTable(props: { v: NewsroomView; rows: NewsroomArticleRow[]; showReason?: boolean }) {
  const { t } = props.v;
  const w = workflowMessages(props.v.lang);
  if (props.rows.length === 0) return <p>{t.nothing}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>{t.headline}</th>
          <th>{t.section}</th>
          <th>{t.authors}</th>
          <th>{t.filter}</th>
          <th>IST</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr data-article-id={r.id}>
            <td>
              <a href={`/newsroom/articles/${r.id}/edit`}>{r.headline}</a>
              {r.editingBy && <div class="save-state">✎ {r.editingBy}</div>}
              {props.showReason && r.scheduleError && <div class="notice notice-error">{r.scheduleError.map((p) => w.publishProblem(p)).join(' ')}</div>}
            </td>
            <td>{r.sectionName ?? pagesMessages(props.v.lang).pageKind}</td>
            <td>{r.authorNames.join(', ')}</td>
            <td>
              <span class="status-pill">{t.statuses[r.status]}</span>
            </td>
            <td>{ist(r.scheduledFor ?? r.publishedAt ?? r.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
