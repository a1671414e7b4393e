import type { CommentStatus } from '../../../db/schema.js';
import type { QueueRow } from '../../../audience/comments.js';
import type { CommentSettings } from '../../../audience/commentSettings.js';
import type { AudienceNewsroomMessages } from '../../../i18n/audience.js';
import { CommentText } from '../../reader/views/audience.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

const statuses: CommentStatus[] = ['pending', 'approved', 'rejected', 'spam'];
/** What each row button would make the comment: a button that changes nothing is not shown. */
const actionStatus: Record<'approve' | 'reject' | 'spam', CommentStatus> = { approve: 'approved', reject: 'rejected', spam: 'spam' };

export function ModerationPage(props: {
  v: NewsroomView;
  a: AudienceNewsroomMessages;
  status: CommentStatus;
  rows: QueueRow[];
  counts: Record<CommentStatus, number>;
  settings: CommentSettings;
  notice?: { kind: 'error' | 'ok'; text: string };
}) {
  const { v, a, status } = props;
  const csrf = v.user?.csrfToken ?? '';
  const when = (d: Date) => d.toLocaleString(v.lang === 'gu' ? 'gu-IN' : 'en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <NewsroomLayout v={v} title={a.comments}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <nav aria-label={a.comments} class="filters">
        {statuses.map((s) => (
          <a href={`/newsroom/comments?status=${s}`} aria-current={s === status ? 'page' : undefined}>
            {a.statuses[s]} ({props.counts[s]})
          </a>
        ))}{' '}
      </nav>
      {props.rows.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <form method="post" action={`/newsroom/comments?status=${status}`}>
          <Csrf token={csrf} />
          <p>
            <label for="bulk-action">{a.selected}</label>{' '}
            <select id="bulk-action" name="action">
              {(Object.keys(a.actions) as (keyof typeof a.actions)[]).map((k) => (
                <option value={k}>{a.actions[k]}</option>
              ))}
            </select>{' '}
            <button type="submit">{a.apply}</button>
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{a.select}</th>
                <th scope="col">{a.author}</th>
                <th scope="col">{a.text}</th>
                <th scope="col">{a.article}</th>
                <th scope="col">{a.when}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr id={`c-${r.id}`}>
                  <td>
                    <input type="checkbox" name="ids" value={String(r.id)} id={`sel-${r.id}`} aria-label={`${a.select} ${r.id}`} />
                  </td>
                  <td>
                    <bdi>{r.name}</bdi>
                    {r.email && (
                      <>
                        <br />
                        <small>{r.email}</small>
                      </>
                    )}
                  </td>
                  <td style="max-width:30em;overflow-wrap:anywhere">
                    {r.parentId !== null && <small>↳ {a.isReply} #{r.parentId}</small>}
                    <CommentText text={r.text} />
                  </td>
                  <td>
                    <a href={`/newsroom/articles/${r.articleId}`}>{r.headline}</a>
                  </td>
                  <td>{when(r.createdAt)}</td>
                  <td>
                    {(Object.keys(a.actions) as (keyof typeof a.actions)[])
                      .filter((k) => k === 'delete' || actionStatus[k] !== status)
                      .map((k) => (
                        <button type="submit" name="one" value={`${k}:${r.id}`} class="inline">
                          {a.actions[k]}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </form>
      )}
      <h2>{a.settings}</h2>
      <form method="post" action="/newsroom/comments/settings">
        <Csrf token={csrf} />
        <p>
          <label>
            <input type="checkbox" name="autoApprove" value="1" checked={props.settings.autoApprove} /> {a.autoApprove}
          </label>
        </p>
        <p>
          <label for="max-links">{a.maxLinks}</label>{' '}
          <input id="max-links" name="maxLinks" type="number" min={0} max={20} value={String(props.settings.maxLinks)} />
        </p>
        <p>
          <label for="blocklist">{a.blocklist}</label>
          <br />
          <textarea id="blocklist" name="blocklist" rows={6} cols={40}>
            {props.settings.blocklist.join('\n')}
          </textarea>
        </p>
        <p>
          <button type="submit">{v.t.save}</button>
        </p>
      </form>
    </NewsroomLayout>
  );
}
