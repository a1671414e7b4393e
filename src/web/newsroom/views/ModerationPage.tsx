import type { CommentStatus } from '../../../db/schema.js';
import type { QueueRow } from '../../../audience/comments.js';
import type { CommentSettings } from '../../../audience/commentSettings.js';
import type { AudienceNewsroomMessages } from '../../../i18n/audience.js';
import { deskMessages } from '../../../i18n/desk.js';
import { CommentText } from '../../reader/views/audience.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

const statuses: CommentStatus[] = ['pending', 'approved', 'rejected', 'spam'];
/** What each state-changing button would make the comment: a button that changes nothing is not shown. */
const actionStatus: Record<'approve' | 'reject' | 'spam', CommentStatus> = { approve: 'approved', reject: 'rejected', spam: 'spam' };

export const MODERATION_PER_PAGE = 50;

export function ModerationPage(props: {
  v: NewsroomView;
  a: AudienceNewsroomMessages;
  status: CommentStatus;
  page: number;
  rows: QueueRow[];
  counts: Record<CommentStatus, number>;
  settings: CommentSettings;
  notice?: { kind: 'error' | 'ok'; text: string };
}) {
  const { v, a, status } = props;
  const d = deskMessages(v.lang);
  const csrf = v.user?.csrfToken ?? '';
  const pages = Math.max(1, Math.ceil(props.counts[status] / MODERATION_PER_PAGE));
  const action = `/newsroom/comments?status=${status}${props.page > 1 ? `&page=${props.page}` : ''}`;
  return (
    <NewsroomLayout v={v} title={a.comments} scripts={['/assets/deskLists.js']}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <nav aria-label={a.comments} class="mod-tabs">
        {statuses.map((s) => (
          <a href={`/newsroom/comments?status=${s}`} aria-current={s === status ? 'page' : undefined}>
            {a.statuses[s]} <span class="mod-count">{props.counts[s]}</span>
          </a>
        ))}
      </nav>
      <details class="mod-keys">
        <summary>
          {d.shortcuts}: {d.shortcutList.map(([key]) => key).join(' ')}
        </summary>
        <dl>
          {d.shortcutList.map(([key, what]) => (
            <>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </>
          ))}
        </dl>
      </details>
      {props.rows.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <>
          <form method="post" action={action} id="mod-bulk" class="desk-bulk">
            <Csrf token={csrf} />
            <div class="desk-filter desk-filter-check">
              <input type="checkbox" id="select-all" data-select-all aria-label={a.selectAll} />
              <label for="select-all">{a.selectAll}</label>
            </div>
            <div class="desk-filter">
              <label for="bulk-action">{a.selected}</label>
              <select id="bulk-action" name="action">
                {(Object.keys(a.actions) as (keyof typeof a.actions)[]).map((k) => (
                  <option value={k}>{a.actions[k]}</option>
                ))}
              </select>
            </div>
            <div class="desk-filter desk-filter-go">
              <button type="submit" class="secondary">
                {a.apply}
              </button>
            </div>
          </form>
          <ol class="mod-list" data-shortcuts>
            {props.rows.map((r) => (
              <li id={`c-${r.id}`} class="mod-row" data-comment-row tabIndex={-1}>
                <div class="mod-meta">
                  <input type="checkbox" name="ids" value={String(r.id)} form="mod-bulk" id={`sel-${r.id}`} aria-label={`${a.select}: ${r.name}`} />
                  <bdi class="mod-name">{r.name}</bdi>
                  {r.siteReply && <span class="status-pill">{d.siteReplyBadge}</span>}
                  {r.email && <small>{r.email}</small>}
                  <small>{props.v.time(r.createdAt)}</small>
                  <a href={`/newsroom/articles/${r.articleId}/edit`}>{r.headline}</a>
                </div>
                <div class="mod-text">
                  {r.parentId !== null && (
                    <small>
                      ↳ {a.isReply} #{r.parentId}
                    </small>
                  )}
                  <CommentText text={r.text} />
                </div>
                <div class="mod-actions">
                  <span class="mod-main">
                    {status !== 'approved' && (
                      <button type="submit" form="mod-bulk" name="one" value={`approve:${r.id}`} data-key="a">
                        {d.approve}
                      </button>
                    )}
                    {status !== 'rejected' && (
                      <button type="submit" form="mod-bulk" name="one" value={`reject:${r.id}`} class="secondary">
                        {a.actions.reject}
                      </button>
                    )}
                  </span>
                  <span class="mod-danger">
                    {actionStatus.spam !== status && (
                      <button type="submit" form="mod-bulk" name="one" value={`spam:${r.id}`} class="danger" data-key="s">
                        {a.actions.spam}…
                      </button>
                    )}
                    <button type="submit" form="mod-bulk" name="one" value={`delete:${r.id}`} class="danger">
                      {a.actions.delete}…
                    </button>
                  </span>
                </div>
                {!r.siteReply && (
                  <details class="mod-reply">
                    <summary>{d.reply}</summary>
                    <form method="post" action={`/newsroom/comments/${r.id}/reply?status=${status}`}>
                      <Csrf token={csrf} />
                      <label for={`reply-${r.id}`}>{d.replyLabel(v.siteName)}</label>
                      <textarea id={`reply-${r.id}`} name="text" rows={3} />
                      <button type="submit">{d.sendReply}</button>
                    </form>
                  </details>
                )}
              </li>
            ))}
          </ol>
          {pages > 1 && (
            <nav class="pager" aria-label={d.pages}>
              {props.page > 1 && (
                <a href={`/newsroom/comments?status=${status}&page=${props.page - 1}`} rel="prev">
                  {d.previous}
                </a>
              )}
              <span class="pager-of">{d.pageOf(props.page, pages, false)}</span>
              {props.page < pages && (
                <a href={`/newsroom/comments?status=${status}&page=${props.page + 1}`} rel="next">
                  {d.next}
                </a>
              )}
            </nav>
          )}
        </>
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

/** Spam and delete ask first: the comments, and one button that does it. */
export function ModerationConfirmPage(props: { v: NewsroomView; a: AudienceNewsroomMessages; action: 'spam' | 'delete'; rows: QueueRow[]; back: string }) {
  const { v, a } = props;
  const d = deskMessages(v.lang);
  const one = props.rows.length === 1;
  return (
    <NewsroomLayout v={v} title={d.confirmTitle}>
      <form method="post" action={props.back} class="desk-confirm">
        <Csrf token={v.user?.csrfToken ?? ''} />
        <input type="hidden" name="action" value={props.action} />
        <input type="hidden" name="confirm" value="1" />
        <p class="desk-question">{one ? (props.action === 'spam' ? d.confirmSpam : d.confirmDelete) : `${d.confirmBulk} (${a.actions[props.action]})`}</p>
        <ul>
          {props.rows.map((r) => (
            <li>
              <input type="hidden" name="ids" value={String(r.id)} />
              <bdi>{r.name}</bdi>: <CommentText text={r.text.length > 300 ? `${r.text.slice(0, 300)}…` : r.text} />
            </li>
          ))}
        </ul>
        <p class="desk-actions">
          <button type="submit" class="danger-solid">
            {a.actions[props.action]}
          </button>{' '}
          <a href={props.back}>{d.cancel}</a>
        </p>
      </form>
    </NewsroomLayout>
  );
}
