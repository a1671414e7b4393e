import type { MediaUse } from '../../../media/library.js';
import { mediaAspects } from '../../../media/library.js';
import { mediaPickerMessages } from '../../../i18n/mediaPicker.js';
import type { PickerImage } from '../mediaPresenter.js';
import type { FeaturedChoice } from '../../../newsroom/newsroomQueries.js';
import { newsroomRestMessages } from '../../../i18n/newsroomRest.js';
import { Csrf, NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

export interface LibraryItem {
  image: PickerImage;
  uses: MediaUse[];
}

/**
 * The media library: upload, search (Gujarati or Latin), pages of cards that fit any width;
 * each card edits its alt, caption and crop, says where the image is used, and offers delete
 * only when nothing uses it.
 */
export function MediaPage(props: {
  v: NewsroomView;
  items: LibraryItem[];
  q: string;
  page: number;
  pages: number;
  total: number;
  maxBytes: number;
  /** The "choose for story N" mode: each card offers itself as that story's featured image. */
  choosing?: FeaturedChoice & { current?: PickerImage };
  notice?: { kind: 'error' | 'ok'; text: string };
}) {
  const { v, q, page, pages, choosing } = props;
  const { t } = v;
  const m = mediaPickerMessages(v.lang);
  const r = newsroomRestMessages(v.lang);
  const csrf = v.user?.csrfToken ?? '';
  const link = (p: number) => `/newsroom/media?${new URLSearchParams({ ...(q && { q }), page: String(p), ...(choosing && { for: String(choosing.articleId) }) }).toString()}`;
  const chooseForm = (mediaId: number | null, label: string, img?: PickerImage) =>
    choosing && (
      <form method="post" action={`/newsroom/articles/${choosing.articleId}/featured`} class="inline">
        <Csrf token={csrf} />
        <input type="hidden" name="version" value={String(choosing.version)} />
        <input type="hidden" name="mediaId" value={mediaId === null ? '' : String(mediaId)} />
        {img && <input type="hidden" name="featuredAlt" value={img.alt} />}
        {img && <input type="hidden" name="featuredCaption" value={img.caption} />}
        <button type="submit" class={mediaId === null ? 'secondary' : undefined} aria-label={img ? `${label}: ${img.alt || img.fileName}` : label}>
          {label}
        </button>
      </form>
    );
  return (
    <NewsroomLayout v={v} title={choosing ? r.choosingFor(choosing.headline) : t.media} scripts={['/assets/build/mediaLibrary.js']}>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      {choosing && (
        <section class="panel featured-choice" aria-label={r.choosingFor(choosing.headline)}>
          <p>
            <a href={`/newsroom/articles/${choosing.articleId}/edit`}>{r.backToStory}</a>
          </p>
          {choosing.current ? (
            <div class="featured-thumb">
              <img src={choosing.current.thumb} alt={choosing.current.alt} width={240} height={Math.round((240 * choosing.current.height) / choosing.current.width)} />
              <p class="featured-alt">{choosing.current.alt || m.noAlt}</p>
              {chooseForm(null, r.clearFeatured)}
            </div>
          ) : (
            <p>{r.noFeatured}</p>
          )}
          {choosing.live && <p class="help">{r.featuredPending}</p>}
        </section>
      )}
      <form
        method="post"
        action={`/newsroom/media?_csrf=${encodeURIComponent(csrf)}`}
        enctype="multipart/form-data"
        class="media-upload"
        data-max-bytes={String(props.maxBytes)}
        data-too-big={m.tooBig('{name}', '{size}', '{max}')}
        data-wrong-type={m.wrongType('{name}')}
      >
        <label for="file">
          {t.upload} (JPEG, PNG, WebP, GIF · ≤ {Math.round(props.maxBytes / 1_000_000)} MB)
        </label>
        <input id="file" type="file" name="file" accept="image/jpeg,image/png,image/webp,image/gif" required />
        <p class="notice notice-error" role="alert" hidden data-upload-error />
        <div class="upload-fields">
          <div>
            <label for="m-alt">{m.alt}</label>
            <input id="m-alt" type="text" name="alt" lang="gu" />
          </div>
          <div>
            <label for="m-caption">{m.caption}</label>
            <input id="m-caption" type="text" name="caption" lang="gu" />
          </div>
        </div>
        <p>
          <button type="submit">{t.upload}</button>
        </p>
      </form>
      <form method="get" action="/newsroom/media" class="media-search" role="search">
        <label for="media-q">{m.searchLabel}</label>
        <div class="search-row">
          <input id="media-q" type="search" name="q" value={q} lang="gu" placeholder={m.searchPlaceholder} />
          {choosing && <input type="hidden" name="for" value={String(choosing.articleId)} />}
          <button type="submit">{m.search}</button>
        </div>
      </form>
      <p class="media-count" role="status">
        {props.total === 0 ? (q ? m.nothingFound(q) : m.empty) : m.found(props.total, q)}
      </p>
      <ul class="media-grid">
        {props.items.map(({ image: img, uses }) => {
          const stories = [...new Map(uses.map((u) => [u.articleId, u])).values()];
          const fid = `m${img.id}`;
          return (
            <li class="media-card" data-media-id={String(img.id)}>
              <img src={img.thumb} alt={img.alt} width={400} height={Math.round((400 * img.height) / img.width)} loading="lazy" />
              <p class="media-name" title={img.fileName}>
                {img.fileName}
              </p>
              <p class={img.alt ? 'media-alt' : 'media-alt missing'}>{img.alt || m.noAlt}</p>
              {img.caption && <p class="media-caption">{img.caption}</p>}
              {choosing && choosing.featuredMediaId !== img.id && chooseForm(img.id, r.chooseThis, img)}
              {stories.length > 0 ? (
                <div class="media-uses">
                  <p>{m.usedIn(stories.length)}</p>
                  <ul>
                    {stories.map((u) => (
                      <li>
                        <a href={`/newsroom/articles/${u.articleId}/edit`}>{u.headline || `#${u.articleId}`}</a>{' '}
                        <small>({uses.filter((x) => x.articleId === u.articleId).map((x) => m.useKinds[x.as]).join(', ')})</small>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : (
                <p class="media-uses unused">{m.unused}</p>
              )}
              {img.mayEdit && (
                <details>
                  <summary>{m.edit}</summary>
                  <form method="post" action={`/newsroom/media/${img.id}`}>
                    <Csrf token={csrf} />
                    <input type="hidden" name="q" value={q} />
                    <input type="hidden" name="page" value={String(page)} />
                    <label for={`${fid}-alt`}>{m.alt}</label>
                    <input id={`${fid}-alt`} type="text" name="alt" value={img.alt} lang="gu" />
                    <label for={`${fid}-caption`}>{m.caption}</label>
                    <input id={`${fid}-caption`} type="text" name="caption" value={img.caption} lang="gu" />
                    <label for={`${fid}-aspect`}>{m.crop}</label>
                    <select id={`${fid}-aspect`} name="aspect">
                      {mediaAspects.map((a) => (
                        <option value={a} selected={img.aspect === a}>
                          {m.aspects[a]}
                        </option>
                      ))}
                    </select>
                    <input type="hidden" name="focusX" value={String(img.focusX)} />
                    <input type="hidden" name="focusY" value={String(img.focusY)} />
                    <p class="hint">{m.focus}</p>
                    <div class="picker-stage" data-focus-for={fid} tabIndex={0} role="button" aria-label={`${m.focus}. ${m.focusKeys}`}>
                      <img class="picker-preview-img" src={img.original} alt="" loading="lazy" />
                      <span class="focus-marker" style={`left:${img.focusX * 100}%;top:${img.focusY * 100}%`} />
                    </div>
                    <p>
                      <button type="submit">{m.save}</button>
                    </p>
                  </form>
                  {stories.length === 0 && (
                    <form method="post" action={`/newsroom/media/${img.id}/delete`} data-confirm={m.confirmDelete}>
                      <Csrf token={csrf} />
                      <input type="hidden" name="q" value={q} />
                      <input type="hidden" name="page" value={String(page)} />
                      <button type="submit" class="danger">
                        {m.deleteImage}
                      </button>
                    </form>
                  )}
                </details>
              )}
            </li>
          );
        })}
      </ul>
      {pages > 1 && (
        <nav class="pager" aria-label={m.pagination}>
          {page > 1 ? <a href={link(page - 1)} rel="prev">{m.previous}</a> : <span />}
          <span>{m.pageOf(page, pages)}</span>
          {page < pages ? <a href={link(page + 1)} rel="next">{m.next}</a> : <span />}
        </nav>
      )}
    </NewsroomLayout>
  );
}
