import { autop } from './autop.js';

/**
 * WordPress post content → the HTML our sanitizer accepts: shortcodes the newsroom needs
 * ([caption], [gallery], [embed], [audio], [video]) become figures, bare URLs on their own line
 * become embeds (as WordPress's auto-embed does), paragraphs are made the way wpautop makes
 * them. Any other shortcode stays in the text, visible, and is reported: silently dropping
 * it could drop part of a story.
 */

/** An image we already hold: where it lives under /media and what describes it. */
export interface KnownImage {
  src: string;
  alt: string;
  caption: string;
}

export interface ContentContext {
  /** An imported attachment by its WordPress id. */
  imageById(wpId: string): KnownImage | undefined;
  /** An imported attachment by any of its old URLs (size variants included); the new src or undefined. */
  srcForUrl(url: string): string | undefined;
  /** WordPress ids of the images attached to this post, in menu order ([gallery] without ids). */
  attachedTo(): string[];
}

export interface ConvertedContent {
  html: string;
  /** Shortcodes we did not convert, by name. */
  unknownShortcodes: string[];
  /** Other things a person should look at (a gallery with no images, …). */
  notes: string[];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `a="1" b='2' c=3 word` → { a: '1', b: '2', c: '3', 0: 'word' } (WordPress's shortcode_parse_atts). */
export function parseAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // Sticky: each match starts where the last ended (after the spaces between attributes), so
  // the pattern is never retried at every position of a long word.
  const re = /\s*(?:([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$))/gy;
  let positional = 0;
  const normalized = text.replace(/[\u00a0\u200b]/g, ' ');
  for (const m of normalized.matchAll(re)) {
    if (m[1] !== undefined) out[m[1].toLowerCase()] = m[2] ?? '';
    else if (m[3] !== undefined) out[m[3].toLowerCase()] = m[4] ?? '';
    else if (m[5] !== undefined) out[m[5].toLowerCase()] = m[6] ?? '';
    else out[String(positional++)] = m[7] ?? m[8] ?? m[9] ?? '';
  }
  return out;
}

/** Which service an embed URL belongs to; the page turns the link into a player by this name. */
export function embedProvider(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^www\.|^m\./, '');
  } catch {
    return undefined;
  }
  const providers: [RegExp, string][] = [
    [/^(youtube\.com|youtu\.be)$/, 'youtube'],
    [/^(twitter\.com|x\.com)$/, 'x'],
    [/^(facebook\.com|fb\.watch)$/, 'facebook'],
    [/^instagram\.com$/, 'instagram'],
    [/^vimeo\.com$/, 'vimeo'],
    [/^(soundcloud\.com)$/, 'soundcloud'],
    [/^(dailymotion\.com|dai\.ly)$/, 'dailymotion'],
    [/^(spotify\.com|open\.spotify\.com)$/, 'spotify'],
    [/^(flickr\.com|flic\.kr)$/, 'flickr'],
    [/^(tiktok\.com)$/, 'tiktok'],
    [/^(wordpress\.tv)$/, 'wordpress-tv'],
  ];
  return providers.find(([re]) => re.test(host))?.[1];
}

/**
 * The stored embed names its URL (newsroom/sanitize.ts keeps `data-embed` only for hosts the
 * page can show, e.g. YouTube or X); anything else stays a plain link inside the figure.
 */
function embedFigure(url: string): string {
  const u = escapeHtml(url);
  return `\n\n<figure class="embed" data-embed="${u}"><a href="${u}">${u}</a></figure>\n\n`;
}

function imageFigure(img: KnownImage, caption = img.caption): string {
  const cap = caption.trim() ? `<figcaption>${caption.trim()}</figcaption>` : '';
  return `<figure class="image"><img src="${escapeHtml(img.src)}" alt="${escapeHtml(img.alt)}" loading="lazy" />${cap}</figure>`;
}

/** Old upload URLs inside `<img src>` and `<a href>` point at the copies we made, when we made them. */
function rewriteUploadUrls(html: string, ctx: ContentContext): string {
  return html.replace(/(<(?:img|a)\b[^>]*?\s(?:src|href)\s*=\s*)(["'])([^"']+)\2/gi, (m, pre: string, q: string, url: string) => {
    const src = ctx.srcForUrl(url);
    return src ? `${pre}${q}${src}${q}` : m;
  });
}

/** Shortcode names as WordPress allows them: letters, digits, `_` and `-`, not starting with a dash. */
const shortcodeRe = /\[(\[?)([A-Za-z0-9_][\w-]*)(?![\w-])([^\]\/]*(?:\/(?!\])[^\]\/]*)*?)(?:(\/)\]|\](?:([^\[]*(?:\[(?!\/\2\])[^\[]*)*)(\[\/\2\]))?)(\]?)/g;

export function convertContent(raw: string, ctx: ContentContext): ConvertedContent {
  const unknown = new Set<string>();
  const notes: string[] = [];
  const isBlocks = raw.includes('<!-- wp:');
  let text = raw.replace(/\r\n?/g, '\n');

  // Block-editor embeds keep the URL as text inside a wrapper the sanitizer would strip.
  text = text.replace(
    /<figure[^>]*class="[^"]*wp-block-embed[^"]*"[^>]*>\s*<div[^>]*wp-block-embed__wrapper[^>]*>\s*(https?:\/\/[^\s<]+)\s*<\/div>(?:\s*<figcaption[^>]*>[\s\S]*?<\/figcaption>)?\s*<\/figure>/g,
    (_m, url: string) => embedFigure(url),
  );

  text = text.replace(
    shortcodeRe,
    (match, open: string, name: string, attrText: string, _self: string, inner: string | undefined, _closing: string, close: string) => {
      // [[foo]] is WordPress's escape for a literal [foo].
      if (open === '[' && close === ']') return match.slice(1, -1);
      const attrs = parseAttributes(attrText ?? '');
      const lname = name.toLowerCase();
      switch (lname) {
        case 'caption':
        case 'wp_caption': {
          let body = inner ?? '';
          let caption = attrs.caption ?? '';
          const imgEnd = body.search(/<\/a>|<img[^>]*>/i);
          if (!caption && imgEnd !== -1) {
            // The caption is whatever follows the image (or the link around it).
            const m = /^([\s\S]*?(?:<a\b[^>]*>\s*<img[^>]*>\s*<\/a>|<img[^>]*>))([\s\S]*)$/i.exec(body);
            if (m) {
              body = m[1] ?? body;
              caption = (m[2] ?? '').trim();
            }
          }
          const img = /<img[^>]*>/i.exec(body)?.[0];
          if (!img) {
            notes.push('[caption] without an image');
            return caption;
          }
          return `\n\n<figure class="image">${body.trim()}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>\n\n`;
        }
        case 'gallery': {
          const ids = (attrs.ids ?? attrs.include ?? '').split(',').map((s) => s.trim()).filter(Boolean);
          const wanted = ids.length > 0 ? ids : ctx.attachedTo();
          const images = wanted.map((id) => ctx.imageById(id)).filter((i): i is KnownImage => i !== undefined);
          if (wanted.length === 0) notes.push('[gallery] has no attached images');
          else if (images.length < wanted.length) notes.push(`[gallery]: ${images.length} of ${wanted.length} images were imported`);
          return images.length > 0 ? `\n\n${images.map((i) => imageFigure(i)).join('\n\n')}\n\n` : '';
        }
        case 'embed': {
          const url = (inner ?? attrs.src ?? '').trim();
          if (!/^https?:\/\//.test(url)) {
            notes.push('[embed] without a URL');
            return '';
          }
          return embedFigure(url);
        }
        case 'audio':
        case 'video': {
          const url = attrs.src ?? attrs.mp3 ?? attrs.mp4 ?? attrs.m4a ?? attrs.ogg ?? attrs.wav ?? attrs.webm ?? (inner ?? '').trim();
          if (!/^https?:\/\//.test(url)) {
            notes.push(`[${lname}] without a source URL`);
            return '';
          }
          return embedFigure(ctx.srcForUrl(url) ?? url);
        }
        default:
          unknown.add(lname);
          return match;
      }
    },
  );

  // Auto-embed: a URL alone on its line is a player in WordPress.
  text = text.replace(/^[ \t]*(https?:\/\/[^\s<"]+)[ \t]*$/gm, (line, url: string) =>
    embedProvider(url) ? embedFigure(url) : line,
  );

  let html = isBlocks ? text.replace(/<!--\s*\/?wp:[\s\S]*?-->/g, '') : autop(text);
  html = rewriteUploadUrls(html, ctx);
  return { html, unknownShortcodes: [...unknown], notes };
}

/** A post excerpt → a dek: plain text on one line. */
export function excerptToDek(excerpt: string): string {
  return excerpt.replace(/<[^<>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** WordPress stores non-ASCII slugs percent-encoded (`%e0%aa%97…`); we keep the Gujarati. */
export function decodeSlug(slug: string): string {
  if (!slug.includes('%')) return slug;
  try {
    return decodeURIComponent(slug).normalize('NFC');
  } catch {
    return slug;
  }
}
