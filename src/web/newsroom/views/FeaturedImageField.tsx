import { mediaPickerMessages, pickerLabels } from '../../../i18n/mediaPicker.js';
import type { PickerImage } from '../mediaPresenter.js';
import { newsroomRestMessages } from '../../../i18n/newsroomRest.js';
import type { NewsroomView } from './NewsroomLayout.js';

/**
 * The editor's featured image: a thumbnail with its alt text, never a bare id. The id travels in
 * a hidden input; the editor script's picker (mediaPicker.ts) fills it, with the words and the
 * upload limit it reads from this element. Without the script, a link opens the media library
 * in its "choose for this story" mode, which posts the choice (or its removal) back.
 */
export function FeaturedImageField(props: { v: NewsroomView; featured: PickerImage | undefined; id: number | null; maxBytes: number; articleId?: number | undefined }) {
  const m = mediaPickerMessages(props.v.lang);
  const r = newsroomRestMessages(props.v.lang);
  const img = props.featured;
  return (
    <div class="featured-image" id="featured-image" role="group" aria-labelledby="featured-image-label" data-empty={String(!img)} data-picker-labels={JSON.stringify(pickerLabels(props.v.lang))} data-max-bytes={String(props.maxBytes)}>
      <p class="field-label" id="featured-image-label">
        {props.v.t.featuredImage}
      </p>
      <input type="hidden" name="featuredMediaId" value={props.id ? String(props.id) : ''} />
      <div class="featured-thumb">
        <img hidden={!img} alt={img ? img.alt : ''} {...(img && { src: img.thumb, width: 240, height: Math.round((240 * img.height) / img.width) })} />
        <p class="featured-alt">{img ? img.alt || m.noAlt : m.noFeatured}</p>
      </div>
      <p class="featured-buttons">
        <button type="button" class="secondary" data-featured="choose" hidden>
          {img ? m.changeFeatured : m.chooseFeatured}
        </button>{' '}
        <button type="button" class="secondary" data-featured="remove" hidden>
          {m.removeFeatured}
        </button>
      </p>
      <p class="featured-nojs" data-featured="nojs">
        {props.articleId !== undefined ? <a href={`/newsroom/media?for=${props.articleId}`}>{img ? `${r.changeFeatured} / ${r.clearFeatured}` : r.chooseFromLibrary}</a> : <small class="muted">{r.saveFirst}</small>}
      </p>
    </div>
  );
}
