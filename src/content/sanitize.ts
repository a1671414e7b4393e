import { createRequire } from 'node:module';
import type sanitizeHtmlType from 'sanitize-html';

/**
 * sanitize-html (with htmlparser2, about 14 MB resident) runs only where text is written: it is
 * required on the first call, synchronously, so a reader process that never writes never loads it.
 */
const require = createRequire(import.meta.url);
let loaded: typeof sanitizeHtmlType | undefined;
function sanitizeHtml(html: string, options: sanitizeHtmlType.IOptions): string {
  loaded ??= require('sanitize-html') as typeof sanitizeHtmlType;
  return loaded(html, options);
}

/**
 * Hosts an embed figure may point at (YouTube, X, Instagram, Facebook). The reader checks the
 * URL again, strictly, before building a player (web/reader/embeds.ts, whose list a test keeps
 * equal to this one); here we only refuse to store anything else.
 */
export const embedHosts: readonly string[] = [
  'youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be', 'www.youtube-nocookie.com', 'youtube-nocookie.com',
  'x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com',
  'instagram.com', 'www.instagram.com',
  'facebook.com', 'www.facebook.com', 'm.facebook.com', 'fb.watch',
];

/** `data-embed` is not a URL attribute to sanitize-html, so its scheme and host are checked here. */
function safeEmbedUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'https:' || u.username || u.password || u.port || !embedHosts.includes(u.hostname.toLowerCase())) return undefined;
    return u.href;
  } catch {
    return undefined;
  }
}

/**
 * The allow-list for article bodies. Everything stored passes through here on write, so
 * pages can print bodies as they are. Embeds are stored as plain links inside a marked
 * `figure`; the page turns them into players, never the stored HTML.
 */
const bodyOptions: sanitizeHtmlType.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote',
    'figure', 'figcaption', 'img', 'br', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sub', 'sup', 'code', 'pre',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'decoding', 'srcset', 'sizes'],
    figure: ['class', 'data-embed'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedClasses: { figure: ['image', 'embed'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    // A figure is an image block or an embed block, nothing else; an embed keeps its URL only
    // when it points at a known host over https (a bad one leaves an inert, empty figure).
    figure: (tagName, attribs) => {
      const kind = attribs.class === 'embed' ? 'embed' : attribs.class === 'image' ? 'image' : undefined;
      const url = kind === 'embed' ? safeEmbedUrl(attribs['data-embed']) : undefined;
      return { tagName, attribs: { ...(kind && { class: kind }), ...(url && { 'data-embed': url }) } };
    },
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target === '_blank' ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(flattenDeepNesting(html), bodyOptions);
}

/** Deeper than any real story (tables in lists in quotes are about 10). */
const MAX_BODY_NESTING = 100;
/** Elements that never hold others, and those a new one of the same name closes (`<li>a<li>b`). */
const voidTags = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const closedBySameName = new Set(['p', 'li', 'dt', 'dd', 'option', 'tr', 'td', 'th']);
// A tag name ends where the parser ends it; `[^<>]*` stops at the next `<`, so no character is
// looked at more than a few times.
const tagPattern = /<(\/?)([a-z][^\s/<>]*)(?=[\s/>])[^<>]*>/giu;

/**
 * The HTML parser's cost grows with the square of the nesting depth (100,000 nested `<b>` took
 * 3.5 s). Tags deeper than MAX_BODY_NESTING are dropped, keeping their text; the allow-list
 * runs on the result as always. Bodies within the limit are returned unchanged.
 */
function flattenDeepNesting(html: string): string {
  const open: string[] = [];
  let excess = 0;
  // Only where tags are dropped is the body cut up and joined again.
  const kept: string[] = [];
  let last = 0;
  tagPattern.lastIndex = 0;
  for (let m = tagPattern.exec(html); m !== null; m = tagPattern.exec(html)) {
    const name = m[2]!.toLowerCase();
    let drop = false;
    if (m[1]) {
      if (excess > 0) {
        excess--;
        drop = true;
      } else {
        const at = open.lastIndexOf(name);
        if (at !== -1) open.length = at;
      }
    } else if (!voidTags.has(name)) {
      if (closedBySameName.has(name) && open[open.length - 1] === name) open.pop();
      if (open.length >= MAX_BODY_NESTING) {
        excess++;
        drop = true;
      } else {
        open.push(name);
      }
    }
    if (drop) {
      kept.push(html.slice(last, m.index));
      last = m.index + m[0].length;
    }
  }
  if (last === 0) return html;
  kept.push(html.slice(last));
  return kept.join('');
}

/** Plain-text fields (headline, dek, captions, alt): no markup at all, entities decoded once. */
export function plainText(text: string): string {
  return sanitizeHtml(text, { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'discard' })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/**
 * What an imported comment keeps of its markup: the tags WordPress lets commenters use that
 * change meaning (links, emphasis, quotes, code), links over http(s) only and always marked
 * `nofollow ugc` (a commenter's link earns no ranking and opens nothing else).
 */
const commentOptions: sanitizeHtmlType.IOptions = {
  allowedTags: ['p', 'br', 'a', 'strong', 'b', 'em', 'i', 'blockquote', 'code', 'del', 's'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  transformTags: { a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href && { href: attribs.href }), rel: 'nofollow ugc' } }) },
};

export function sanitizeComment(html: string): string {
  return sanitizeHtml(flattenDeepNesting(html), commentOptions).trim();
}
