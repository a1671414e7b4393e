// Highlighting: which words of the original text matched, found with the analyzer's offsets so
// the marks land on the words as written (inflected, in any script). Pure. The result is a
// list of segments; views escape the text and wrap marked segments in <mark>.

import { forEachTerm } from './document.js';

export interface Segment {
  text: string;
  mark: boolean;
}

interface Span {
  start: number;
  end: number;
}

/** Offsets of words whose terms are among `terms`. */
function matchedSpans(text: string, terms: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  let sounds = false;
  for (const t of terms) if (t.startsWith('p')) sounds = true;
  forEachTerm(
    text,
    (term, start, end) => {
      if (!terms.has(term)) return;
      if (spans[spans.length - 1]?.start === start) return; // a word's stem and sound both matched
      spans.push({ start, end });
    },
    { sounds },
  );
  return spans;
}

function segmentsOf(text: string, from: number, to: number, spans: Span[]): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < to) out.push({ text: text.slice(at, to), mark: false });
  return out;
}

/** The whole text with matched words marked (headlines). */
export function highlight(text: string, terms: ReadonlySet<string>): Segment[] {
  return segmentsOf(text, 0, text.length, matchedSpans(text, terms));
}

export interface SnippetOptions {
  /** Longest snippet in UTF-16 units before the ellipses (default 240). */
  length?: number;
}

/** Word boundaries: the start of the word at or after `i`, the end of the word at or before `i`. */
function wordStartAfter(text: string, i: number): number {
  if (i <= 0) return 0;
  const m = /[\s\u0964\u0965]+/u.exec(text.slice(i));
  if (!m) return i;
  return /[\s\u0964\u0965]/u.test(text[i - 1] ?? ' ') ? i : i + m.index + m[0].length;
}

function wordEndBefore(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const head = text.slice(0, i);
  const m = /[\s\u0964\u0965][^\s\u0964\u0965]*$/u.exec(head);
  return /[\s]/u.test(text[i] ?? ' ') || !m ? i : m.index + 1;
}

/**
 * A passage of `text` around the densest group of matched words, cut at word boundaries, with
 * `…` where it was cut. With no match, the opening of the text.
 */
export function snippet(text: string, terms: ReadonlySet<string>, options: SnippetOptions = {}): Segment[] {
  const length = Math.max(40, options.length ?? 240);
  const clean = text.replace(/\s+/gu, ' ').trim();
  if (clean === '') return [];
  const spans = matchedSpans(clean, terms);
  let from = 0;
  if (spans.length > 0) {
    // The window that starts a little before some match and holds the most matches.
    let best = 0;
    let bestCount = -1;
    for (let i = 0; i < spans.length; i++) {
      const limit = spans[i]!.start + length * 0.8;
      let n = 0;
      for (let j = i; j < spans.length && spans[j]!.end <= limit; j++) n++;
      if (n > bestCount) {
        bestCount = n;
        best = i;
      }
    }
    from = Math.max(0, spans[best]!.start - Math.floor(length * 0.2));
    if (from > 0) from = wordStartAfter(clean, from);
  }
  let to = Math.min(clean.length, from + length);
  if (to < clean.length) to = Math.max(from + 1, wordEndBefore(clean, to));
  const segs = segmentsOf(clean, from, to, spans);
  const first = segs[0];
  const last = segs[segs.length - 1];
  if (from > 0 && first) segs.unshift({ text: '… ', mark: false });
  if (to < clean.length && last) segs.push({ text: ' …', mark: false });
  return segs;
}

/** Segments as HTML: text escaped, matches in <mark> (for the JSON API's convenience field). */
export function segmentsToHtml(segments: readonly Segment[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return segments.map((s) => (s.mark ? `<mark>${esc(s.text)}</mark>` : esc(s.text))).join('');
}
