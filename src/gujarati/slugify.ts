// URL slugs for Gujarati (and mixed) headlines.
//
// - `slugify(text)`: readable ASCII (`રશિયાના વિદેશમંત્રી` → `rashiyana-videshmantri`): Gujarati
//   and Devanagari words go through `romanizeReadable` (schwa deletion + overrides), Latin words
//   are kept (lowercased, accents removed), Gujarati digits become ASCII. Only `a-z0-9` and single
//   hyphens; cut at a word boundary at most `maxLength` long; never empty (a short hash-like
//   token stands in when nothing is left, e.g. for emoji-only titles).
// - `slugifyNative(text)`: keeps Gujarati script. Vowel signs and virama are combining marks, so
//   the filter is `[\p{L}\p{M}\p{N}]` (a `[\p{L}\p{N}]` filter would mangle every word).

import { normalize } from './normalize.js';
import { romanizeReadable } from './romanize.js';
import { toAsciiDigits } from './numerals.js';
import { tokenize } from './tokenize.js';

export interface SlugOptions {
  /** Maximum length in characters (default 80). */
  maxLength?: number;
}

/** A short, stable, hash-like token for text that has no usable characters. */
export function slugHash(text: string): string {
  // FNV-1a, 32 bit
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `n${h.toString(36)}`;
}

function asciiWord(word: string): string {
  let s = romanizeReadable(word);
  s = toAsciiDigits(s)
    .replace(/(?<=[0-9]),(?=[0-9])/gu, '') // 1,200 → 1200
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/gu, '');
  s = s.toLowerCase().replace(/ß/gu, 'ss').replace(/æ/gu, 'ae').replace(/ø/gu, 'o').replace(/đ/gu, 'd').replace(/ł/gu, 'l');
  return s.replace(/[^a-z0-9]+/gu, '-').replace(/^-+|(?<!-)-+$/gu, '');
}

function cut(parts: string[], maxLength: number, sep = '-'): string {
  let out = '';
  for (const p of parts) {
    if (!p) continue;
    const next = out ? `${out}${sep}${p}` : p;
    if ([...next].length > maxLength) {
      if (!out) return [...p].slice(0, maxLength).join('').replace(/(?<!-)-+$/u, ''); // one very long word
      break;
    }
    out = next;
  }
  return out;
}

/** Readable ASCII slug: lowercase a-z, 0-9 and hyphens, ≤ maxLength, never empty. */
export function slugify(text: string, options: SlugOptions = {}): string {
  const maxLength = Math.max(8, options.maxLength ?? 80);
  const src = normalize(text ?? '');
  const parts = tokenize(src).map((t) => asciiWord(t.text)).filter(Boolean);
  const slug = cut(parts.flatMap((p) => p.split('-')), maxLength);
  return slug || slugHash(src);
}

/** Gujarati-script slug: words of letters, marks and digits joined by hyphens, ≤ maxLength code points. */
export function slugifyNative(text: string, options: SlugOptions = {}): string {
  const maxLength = Math.max(8, options.maxLength ?? 80);
  const src = normalize(text ?? '');
  const parts = tokenize(src).map((t) =>
    t.text
      .replace(/[\u200C\u200D]/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-'),
  );
  const slug = cut(parts, maxLength);
  return slug || slugHash(src);
}

/**
 * WordPress's own slug budget: `sanitize_title` cuts the percent-encoded slug at 200 bytes
 * (`post_name` is VARCHAR(200)). A longer one, from an export edited by hand or a plugin, is cut
 * here at a grapheme boundary so no conjunct or vowel sign is split, and no hyphen is left dangling.
 */
export const slugByteBudget = 200;

const graphemes = new Intl.Segmenter('gu', { granularity: 'grapheme' });

/** `slug` cut to at most `budget` bytes percent-encoded (its URL length), whole graphemes only. */
export function clampSlug(slug: string, budget = slugByteBudget): string {
  if (encodeURIComponent(slug).length <= budget) return slug;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(slug)) {
    const cost = encodeURIComponent(segment).length;
    if (used + cost > budget) break;
    out += segment;
    used += cost;
  }
  return out.replace(/(?<!-)-+$/u, '') || slugHash(slug);
}
