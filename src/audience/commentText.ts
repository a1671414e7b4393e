/**
 * Readers' comments are plain text. These pure functions clean what was typed and split it into
 * text and links for the view, which escapes everything: no markup from a reader is ever used.
 */

/** Bidi embeddings/overrides/isolates: they can make text display in a misleading order. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;
/** C0/C1 controls except tab and newline, DEL, and the BOM. ZWJ/ZWNJ (U+200C/D) stay: Gujarati conjuncts need them. */
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFEFF]/g;
/** More than four combining marks in a row is "zalgo" text that paints over the lines around it. */
const loneSurrogates = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const markRuns = /(\p{M}{4})\p{M}+/gu;

function cleanCommon(raw: string): string {
  return raw
    // Lone surrogates cannot be stored as UTF-8 (PostgreSQL refuses them): make them U+FFFD.
    .replace(loneSurrogates, '\uFFFD')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(controls, '')
    .replace(bidiControls, '')
    .replace(markRuns, '$1');
}

/** The comment's text: cleaned, trimmed, at most one blank line between paragraphs. */
export function cleanCommentText(raw: string): string {
  return cleanCommon(raw)
    .replace(/\t/g, ' ')
    // The lookbehind starts a match only where a run of spaces starts: a run not followed by a
    // line break is scanned once, not once per space (60,000 spaces took seconds).
    .replace(/(?<![ \u00A0])[ \u00A0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A name is one line: any run of white space becomes one space. */
export function cleanName(raw: string): string {
  return cleanCommon(raw).replace(/\s+/gu, ' ').trim();
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const urlPattern = /https?:\/\/[^\s<>"'`]+/giu;
/** Punctuation that ends a sentence rather than a URL (including the Gujarati/Devanagari danda). */
const trailing = /(?<![.,;:!?'"”’»)\]}।॥])[.,;:!?'"”’»)\]}।॥]+$/u;

/** Splits text into plain runs and http(s) links; anything that does not parse as a URL stays text. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(urlPattern)) {
    let candidate = m[0];
    const cut = trailing.exec(candidate);
    // Keep a closing parenthesis that closes one inside the URL (Wikipedia-style links).
    if (cut) {
      let tail = cut[0];
      if (tail.startsWith(')') && (candidate.match(/\(/g)?.length ?? 0) > (candidate.slice(0, -tail.length).match(/\)/g)?.length ?? 0)) tail = tail.slice(1);
      candidate = candidate.slice(0, candidate.length - tail.length);
    }
    let href: string;
    try {
      const url = new URL(candidate);
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) continue;
      href = url.href;
    } catch {
      continue;
    }
    const start = m.index ?? 0;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

export function countLinks(text: string): number {
  return linkify(text).filter((p) => p.kind === 'link').length;
}

/** Paragraphs (split on blank lines), each a list of lines. */
export function paragraphs(text: string): string[][] {
  return text.split(/\n{2,}/).map((p) => p.split('\n'));
}
