import { variantWidths } from '../media/variants.js';

/** Story text as WordPress hands it to apps and feed readers (REST `content`/`excerpt`, RSS). */

const blockTags = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|figure|figcaption|blockquote|tr|td|th|table|pre|hr)\b[^>]*>/gi;

/** Words in an automatic excerpt, as WordPress's `excerpt_length`. */
export const excerptWords = 55;

/** Figures are images with captions and embeds: WordPress's excerpt drops them with their shortcodes. */
const figures = /<figure\b[^>]*>[\s\S]*?<\/figure>/gi;
/** A run between spaces counts as a word when it has a letter, vowel sign or digit (a lone `।` or `—` does not). */
const wordLike = /[\p{L}\p{M}\p{N}]/u;

/**
 * WordPress's automatic excerpt (`wp_trim_excerpt`): the text of the body without its figures,
 * its first 55 words, then ` [&hellip;]` when there was more. Words are split where WordPress
 * splits them (spaces, tabs, newlines; not at ZWJ/ZWNJ, vowel signs or a no-break space), so
 * a Gujarati conjunct is never cut; punctuation standing alone is kept but not counted.
 */
export function autoExcerpt(html: string): string {
  const text = html.replace(figures, ' ').replace(blockTags, ' ').replace(/<[^<>]*>/g, '').trim();
  if (!text) return '';
  const tokens = text.split(/[\n\r\t ]+/).filter(Boolean);
  let counted = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (wordLike.test(tokens[i]!) && ++counted > excerptWords) return `${tokens.slice(0, i).join(' ')} [&hellip;]`;
  }
  return tokens.join(' ');
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

