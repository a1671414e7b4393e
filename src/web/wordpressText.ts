import { variantWidths } from '../media/variants.js';

/** Story text as WordPress hands it to apps and feed readers (REST `content`/`excerpt`, RSS). */

const blockTags = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|figure|figcaption|blockquote|tr|td|th|table|pre|hr)\b[^>]*>/gi;

/**
 * WordPress's automatic excerpt (`wp_trim_excerpt`): the text of the body, its first 55 words,
 * then ` [&hellip;]` when there was more, in a paragraph.
 */
export function autoExcerpt(html: string): string {
  const text = html.replace(blockTags, ' ').replace(/<[^<>]*>/g, '').trim();
  if (!text) return '';
  const words = text.split(/\s/u).filter(Boolean);
  return words.length > 55 ? `${words.slice(0, 55).join(' ')} [&hellip;]` : words.join(' ');
}

/**
 * The body as WordPress's `content.rendered` has it: absolute URLs (apps show it outside the
 * site), and every image of our media library with the `srcset` of its stored widths.
 */
export function renderedBody(publicUrl: string, html: string): string {
  const withSrcset = html.replace(/<img\b[^>]*>/gi, (tag) => {
    if (/\ssrcset\s*=/i.test(tag)) return tag;
    const src = /\ssrc\s*=\s*"(\/media\/[^"]+)"/i.exec(tag)?.[1];
    if (!src) return tag;
    const base = src.replace(/(?:-(?:400|800|1200))?\.[a-z0-9]+$/i, '');
    const srcset = variantWidths.map((w) => `${publicUrl}${base}-${w}.jpg ${w}w`).join(', ');
    return `${tag.replace(/\/?>$/, '').trimEnd()} srcset="${srcset}" sizes="(max-width: 1200px) 100vw, 1200px" />`;
  });
  return withSrcset.replace(/(\s(?:src|href|srcset)\s*=\s*")\/(?!\/)/gi, `$1${publicUrl}/`);
}

