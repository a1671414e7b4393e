import type { ComponentChildren } from 'preact';
import type { Section } from '../../../db/schema.js';
import { distributionUiMessages } from '../../../i18n/distribution.js';
import { plainText } from '../../../content/sanitize.js';
import { urls } from '../../../content/urls.js';
import { shareCardFonts } from '../../../media/shareCard.js';
import { variantPath } from '../../../media/variants.js';
import { readingStats } from '../../../gujarati/reading.js';
import { workflowMessages, type WorkflowMessages, type WorkflowStep } from '../../../i18n/workflow.js';
import type { BylineChoice, EditorArticle, EditorRights } from '../../../newsroom/newsroomQueries.js';
import type { SentBackNote } from '../../../newsroom/notes.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';
import { istInput } from './format.js';
import { pagesMessages } from '../../../i18n/pages.js';
import { FeaturedImageField } from './FeaturedImageField.js';
import type { PickerImage } from '../mediaPresenter.js';
import { wpModelMessages } from '../../../i18n/wpModel.js';
import { postFormats } from '../../../db/schema.js';

/** A line at the top of the editor: what a step did (with a link to see it), or why it was refused. */
export interface EditorNotice {
  kind: 'error' | 'ok';
  text: string;
  link?: { href: string; label: string };
}

/** A step waiting for the person's yes: a destructive one, or publishing despite warnings. */
export interface PendingConfirmation {
  step: WorkflowStep;
  /** The fields of the form as posted, sent again with the yes. */
  fields: { at?: string; note?: string; version?: number; baseVersion?: number };
  /** Warnings the person is asked to publish over (empty for a destructive step). */
  warnings: string[];
}

/** The question a destructive step asks before it runs. */
export function confirmQuestion(w: WorkflowMessages, c: Pick<PendingConfirmation, 'step' | 'fields'>): string {
  switch (c.step) {
    case 'unpublish':
      return w.confirmUnpublish;
    case 'archive':
      return w.confirmArchive;
    case 'discard':
      return w.confirmDiscard;
    case 'restore':
      return w.confirmRestore(c.fields.version ?? 0);
    default:
      return w.confirmWarnings;
  }
}

/** The social card WhatsApp and Telegram draw from the page's og: tags; the editor script keeps it in step with the fields. */
function SocialCard(props: { v: NewsroomView; a: EditorArticle; image?: string }) {
  const w = workflowMessages(props.v.lang);
  const { a } = props;
  return (
    <section class="social-card" aria-labelledby="social-card-h">
      <h2 id="social-card-h">{w.socialCard}</h2>
      <div class="card-frame">
        {props.image ? <img src={props.image} alt="" data-card-image width={600} height={315} /> : <p class="card-noimage">{w.noImage}</p>}
        <div class="card-text">
          <p class="card-site">{props.v.siteName}</p>
          <p class="card-title" data-card-title>
            {a.seoTitle || a.headline}
          </p>
          <p class="card-desc" data-card-desc>
            {a.seoDescription || a.dek}
          </p>
        </div>
      </div>
    </section>
  );
}

/** The page's og:image: the story's share card as saved (the version busts the browser's copy), else its featured image. */
function socialImage(a: EditorArticle, imagePath: string | undefined): { image?: string } {
  if (a.id && a.kind === 'story' && shareCardFonts()) return { image: `/newsroom/articles/${a.id}/share-card.jpg?v=${a.version}` };
  return imagePath ? { image: urls.media(variantPath(imagePath, 1200, 'jpg')) } : {};
}

/**
 * The editor: the story's fields, its state, and the workflow buttons this person may use in
 * that state. Someone who may only read the story (an author looking at another's published
 * story, a contributor at their own once it is out) gets the same page with the fields
 * disabled and without the editor script, so nothing autosaves and no edit lock is taken.
 */
export function EditorPage(props: {
  v: NewsroomView;
  a: EditorArticle;
  sections: Section[];
  people: BylineChoice[];
  holder?: string;
  rights: EditorRights;
  notice?: EditorNotice;
  /** The editor's note that sent the story back to its writer. */
  note?: SentBackNote;
  previewPath?: string;
  /** The featured image's stored path, shown on the social card as its og:image variant. */
  cardImagePath?: string;
  confirm?: PendingConfirmation;
  /** The featured image as the picker shows it, when the story has one. */
  featured?: PickerImage | undefined;
  maxUploadBytes?: number;
}) {
  const { v, a, rights } = props;
  const { t } = v;
  const p = pagesMessages(v.lang);
  const isPage = a.kind === 'page';
  const newTitle = isPage ? p.newPage : t.newArticle;
  const w = workflowMessages(v.lang);
  const wm = wpModelMessages(v.lang);
  const others = a.secondarySectionIds ?? [];
  const csrf = v.user?.csrfToken ?? '';
  const stats = readingStats(plainText(a.bodyHtml.replace(/<\/(p|h2|h3|li|blockquote|figcaption)>/g, ' ')));
  const status = a.status;
  const published = status === 'published';
  const step = (name: WorkflowStep, label: string, o: { extra?: ComponentChildren; primary?: boolean; confirm?: string } = {}) => (
    <form method="post" action={a.id ? `/newsroom/articles/${a.id}/${name}` : ''} data-step={name} {...(o.confirm && { 'data-confirm': o.confirm })}>
      <Csrf token={csrf} />
      {o.extra}
      <button type="submit" class={o.primary ? '' : 'secondary'} data-action={name}>
        {label}
      </button>
    </form>
  );
  const timeField = (name: 'schedule' | 'embargo', value: Date | null) => (
    <>
      <label for={`${name}-at`}>{name === 'schedule' ? w.scheduleAt : w.embargoUntil}</label>
      <input id={`${name}-at`} type="datetime-local" name="at" value={istInput(value)} required />
    </>
  );
  // What each state offers: a live story is updated, corrected or taken down, never "published" again.
  const mayPublishNow = rights.publish && !published && status !== 'archived';
  const maySchedule = rights.publish && ['draft', 'submitted', 'unpublished', 'scheduled', 'embargoed'].includes(status);
  return (
    <NewsroomLayout v={v} title={a.id ? a.headline || newTitle : newTitle} scripts={rights.edit ? ['/assets/build/editor.js'] : []}>
      {props.notice && (
        <Notice kind={props.notice.kind}>
          {/* "પ્રકાશિત થયું — જુઓ": the sentence runs on into its link. */}
          {props.notice.link ? props.notice.text.replace(/\.$/, '') : props.notice.text}
          {props.notice.link && (
            <>
              {' — '}
              <a href={props.notice.link.href}>{props.notice.link.label}</a>
            </>
          )}
        </Notice>
      )}
      {props.confirm && a.id && (
        <section class="confirm-step notice notice-error" role="alert" aria-labelledby="confirm-h">
          <h2 id="confirm-h">{w.confirmTitle}</h2>
          {props.confirm.warnings.length > 0 && (
            <ul>
              {props.confirm.warnings.map((text) => (
                <li>{text}</li>
              ))}
            </ul>
          )}
          <p>{confirmQuestion(w, props.confirm)}</p>
          <form method="post" action={`/newsroom/articles/${a.id}/${props.confirm.step}`} class="inline">
            <Csrf token={csrf} />
            <input type="hidden" name="confirmed" value="1" />
            {Object.entries(props.confirm.fields).map(([name, value]) =>
              name === 'confirmed' || value === undefined ? null : <input type="hidden" name={name} value={String(value)} />,
            )}
            <button type="submit">{props.confirm.warnings.length > 0 ? w.confirmAnyway : w.confirmYes}</button>
          </form>{' '}
          <a href={`/newsroom/articles/${a.id}/edit`} class="button secondary">
            {w.cancel}
          </a>
        </section>
      )}
      {props.note && (
        <div class="notice notice-error sent-back" role="status">
          <p>
            <strong>{w.sentBackBy(props.note.byName ?? '—', props.v.time(props.note.at))}</strong>
          </p>
          <p class="sent-back-note" lang="gu">
            {props.note.note}
          </p>
        </div>
      )}
      {/* One place for "X is editing": the editor script keeps this same line current. */}
      <div class="editor-notices">
        {props.holder && (
          <p class="notice notice-error lock-holder" role="status">
            {t.editingNow(props.holder)}
          </p>
        )}
      </div>
      {!rights.edit && <Notice kind="ok">{t.readOnly}</Notice>}
      {published && rights.edit && (
        <div data-pending hidden={!a.pending}>
          <Notice kind="ok">{t.pendingChanges}</Notice>
        </div>
      )}
      <div class="editor-status">
        <span class="status-pill" data-status={status}>
          {t.statuses[status]}
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
      </div>
      <div class="preview-panel" data-needs-id hidden={!props.previewPath}>
        <a class="button secondary" id="preview-button" href={props.previewPath ?? ''} target="_blank" rel="noopener">
          {w.preview}
        </a>
        <label for="preview-url">{w.previewLink}</label>
        <span class="copy-row">
          <input id="preview-url" type="text" readOnly value={props.previewPath ?? ''} />
          <button type="button" class="secondary" id="copy-preview" hidden>
            {w.copyLink}
          </button>
        </span>
      </div>
      <form
        method="post"
        action={a.id ? `/newsroom/articles/${a.id}` : isPage ? '/newsroom/pages' : '/newsroom/articles'}
        id="article-form"
        data-kind={a.kind}
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
            <p class="word-count" id="word-count" aria-live="polite">
              {w.wordCount(stats.words, stats.minutes)}
            </p>
          </div>
          <div>
            {isPage ? (
              <p class="hint">{p.pageNote}</p>
            ) : (
              <>
                <label for="sectionId">{t.section}</label>
                <select id="sectionId" name="sectionId" required>
                  {props.sections.map((s) => (
                    <option value={String(s.id)} selected={a.sectionId === s.id}>
                      {s.parent_id ? `— ${s.name}` : s.name}
                    </option>
                  ))}
                </select>
                <label for="secondarySectionIds">{wm.otherSections}</label>
                <select id="secondarySectionIds" name="secondarySectionIds" multiple aria-describedby="other-sections-hint" size={Math.min(6, Math.max(3, props.sections.length))}>
                  {props.sections.map((s) => (
                    <option value={String(s.id)} selected={others.includes(s.id)}>
                      {s.parent_id ? `— ${s.name}` : s.name}
                    </option>
                  ))}
                </select>
                <p class="hint" id="other-sections-hint">
                  {wm.otherSectionsHint}
                </p>
                <label for="tagNames">{t.tags}</label>
                <input id="tagNames" type="text" name="tagNames" value={a.tagNames.join(', ')} />
                <label for="format">{wm.format}</label>
                <select id="format" name="format">
                  {postFormats.map((f) => (
                    <option value={f} selected={(a.format ?? 'standard') === f}>
                      {wm.formats[f]}
                    </option>
                  ))}
                </select>
              </>
            )}
            <label for="authorIds">{t.authors}</label>
            <select id="authorIds" name="authorIds" multiple>
              {props.people.map((p) => (
                <option value={String(p.id)} selected={a.authorIds.includes(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
            <label for="slug">{isPage ? p.pageAddress : t.slug}</label>
            <input id="slug" type="text" name="slug" value={a.slug} />
            <FeaturedImageField v={v} featured={props.featured} id={a.featuredMediaId} maxBytes={props.maxUploadBytes ?? 0} articleId={a.id} />
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
            <SocialCard v={v} a={a} {...socialImage(a, props.cardImagePath)} />
            {!isPage && (
              <label>
                <input type="checkbox" name="isBreaking" value="1" checked={a.isBreaking} /> {t.breaking}
              </label>
            )}
            {!isPage && (
              <>
                <label>
                  <input type="checkbox" name="commentsOpen" value="1" checked={a.commentsOpen ?? true} /> {wm.commentsOpen}
                </label>
                <label for="password">{wm.password}</label>
                <input id="password" type="text" name="password" value={a.password ?? ''} autocomplete="off" spellcheck={false} maxLength={255} aria-describedby="password-hint" />
                <p class="hint" id="password-hint">
                  {wm.passwordHint}
                </p>
              </>
            )}
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
      <section class="actions" aria-labelledby="actions-h" data-needs-id hidden={!a.id}>
        <h2 id="actions-h" class="sr-only">
          {t.publish}
        </h2>
        {published && rights.edit && (
          <div data-pending hidden={!a.pending} class="action-row">
            {rights.publish && step('update', t.updateLive, { primary: true })}
            {step('discard', t.discardChanges, { confirm: w.confirmDiscard })}
          </div>
        )}
        <div class="action-row">
          {rights.edit && (status === 'draft' || status === 'unpublished') && step('submit', t.submit, { primary: !rights.publish })}
          {mayPublishNow && step('publish', t.publish, { primary: true })}
          {rights.sendBack && status === 'submitted' && (
            <details class="send-back">
              <summary>{w.sendBack}</summary>
              {step('sendBack', w.sendBack, {
                extra: (
                  <>
                    <label for="send-back-note">{w.sendBackNote}</label>
                    <textarea id="send-back-note" name="note" lang="gu" required maxLength={2000} />
                  </>
                ),
              })}
            </details>
          )}
        </div>
        {maySchedule && (
          <div class="action-row">
            {step('schedule', t.schedule, { extra: timeField('schedule', a.scheduledFor) })}
            {step('embargo', t.embargo, { extra: timeField('embargo', a.embargoUntil) })}
          </div>
        )}
        {published && rights.publish && (
          <div class="action-row">
            {step('correct', t.correct, {
              extra: (
                <>
                  <label for="correct-note">{w.correctionNote}</label>
                  <input id="correct-note" type="text" name="note" lang="gu" required maxLength={2000} />
                </>
              ),
            })}
          </div>
        )}
        <div class="action-row">
          {rights.edit && ['scheduled', 'embargoed', 'submitted'].includes(status) && step('draft', t.backToDraft)}
          {rights.unpublish && published && step('unpublish', t.unpublish, { confirm: w.confirmUnpublish })}
          {rights.unpublish && status !== 'archived' && step('archive', t.archive, { confirm: w.confirmArchive })}
        </div>
        {rights.viewRevisions && a.id && (
          <p>
            <a href={`/newsroom/articles/${a.id}/revisions`}>{t.revisions}</a>
          </p>
        )}
        {a.id && (
          <p>
            <a href={`/newsroom/articles/${a.id}/deliveries`}>{distributionUiMessages(v.lang).seeDeliveries}</a>
          </p>
        )}
      </section>
    </NewsroomLayout>
  );
}
