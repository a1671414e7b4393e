import type { Media } from '../../../db/schema.js';
import { variantPath } from '../../../media/variants.js';
import { urls } from '../../../content/urls.js';
import { NewsroomLayout, Notice, type NewsroomView } from './NewsroomLayout.js';

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
