import type { ArticleStatus, Person, Section } from '../../../db/schema.js';
import type { ArticleSnapshot, FieldChange, RevisionInfo } from '../../../newsroom/revisions.js';
import type { NewsroomArticleRow, DashboardData } from '../../../newsroom/newsroomQueries.js';
import type { Media } from '../../../db/schema.js';
import { roles } from '../../../content/policies.js';
import { variantPath } from '../../../media/variants.js';
import { urls } from '../../../content/urls.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

const istInput = (d: Date | null) =>
  d ? new Date(d.getTime() + 5.5 * 3600_000).toISOString().slice(0, 16) : '';
const ist = (d: Date) =>
  new Intl.DateTimeFormat('en-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' }).format(d);

export function LoginPage(props: { v: NewsroomView; csrf: string; error?: string; email?: string; next?: string }) {
  const { t } = props.v;
  return (
    <NewsroomLayout v={props.v} title={t.login}>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="post" action="/newsroom/login">
        <Csrf token={props.csrf} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <label for="email">{t.email}</label>
        <input id="email" type="email" name="email" autocomplete="username" required value={props.email ?? ''} />
        <label for="password">{t.password}</label>
        <input id="password" type="password" name="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{t.login}</button>
        </p>
      </form>
    </NewsroomLayout>
  );
}

export function ResetPage(props: { v: NewsroomView; csrf: string; token: string; error?: string; done?: boolean }) {
  const { t } = props.v;
  return (
    <NewsroomLayout v={props.v} title={t.resetTitle}>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.done ? (
        <Notice kind="ok">
          {t.saved} · <a href="/newsroom/login">{t.login}</a>
        </Notice>
      ) : (
        <form method="post" action="/newsroom/reset">
          <Csrf token={props.csrf} />
          <input type="hidden" name="token" value={props.token} />
          <label for="password">{t.newPassword}</label>
          <input id="password" type="password" name="password" autocomplete="new-password" required minLength={10} />
          <p>
            <button type="submit">{t.save}</button>
          </p>
        </form>
      )}
    </NewsroomLayout>
  );
}

function ArticleTable(props: { v: NewsroomView; rows: NewsroomArticleRow[]; showReason?: boolean }) {
  const { t } = props.v;
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
              {props.showReason && r.scheduleError && <div class="notice notice-error">{r.scheduleError}</div>}
            </td>
            <td>{r.sectionName}</td>
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

export function DashboardPage(props: { v: NewsroomView; data: DashboardData }) {
  const { t } = props.v;
  const d = props.data;
  return (
    <NewsroomLayout v={props.v} title={t.dashboard}>
      {d.overdue.length > 0 && (
        <section aria-labelledby="overdue-h">
          <h2 id="overdue-h">⚠ {t.overdue}</h2>
          <ArticleTable v={props.v} rows={d.overdue} showReason />
        </section>
      )}
      <section aria-labelledby="review-h">
        <h2 id="review-h">{t.awaitingReview}</h2>
        <ArticleTable v={props.v} rows={d.awaitingReview} />
      </section>
      <section aria-labelledby="sched-h">
        <h2 id="sched-h">{t.scheduled}</h2>
        <ArticleTable v={props.v} rows={d.scheduled} />
      </section>
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{t.recentlyPublished}</h2>
        <ArticleTable v={props.v} rows={d.recentlyPublished} />
      </section>
    </NewsroomLayout>
  );
}

export interface ListFilters {
  status?: ArticleStatus;
  sectionId?: number;
  personId?: number;
  q?: string;
}

export function ArticleListPage(props: { v: NewsroomView; rows: NewsroomArticleRow[]; sections: Section[]; people: Pick<Person, 'id' | 'name'>[]; filters: ListFilters }) {
  const { t } = props.v;
  const f = props.filters;
  return (
    <NewsroomLayout v={props.v} title={t.articles}>
      <form method="get" action="/newsroom/articles" class="filters">
        <label for="f-status">{t.filter}</label>
        <select id="f-status" name="status">
          <option value="">{t.allStatuses}</option>
          {(Object.keys(t.statuses) as ArticleStatus[]).map((s) => (
            <option value={s} selected={f.status === s}>
              {t.statuses[s]}
            </option>
          ))}
        </select>
        <label for="f-section">{t.section}</label>
        <select id="f-section" name="section">
          <option value="">{t.allSections}</option>
          {props.sections.map((s) => (
            <option value={String(s.id)} selected={f.sectionId === s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <label for="f-author">{t.authors}</label>
        <select id="f-author" name="author">
          <option value="">{t.allAuthors}</option>
          {props.people.map((p) => (
            <option value={String(p.id)} selected={f.personId === p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <label for="f-q">{t.search}</label>
        <input id="f-q" type="search" name="q" value={f.q ?? ''} />
        <p>
          <button type="submit">{t.filter}</button>
        </p>
      </form>
      <ArticleTable v={props.v} rows={props.rows} />
    </NewsroomLayout>
  );
}

/** The editor's view of a story: the saved fields plus its state in the workflow. */
export interface EditorData extends Omit<ArticleSnapshot, 'tagIds' | 'language' | 'sectionId'> {
  /** Absent for a story not saved yet. */
  id?: number;
  version: number;
  status: ArticleStatus;
  sectionId: number | null;
  tagNames: string[];
  scheduledFor: Date | null;
  embargoUntil: Date | null;
  /** Where the story is public, when it is. */
  publicPath: string | null;
  /** A live story whose shown text is an edit readers do not see yet. */
  pending: boolean;
}

export function EditorPage(props: {
  v: NewsroomView;
  a: EditorData;
  sections: Section[];
  people: Pick<Person, 'id' | 'name'>[];
  holder?: string;
  canPublish: boolean;
  canUnpublish: boolean;
  notice?: { kind: 'error' | 'ok'; text: string };
}) {
  const { v, a } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  const action = (name: string, label: string, extra?: preact.ComponentChildren) => (
    <form method="post" action={`/newsroom/articles/${a.id}/${name}`}>
      <Csrf token={csrf} />
      {extra}
      <button type="submit" class={name === 'publish' || name === 'update' ? '' : 'secondary'} data-action={name}>
        {label}
      </button>
    </form>
  );
  return (
    <NewsroomLayout v={v} title={a.id ? a.headline || t.newArticle : t.newArticle} scripts={['/assets/build/editor.js']}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      {props.holder && <Notice kind="error">{t.editingNow(props.holder)}</Notice>}
      {a.status === 'published' && (
        <div data-pending hidden={!a.pending}>
          <Notice kind="ok">{t.pendingChanges}</Notice>
        </div>
      )}
      <p>
        <span class="status-pill" data-status={a.status}>
          {t.statuses[a.status]}
        </span>{' '}
        <span class="save-state" id="save-state" data-state="saved" aria-live="polite">
          {t.saved}
        </span>
        {a.publicPath && (
          <>
            {' · '}
            <a href={a.publicPath}>{a.publicPath}</a>
          </>
        )}
      </p>
      <form
        method="post"
        action={a.id ? `/newsroom/articles/${a.id}` : '/newsroom/articles'}
        id="article-form"
        data-article-id={a.id ? String(a.id) : ''}
        data-version={String(a.version)}
        data-labels={JSON.stringify({ saved: t.saved, unsaved: t.unsaved, saving: t.saving })}
      >
        <Csrf token={csrf} />
        <input type="hidden" name="version" value={String(a.version)} />
        <div class="editor-grid">
          <div>
            <label for="headline">{t.headline}</label>
            <input id="headline" type="text" name="headline" required value={a.headline} lang="gu" />
            <label for="dek">{t.dek}</label>
            <textarea id="dek" name="dek" lang="gu">
              {a.dek}
            </textarea>
            <label for="body-html">{t.body}</label>
            <div id="editor" data-for="body-html" />
            <textarea id="body-html" name="bodyHtml" lang="gu" class="body-source">
              {a.bodyHtml}
            </textarea>
            <label for="updateNote">{t.updateNote}</label>
            <input id="updateNote" type="text" name="updateNote" value={a.updateNote} />
          </div>
          <div>
            <label for="sectionId">{t.section}</label>
            <select id="sectionId" name="sectionId" required>
              {props.sections.map((s) => (
                <option value={String(s.id)} selected={a.sectionId === s.id}>
                  {s.parent_id ? `— ${s.name}` : s.name}
                </option>
              ))}
            </select>
            <label for="tagNames">{t.tags}</label>
            <input id="tagNames" type="text" name="tagNames" value={a.tagNames.join(', ')} />
            <label for="authorIds">{t.authors}</label>
            <select id="authorIds" name="authorIds" multiple>
              {props.people.map((p) => (
                <option value={String(p.id)} selected={a.authorIds.includes(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
            <label for="slug">{t.slug}</label>
            <input id="slug" type="text" name="slug" value={a.slug} />
            <label for="featuredMediaId">{t.featuredImage} (ID)</label>
            <input id="featuredMediaId" type="text" inputMode="numeric" name="featuredMediaId" value={a.featuredMediaId ? String(a.featuredMediaId) : ''} />
            <label for="featuredCaption">{t.caption}</label>
            <input id="featuredCaption" type="text" name="featuredCaption" value={a.featuredCaption} />
            <label for="featuredAlt">{t.alt}</label>
            <input id="featuredAlt" type="text" name="featuredAlt" value={a.featuredAlt} />
            <label for="seoTitle">{t.seoTitle}</label>
            <input id="seoTitle" type="text" name="seoTitle" value={a.seoTitle} />
            <label for="seoDescription">{t.seoDescription}</label>
            <textarea id="seoDescription" name="seoDescription">
              {a.seoDescription}
            </textarea>
            <label>
              <input type="checkbox" name="isBreaking" value="1" checked={a.isBreaking} /> {t.breaking}
            </label>
          </div>
        </div>
        <p>
          <button type="submit" id="save-button">
            {t.save}
          </button>
        </p>
      </form>
      {a.id && (
        <section class="actions" aria-label={t.publish}>
          {(a.status === 'draft' || a.status === 'unpublished') && action('submit', t.submit)}
          {props.canPublish && a.status !== 'published' && action('publish', t.publish)}
          {a.status === 'published' && (
            <div data-pending hidden={!a.pending}>
              {props.canPublish && action('update', t.updateLive)}
              {action('discard', t.discardChanges)}
            </div>
          )}
          {props.canPublish &&
            a.status !== 'published' &&
            action(
              'schedule',
              t.schedule,
              <input type="datetime-local" name="at" aria-label={t.atTimeIst} value={istInput(a.scheduledFor)} required />,
            )}
          {props.canPublish &&
            a.status !== 'published' &&
            action(
              'embargo',
              t.embargo,
              <input type="datetime-local" name="at" aria-label={t.atTimeIst} value={istInput(a.embargoUntil)} required />,
            )}
          {props.canPublish && a.status === 'published' && action('correct', t.correct, <input type="text" name="note" aria-label={t.updateNote} required />)}
          {['scheduled', 'embargoed', 'submitted'].includes(a.status) && action('draft', t.backToDraft)}
          {props.canUnpublish && a.status === 'published' && action('unpublish', t.unpublish)}
          {props.canUnpublish && action('archive', t.archive)}
          <p>
            <a href={`/newsroom/articles/${a.id}/revisions`}>{t.revisions}</a>
          </p>
        </section>
      )}
    </NewsroomLayout>
  );
}

export function RevisionsPage(props: { v: NewsroomView; articleId: number; headline: string; revisions: RevisionInfo[]; currentVersion: number; diff?: { from: number; to: number; changes: FieldChange[] } }) {
  const { v } = props;
  const { t } = v;
  return (
    <NewsroomLayout v={v} title={`${t.revisions}: ${props.headline}`}>
      <form method="get" action={`/newsroom/articles/${props.articleId}/revisions`}>
        <table>
          <tbody>
            {props.revisions.map((r) => (
              <tr>
                <td>
                  <input type="radio" name="from" value={String(r.version)} aria-label={`from ${r.version}`} checked={props.diff?.from === r.version} />
                  <input type="radio" name="to" value={String(r.version)} aria-label={`to ${r.version}`} checked={props.diff?.to === r.version} />
                </td>
                <td>v{r.version}</td>
                <td>{r.personName ?? '—'}</td>
                <td>{ist(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <button type="submit">{t.compare}</button>
        </p>
      </form>
      {props.diff && (
        <section aria-label={t.compare} class="diff">
          {props.diff.changes.length === 0 && <p>{t.nothing}</p>}
          {props.diff.changes.map((c) => (
            <div>
              <h2>{c.field}</h2>
              {c.words ? (
                <p>{c.words.map((w) => (w.added ? <ins>{w.value}</ins> : w.removed ? <del>{w.value}</del> : <span>{w.value}</span>))}</p>
              ) : (
                <p>
                  <del>{JSON.stringify(c.before)}</del> → <ins>{JSON.stringify(c.after)}</ins>
                </p>
              )}
            </div>
          ))}
          <form method="post" action={`/newsroom/articles/${props.articleId}/restore`}>
            <Csrf token={v.user?.csrfToken ?? ''} />
            <input type="hidden" name="version" value={String(props.diff.from)} />
            <input type="hidden" name="baseVersion" value={String(props.currentVersion)} />
            <button type="submit">
              {t.restore} v{props.diff.from}
            </button>
          </form>
        </section>
      )}
    </NewsroomLayout>
  );
}

export function AccountPage(props: { v: NewsroomView; notice?: { kind: 'error' | 'ok'; text: string } }) {
  const { v } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  return (
    <NewsroomLayout v={v} title={t.account}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <form method="post" action="/newsroom/account/locale">
        <Csrf token={csrf} />
        <label for="locale">{t.language}</label>
        <select id="locale" name="locale">
          <option value="gu" selected={v.lang === 'gu'}>
            ગુજરાતી
          </option>
          <option value="en" selected={v.lang === 'en'}>
            English
          </option>
        </select>
        <p>
          <button type="submit">{t.save}</button>
        </p>
      </form>
      <form method="post" action="/newsroom/account/password">
        <Csrf token={csrf} />
        <label for="current">{t.currentPassword}</label>
        <input id="current" type="password" name="current" autocomplete="current-password" required />
        <label for="next">{t.newPassword}</label>
        <input id="next" type="password" name="next" autocomplete="new-password" required minLength={10} />
        <p>
          <button type="submit">{t.save}</button>
        </p>
      </form>
    </NewsroomLayout>
  );
}

export function PeoplePage(props: { v: NewsroomView; people: Person[]; notice?: { kind: 'error' | 'ok'; text: string } }) {
  const { v } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  return (
    <NewsroomLayout v={v} title={t.people}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <table>
        <tbody>
          {props.people.map((p) => (
            <tr>
              <td>{p.name}</td>
              <td>{p.email ?? '—'}</td>
              <td>
                <form method="post" action={`/newsroom/people/${p.id}/role`} class="inline">
                  <Csrf token={csrf} />
                  <select name="role" aria-label={t.role}>
                    {roles.map((r) => (
                      <option value={r} selected={p.role === r}>
                        {t.roles[r]}
                      </option>
                    ))}
                  </select>
                  <button type="submit" class="secondary">
                    {t.save}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.invite}</h2>
      <form method="post" action="/newsroom/people">
        <Csrf token={csrf} />
        <label for="p-name">{t.authors}</label>
        <input id="p-name" type="text" name="name" required />
        <label for="p-email">{t.email}</label>
        <input id="p-email" type="email" name="email" required />
        <label for="p-role">{t.role}</label>
        <select id="p-role" name="role">
          {roles.map((r) => (
            <option value={r}>{t.roles[r]}</option>
          ))}
        </select>
        <p>
          <button type="submit">{t.invite}</button>
        </p>
      </form>
    </NewsroomLayout>
  );
}

export function HomeCurationPage(props: { v: NewsroomView; pins: number[]; sections: Section[]; banner: { text: string; url?: string } | null; notice?: { kind: 'error' | 'ok'; text: string } }) {
  const { v } = props;
  const { t } = v;
  const csrf = v.user?.csrfToken ?? '';
  return (
    <NewsroomLayout v={v} title={t.homePage}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <form method="post" action="/newsroom/home">
        <Csrf token={csrf} />
        <label for="pins">{t.pins}</label>
        <input id="pins" type="text" name="pins" value={props.pins.join(', ')} />
        <label for="order">{t.sectionOrder}</label>
        <input id="order" type="text" name="sectionOrder" value={props.sections.filter((s) => s.parent_id === null).map((s) => `${s.id}`).join(', ')} />
        <p class="save-state">{props.sections.filter((s) => s.parent_id === null).map((s) => `${s.id}=${s.name}`).join(' · ')}</p>
        <label for="banner">{t.bannerText}</label>
        <input id="banner" type="text" name="bannerText" value={props.banner?.text ?? ''} />
        <label for="banner-url">{t.bannerUrl}</label>
        <input id="banner-url" type="text" name="bannerUrl" value={props.banner?.url ?? ''} />
        <p>
          <button type="submit">{t.save}</button>
        </p>
      </form>
    </NewsroomLayout>
  );
}

export function MediaPage(props: { v: NewsroomView; items: Media[]; maxBytes: number; notice?: { kind: 'error' | 'ok'; text: string } }) {
  const { v } = props;
  const { t } = v;
  return (
    <NewsroomLayout v={v} title={t.media}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      <form method="post" action={`/newsroom/media?_csrf=${encodeURIComponent(v.user?.csrfToken ?? '')}`} enctype="multipart/form-data">
        <label for="file">
          {t.upload} (JPEG, PNG, WebP, GIF · ≤ {Math.round(props.maxBytes / 1_000_000)} MB)
        </label>
        <input id="file" type="file" name="file" accept="image/jpeg,image/png,image/webp,image/gif" required />
        <label for="m-alt">{t.alt}</label>
        <input id="m-alt" type="text" name="alt" />
        <label for="m-caption">{t.caption}</label>
        <input id="m-caption" type="text" name="caption" />
        <p>
          <button type="submit">{t.upload}</button>
        </p>
      </form>
      <div class="media-grid">
        {props.items.map((m) => (
          <figure data-media-id={m.id}>
            <img src={urls.media(variantPath(m.path, 400, 'webp'))} alt={m.alt} width={400} height={Math.round((400 * m.height) / m.width)} loading="lazy" />
            <figcaption>
              #{m.id} · {m.alt || '—'}
            </figcaption>
          </figure>
        ))}
      </div>
    </NewsroomLayout>
  );
}

export function ForbiddenPage(props: { v: NewsroomView }) {
  return (
    <NewsroomLayout v={props.v} title={props.v.t.notAllowed}>
      <p>
        <a href="/newsroom">{props.v.t.dashboard}</a>
      </p>
    </NewsroomLayout>
  );
}

