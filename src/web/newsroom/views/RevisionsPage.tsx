import type { RevisionHistory } from '../../../newsroom/newsroomQueries.js';
import { Csrf, NewsroomLayout, type NewsroomView } from './NewsroomLayout.js';
import { workflowMessages, type WorkflowMessages } from '../../../i18n/workflow.js';

/** A value that is not text (a section, a flag, an image), as the diff shows it. */
function shown(w: WorkflowMessages, value: unknown): string {
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  if (value === null || value === undefined) return '—';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A story's saved versions; two of them compared word by word, with a button to put the older one back. */
export function RevisionsPage(props: { v: NewsroomView; h: RevisionHistory }) {
  const { v, h } = props;
  const { t } = v;
  const w = workflowMessages(v.lang);
  return (
    <NewsroomLayout v={v} title={`${t.revisions}: ${h.headline}`}>
      <form method="get" action={`/newsroom/articles/${h.articleId}/revisions`}>
        <table>
          <tbody>
            {h.revisions.map((r) => (
              <tr>
                <td>
                  <input type="radio" name="from" value={String(r.version)} aria-label={`from ${r.version}`} checked={h.diff?.from === r.version} />
                  <input type="radio" name="to" value={String(r.version)} aria-label={`to ${r.version}`} checked={h.diff?.to === r.version} />
                </td>
                <td>v{r.version}</td>
                <td>{r.personName ?? '—'}</td>
                <td>{props.v.time(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <button type="submit">{t.compare}</button>
        </p>
      </form>
      {h.diff && (
        <section aria-label={t.compare} class="diff">
          {h.diff.changes.length === 0 && <p>{t.nothing}</p>}
          {h.diff.changes.map((c) => (
            <div>
              <h2>{w.fields[c.field]}</h2>
              {c.words ? (
                <p>{c.words.map((w) => (w.added ? <ins>{w.value}</ins> : w.removed ? <del>{w.value}</del> : <span>{w.value}</span>))}</p>
              ) : (
                <p>
                  <del>{shown(w, c.before)}</del> → <ins>{shown(w, c.after)}</ins>
                </p>
              )}
            </div>
          ))}
          {h.mayRestore && (
          <form method="post" action={`/newsroom/articles/${h.articleId}/restore`}>
            <Csrf token={v.user?.csrfToken ?? ''} />
            <input type="hidden" name="version" value={String(h.diff.from)} />
            <input type="hidden" name="baseVersion" value={String(h.currentVersion)} />
            <button type="submit">
              {t.restore} v{h.diff.from}
            </button>
          </form>
          )}
        </section>
      )}
    </NewsroomLayout>
  );
}
