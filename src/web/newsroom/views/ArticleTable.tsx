import type { NewsroomArticleRow } from '../../../newsroom/newsroomQueries.js';
import { deskMessages } from '../../../i18n/desk.js';
import type { NewsroomView } from './NewsroomLayout.js';
import { pagesMessages } from '../../../i18n/pages.js';
import { workflowMessages } from '../../../i18n/workflow.js';

/**
 * Stories as the dashboard and the article list show them; each headline opens the editor.
 * With `selectable`, each row has a box for the list's bulk actions (form `bulk`).
 */
export function ArticleTable(props: { v: NewsroomView; rows: NewsroomArticleRow[]; showReason?: boolean; selectable?: { form: string } }) {
  const { t } = props.v;
  const w = workflowMessages(props.v.lang);
  const d = deskMessages(props.v.lang);
  if (props.rows.length === 0) return <p>{t.nothing}</p>;
  const sel = props.selectable;
  return (
    <table class="desk-table">
      <thead>
        <tr>
          {sel && (
            <th scope="col">
              <input type="checkbox" id="select-all" form={sel.form} aria-label={d.selectAll} data-select-all />
            </th>
          )}
          <th scope="col">{t.headline}</th>
          <th scope="col">{t.section}</th>
          <th scope="col">{t.authors}</th>
          <th scope="col">{d.statusColumn}</th>
          <th scope="col">{d.dateColumn}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr data-article-id={r.id}>
            {sel && (
              <td class="desk-select">
                <input type="checkbox" name="ids" value={String(r.id)} form={sel.form} id={`sel-${r.id}`} aria-label={`${d.select}: ${r.headline || d.untitled}`} />
              </td>
            )}
            <td class="desk-headline">
              <a href={`/newsroom/articles/${r.id}/edit`}>{r.headline || d.untitled}</a>
              {r.editingBy && <div class="save-state">✎ {r.editingBy}</div>}
              {props.showReason && r.scheduleError && <div class="notice notice-error">{r.scheduleError.map((p) => w.publishProblem(p)).join(' ')}</div>}
            </td>
            <td data-label={t.section}>{r.sectionName ?? pagesMessages(props.v.lang).pageKind}</td>
            <td data-label={t.authors}>{r.authorNames.join(', ')}</td>
            <td data-label={d.statusColumn}>
              <span class={`status-pill status-${r.status}`}>{t.statuses[r.status]}</span>
            </td>
            <td data-label={d.dateColumn}>{props.v.time(r.scheduledFor ?? r.publishedAt ?? r.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
