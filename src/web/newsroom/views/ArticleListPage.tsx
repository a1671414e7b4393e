import type { ArticleKind, ArticleStatus, Section } from '../../../db/schema.js';
import { pagesMessages } from '../../../i18n/pages.js';
import type { BylineChoice, NewsroomArticlePage } from '../../../newsroom/newsroomQueries.js';
import { deskMessages, type DeskBulkAction, type DeskMessages } from '../../../i18n/desk.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';
import { ArticleTable } from './ArticleTable.js';

/** The list's filters as the query string carries them (dates as typed, `YYYY-MM-DD`). */
export interface ListFilters {
  status?: ArticleStatus;
  kind?: ArticleKind;
  sectionId?: number;
  personId?: number;
  q?: string;
  from?: string;
  to?: string;
}

/** The query string of a filter (and page): the page links and the bulk form's way back. */
export function listQueryString(f: ListFilters, page?: number): string {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.kind) p.set('kind', f.kind);
  if (f.sectionId !== undefined) p.set('section', String(f.sectionId));
  if (f.personId !== undefined) p.set('author', String(f.personId));
  if (f.q) p.set('q', f.q);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (page && page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

const bulkOrder: DeskBulkAction[] = ['publish', 'unpublish', 'archive', 'move', 'tag'];

function Pager(props: { d: DeskMessages; f: ListFilters; page: number; pages: number; more: boolean }) {
  const { d, f, page, pages } = props;
  if (pages <= 1) return null;
  const href = (n: number) => `/newsroom/articles${listQueryString(f, n)}`;
  // A window around the current page, plus the first and the last.
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return (
    <nav class="pager" aria-label={d.pages}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {d.previous}
        </a>
      )}
      {shown.map((n, i) => (
        <>
          {i > 0 && n - shown[i - 1]! > 1 && <span aria-hidden="true">…</span>}
          {n === page ? (
            <span aria-current="page" class="pager-current">
              {n}
            </span>
          ) : (
            <a href={href(n)}>{n}</a>
          )}
        </>
      ))}
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          {d.next}
        </a>
      )}
      <span class="pager-of">{d.pageOf(page, pages, props.more)}</span>
    </nav>
  );
}

export function ArticleListPage(props: {
  v: NewsroomView;
  list: NewsroomArticlePage;
  sections: Section[];
  people: BylineChoice[];
  filters: ListFilters;
  /** Whether this person may use bulk actions at all (each story is still checked). */
  bulk: boolean;
  notice?: { kind: 'error' | 'ok'; text: string };
}) {
  const { t } = props.v;
  const d = deskMessages(props.v.lang);
  const pg = pagesMessages(props.v.lang);
  const f = props.filters;
  const { list } = props;
  return (
    <NewsroomLayout v={props.v} title={t.articles} scripts={props.bulk ? ['/assets/deskLists.js'] : []}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <form method="get" action="/newsroom/articles" class="desk-filters" role="search">
        <div class="desk-filter desk-filter-q">
          <label for="f-q">
            {t.search} <small>({d.searchHint})</small>
          </label>
          <input id="f-q" type="search" name="q" value={f.q ?? ''} />
        </div>
        <div class="desk-filter">
          <label for="f-status">{d.statusColumn}</label>
          <select id="f-status" name="status">
            <option value="">{t.allStatuses}</option>
            {(Object.keys(t.statuses) as ArticleStatus[]).map((s) => (
              <option value={s} selected={f.status === s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="desk-filter">
          <label for="f-kind">{pg.kindFilter}</label>
          <select id="f-kind" name="kind">
            <option value="">{pg.kindAll}</option>
            <option value="story" selected={f.kind === 'story'}>
              {pg.kindStories}
            </option>
            <option value="page" selected={f.kind === 'page'}>
              {pg.kindPages}
            </option>
          </select>
        </div>
        <div class="desk-filter">
          <label for="f-section">{t.section}</label>
          <select id="f-section" name="section">
            <option value="">{t.allSections}</option>
            {props.sections.map((s) => (
              <option value={String(s.id)} selected={f.sectionId === s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="desk-filter">
          <label for="f-author">{t.authors}</label>
          <select id="f-author" name="author">
            <option value="">{t.allAuthors}</option>
            {props.people.map((p) => (
              <option value={String(p.id)} selected={f.personId === p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div class="desk-filter">
          <label for="f-from">{d.changedFrom}</label>
          <input id="f-from" type="date" name="from" value={f.from ?? ''} />
        </div>
        <div class="desk-filter">
          <label for="f-to">{d.changedTo}</label>
          <input id="f-to" type="date" name="to" value={f.to ?? ''} />
        </div>
        <div class="desk-filter desk-filter-go">
          <button type="submit">{d.applyFilters}</button> <a href="/newsroom/articles">{d.clearFilters}</a>
        </div>
      </form>
      <p class="desk-count" role="status">
        {list.totalCapped ? d.foundMore(list.total) : d.found(list.total)}
      </p>
      {props.bulk && list.rows.length > 0 && (
        <form method="post" action={`/newsroom/articles/bulk${listQueryString(f, list.page)}`} id="bulk" class="desk-bulk">
          <Csrf token={props.v.user?.csrfToken ?? ''} />
          <div class="desk-filter">
            <label for="bulk-action">{d.withSelected}</label>
            <select id="bulk-action" name="action">
              {bulkOrder.map((a) => (
                <option value={a}>{d.bulkActions[a]}</option>
              ))}
            </select>
          </div>
          <div class="desk-filter" data-for-action="move">
            <label for="bulk-section">{d.toSection}</label>
            <select id="bulk-section" name="section">
              <option value="">—</option>
              {props.sections.map((s) => (
                <option value={String(s.id)}>{s.name}</option>
              ))}
            </select>
          </div>
          <div class="desk-filter" data-for-action="tag">
            <label for="bulk-tag">{d.tagName}</label>
            <input id="bulk-tag" type="text" name="tag" maxLength={100} />
          </div>
          <div class="desk-filter desk-filter-go">
            <button type="submit">{d.proceed}</button>
          </div>
        </form>
      )}
      <ArticleTable v={props.v} rows={list.rows} {...(props.bulk && { selectable: { form: 'bulk' } })} />
      <Pager d={d} f={f} page={list.page} pages={list.pages} more={list.totalCapped} />
    </NewsroomLayout>
  );
}

/** The step between choosing a bulk action and doing it: what will happen, to which stories. */
export function BulkConfirmPage(props: {
  v: NewsroomView;
  action: DeskBulkAction;
  stories: { id: number; headline: string }[];
  sectionId?: number;
  target: string;
  tag?: string;
  back: string;
}) {
  const d = deskMessages(props.v.lang);
  const n = props.stories.length;
  return (
    <NewsroomLayout v={props.v} title={d.confirmTitle}>
      <form method="post" action={`/newsroom/articles/bulk${props.back}`} class="desk-confirm">
        <Csrf token={props.v.user?.csrfToken ?? ''} />
        <input type="hidden" name="action" value={props.action} />
        <input type="hidden" name="confirm" value="1" />
        {props.sectionId !== undefined && <input type="hidden" name="section" value={String(props.sectionId)} />}
        {props.tag !== undefined && <input type="hidden" name="tag" value={props.tag} />}
        <p class="desk-question">{d.confirmQuestion(props.action, n, props.target)}</p>
        <ul>
          {props.stories.map((s) => (
            <li>
              <input type="hidden" name="ids" value={String(s.id)} />
              {s.headline || d.untitled}
            </li>
          ))}
        </ul>
        <p class="desk-actions">
          <button type="submit">{d.confirmButton(props.action, n)}</button> <a href={`/newsroom/articles${props.back}`}>{d.cancel}</a>
        </p>
      </form>
    </NewsroomLayout>
  );
}

/** What a bulk action did, in words, with each refused story and why. */
export function BulkResultPage(props: {
  v: NewsroomView;
  action: DeskBulkAction;
  done: { id: number; headline: string }[];
  refused: { id: number; headline: string; reason: string }[];
  back: string;
}) {
  const d = deskMessages(props.v.lang);
  const summary = props.refused.length === 0 ? `${d.done(props.action, props.done.length)}.` : `${d.done(props.action, props.done.length)}; ${d.notDone(props.refused.length)}:`;
  return (
    <NewsroomLayout v={props.v} title={d.bulkActions[props.action]}>
      <Notice kind={props.refused.length === 0 ? 'ok' : 'error'}>{summary}</Notice>
      {props.refused.length > 0 && (
        <ul class="desk-refused">
          {props.refused.map((r) => (
            <li>
              <a href={`/newsroom/articles/${r.id}/edit`}>{r.headline || d.untitled}</a>: {r.reason}
            </li>
          ))}
        </ul>
      )}
      {props.done.length > 0 && (
        <ul class="desk-done">
          {props.done.map((r) => (
            <li>
              <a href={`/newsroom/articles/${r.id}/edit`}>{r.headline || d.untitled}</a> ✓
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/newsroom/articles${props.back}`}>{d.backToList}</a>
      </p>
    </NewsroomLayout>
  );
}
