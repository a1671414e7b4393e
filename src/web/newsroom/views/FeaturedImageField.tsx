import { mediaPickerMessages, pickerLabels } from '../../../i18n/mediaPicker.js';
import type { PickerImage } from '../mediaPresenter.js';
import type { NewsroomView } from './NewsroomLayout.js';

/**
 * The editor's featured image: a thumbnail with its alt text, never a bare id. The id travels in
 * a hidden input; the editor script's picker (mediaPicker.ts) fills it, with the words and the
 * upload limit it reads from this element.
 */
export function FeaturedImageField(props: { v: NewsroomView; featured: PickerImage | undefined; id: number | null; maxBytes: number }) {
  const m = mediaPickerMessages(props.v.lang);
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
    </div>
  );
}
