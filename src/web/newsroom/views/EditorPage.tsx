import type { Section } from '../../../db/schema.js';
import type { BylineChoice, EditorArticle, EditorRights } from '../../../newsroom/newsroomQueries.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';
import { istInput } from './format.js';
import { FeaturedImageField } from './FeaturedImageField.js';
import type { PickerImage } from '../mediaPresenter.js';

/**
 * The editor: the story's fields, its state, and the workflow buttons this person may use.
 * Someone who may only read the story (an author looking at another's published story, a
 * contributor at their own once it is out) gets the same page with the fields disabled and
 * without the editor script, so nothing autosaves and no edit lock is taken.
 */
export function EditorPage(props: {
  v: NewsroomView;
  a: EditorArticle;
  sections: Section[];
  people: BylineChoice[];
  holder?: string;
  rights: EditorRights;
  notice?: { kind: 'error' | 'ok'; text: string };
  /** The featured image as the picker shows it, when the story has one. */
  featured?: PickerImage | undefined;
  maxUploadBytes?: number;
}) {
  const { v, a, rights } = props;
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
    <NewsroomLayout v={v} title={a.id ? a.headline || t.newArticle : t.newArticle} scripts={rights.edit ? ['/assets/build/editor.js'] : []}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      {props.holder && <Notice kind="error">{t.editingNow(props.holder)}</Notice>}
      {!rights.edit && <Notice kind="ok">{t.readOnly}</Notice>}
      {a.status === 'published' && rights.edit && (
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
        <fieldset class="editor-fields" disabled={!rights.edit}>
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
            <FeaturedImageField v={v} featured={props.featured} id={a.featuredMediaId} maxBytes={props.maxUploadBytes ?? 0} />
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
        </fieldset>
        {rights.edit && (
          <p>
            <button type="submit" id="save-button">
              {t.save}
            </button>
          </p>
        )}
      </form>
      {a.id && (
        <section class="actions" aria-label={t.publish}>
          {rights.edit && (a.status === 'draft' || a.status === 'unpublished') && action('submit', t.submit)}
          {rights.publish && a.status !== 'published' && action('publish', t.publish)}
          {a.status === 'published' && rights.edit && (
            <div data-pending hidden={!a.pending}>
              {rights.publish && action('update', t.updateLive)}
              {action('discard', t.discardChanges)}
            </div>
          )}
          {rights.publish &&
            a.status !== 'published' &&
            action(
              'schedule',
              t.schedule,
              <input type="datetime-local" name="at" aria-label={t.atTimeIst} value={istInput(a.scheduledFor)} required />,
            )}
          {rights.publish &&
            a.status !== 'published' &&
            action(
              'embargo',
              t.embargo,
              <input type="datetime-local" name="at" aria-label={t.atTimeIst} value={istInput(a.embargoUntil)} required />,
            )}
          {rights.publish && a.status === 'published' && action('correct', t.correct, <input type="text" name="note" aria-label={t.updateNote} required />)}
          {rights.edit && ['scheduled', 'embargoed', 'submitted'].includes(a.status) && action('draft', t.backToDraft)}
          {rights.unpublish && a.status === 'published' && action('unpublish', t.unpublish)}
          {rights.unpublish && action('archive', t.archive)}
          {rights.viewRevisions && (
            <p>
              <a href={`/newsroom/articles/${a.id}/revisions`}>{t.revisions}</a>
            </p>
          )}
        </section>
      )}
    </NewsroomLayout>
  );
}
