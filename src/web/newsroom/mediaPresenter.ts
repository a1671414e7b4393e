import { mayChangeMedia, type Actor } from '../../content/policies.js';
import { urls } from '../../content/urls.js';
import type { Media, MediaAspect } from '../../db/schema.js';
import { variantPath, variantWidths } from '../../media/variants.js';

/** One image as the editor's picker shows and places it. */
export interface PickerImage {
  id: number;
  width: number;
  height: number;
  alt: string;
  caption: string;
  fileName: string;
  /** 400 px WebP for the grid and the featured-image field. */
  thumb: string;
  /** The 800 px JPEG variant, and every width as a srcset: what a body image carries. */
  src: string;
  srcset: string;
  /** The original as uploaded (uncropped), for choosing the focal point. */
  original: string;
  aspect: MediaAspect;
  focusX: number;
  focusY: number;
  /** May this person change its alt, caption and crop? */
  mayEdit: boolean;
}

export function pickerImage(m: Media, who: Actor): PickerImage {
  return {
    id: m.id,
    width: m.width,
    height: m.height,
    alt: m.alt,
    caption: m.caption,
    fileName: m.file_name || (m.path.split('/').pop() ?? ''),
    thumb: urls.media(variantPath(m.path, 400, 'webp')),
    src: urls.media(variantPath(m.path, 800, 'jpg')),
    srcset: variantWidths.map((w) => `${urls.media(variantPath(m.path, w, 'jpg'))} ${Math.min(w, m.width)}w`).join(', '),
    original: urls.media(m.path),
    aspect: m.aspect,
    focusX: m.focus_x,
    focusY: m.focus_y,
    mayEdit: mayChangeMedia(who, { uploadedBy: m.uploaded_by }),
  };
}

