// Embeds, from stored block to reader's player. The body stores an embed only as
// `<figure class="embed" data-embed="URL">…</figure>` (see newsroom/sanitize.ts); the page
// builds the player here, at render time, from the URL alone — nothing else in the stored
// figure is ever printed. No code in this file touches Node APIs: the editor bundle uses
// `recognizeEmbed` too, so what the editor accepts is exactly what the page can show.

export type EmbedProvider = 'youtube' | 'x' | 'instagram' | 'facebook';

export interface RecognizedEmbed {
  provider: EmbedProvider;
  /** The canonical https URL readers are sent to (the link card, or the iframe's fallback). */
  url: string;
  /** YouTube only: the 11-character video id. */
  videoId?: string;
  /** YouTube only: where to start, in seconds. */
  start?: number;
}

const hostsOf: Record<EmbedProvider, readonly string[]> = {
  youtube: ['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtu.be', 'www.youtube-nocookie.com', 'youtube-nocookie.com'],
  x: ['x.com', 'www.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com'],
  instagram: ['instagram.com', 'www.instagram.com'],
  facebook: ['facebook.com', 'www.facebook.com', 'm.facebook.com', 'fb.watch'],
};

/** Every host an embed may point at; the sanitizer keeps `data-embed` only for these. */
export const embedHosts: readonly string[] = Object.values(hostsOf).flat();

const videoId = /^[A-Za-z0-9_-]{11}$/;

/** `1m30s`, `90s` or `90` → 90. */
function seconds(raw: string | null): number | undefined {
  if (!raw) return undefined;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(raw);
  if (!m || raw === '') return undefined;
  const total = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return total > 0 && total < 86_400 ? total : undefined;
}

function youtube(u: URL): RecognizedEmbed | undefined {
  let id: string | undefined;
  const parts = u.pathname.split('/').filter(Boolean);
  if (u.hostname === 'youtu.be') id = parts[0];
  else if (u.pathname === '/watch') id = u.searchParams.get('v') ?? undefined;
  else if (parts.length === 2 && ['embed', 'shorts', 'live', 'v'].includes(parts[0]!)) id = parts[1];
  if (!id || !videoId.test(id)) return undefined;
  const start = seconds(u.searchParams.get('t') ?? u.searchParams.get('start'));
  return { provider: 'youtube', url: `https://www.youtube.com/watch?v=${id}`, videoId: id, ...(start && { start }) };
}

/** Social posts are shown as link cards: the path must look like a post, not any page. */
const postPaths: Record<Exclude<EmbedProvider, 'youtube'>, RegExp> = {
  x: /^\/[A-Za-z0-9_]{1,15}\/status\/\d{1,25}\/?$/,
  instagram: /^\/(?:[A-Za-z0-9_.]{1,30}\/)?(?:p|reel|tv)\/[A-Za-z0-9_-]{5,40}\/?$/,
  facebook: /^\/[A-Za-z0-9_./-]{1,200}$/,
};

/**
 * The embed a URL stands for, or undefined when it is not one we show: https only, one of
 * the known hosts, and a path that names a video or post. Credentials and ports are refused.
 */
export function recognizeEmbed(raw: string): RecognizedEmbed | undefined {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return undefined;
  const host = u.hostname.toLowerCase();
  const provider = (Object.keys(hostsOf) as EmbedProvider[]).find((p) => hostsOf[p].includes(host));
  if (!provider) return undefined;
  if (provider === 'youtube') return youtube(u);
  if (!postPaths[provider].test(u.pathname)) return undefined;
  // Query strings on social links are tracking noise (and a place to smuggle text): dropped.
  return { provider, url: `https://${host}${u.pathname}` };
}

export interface EmbedLabels {
  /** Accessible name of a YouTube player. */
  video: string;
  /** "See this post on X" and the like, per provider. */
  viewOn: (provider: string) => string;
}

export const gujaratiEmbedLabels: EmbedLabels = {
  video: 'YouTube વિડિયો',
  viewOn: (provider) => `${provider} પર જુઓ`,
};

export const englishEmbedLabels: EmbedLabels = {
  video: 'YouTube video',
  viewOn: (provider) => `View on ${provider}`,
};

const providerNames: Record<EmbedProvider, string> = { youtube: 'YouTube', x: 'X', instagram: 'Instagram', facebook: 'Facebook' };

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The reader's HTML for one embed: built from parsed parts only, every value escaped. */
export function embedHtml(e: RecognizedEmbed, labels: EmbedLabels = gujaratiEmbedLabels): string {
  const name = providerNames[e.provider];
  if (e.provider === 'youtube' && e.videoId) {
    const src = `https://www.youtube-nocookie.com/embed/${e.videoId}${e.start ? `?start=${e.start}` : ''}`;
    return (
      `<figure class="embed embed-youtube"><div class="embed-frame">` +
      `<iframe src="${escapeAttr(src)}" title="${escapeAttr(labels.video)}" loading="lazy" ` +
      `allow="accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen" ` +
      `referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe></div></figure>`
    );
  }
  const host = new URL(e.url).hostname.replace(/^www\./, '');
  return (
    `<figure class="embed embed-card embed-${e.provider}">` +
    `<a href="${escapeAttr(e.url)}" rel="noopener noreferrer nofollow" target="_blank">` +
    `<strong>${escapeText(labels.viewOn(name))}</strong> <span>${escapeText(host)}</span></a></figure>`
  );
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1]?.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&');
};

/**
 * Turns every `figure.embed` in a sanitized body into its player or link card. An embed
 * whose URL is not recognized is dropped (it was checked on write, so this only happens
 * when the rules tighten later). Everything else in the body passes through untouched.
 *
 * The body comes from sanitize-html, so tags are well-formed and `<` never occurs inside
 * attribute values or text: scanning for `<figure` / `</figure>` tokens (counting depth, as
 * a figure may hold another) is exact, without a DOM.
 */
export function renderEmbeds(bodyHtml: string, labels: EmbedLabels = gujaratiEmbedLabels): string {
  if (!bodyHtml.includes('data-embed')) return bodyHtml;
  const token = /<figure\b[^>]*>|<\/figure>/g;
  let out = '';
  let copied = 0;
  let m: RegExpExecArray | null;
  while ((m = token.exec(bodyHtml))) {
    const open = m[0];
    if (open.startsWith('</') || !/\sclass="embed"/.test(open)) continue;
    // Find this figure's own closing tag.
    let depth = 1;
    let end = bodyHtml.length;
    let t: RegExpExecArray | null;
    while ((t = token.exec(bodyHtml))) {
      depth += t[0].startsWith('</') ? -1 : 1;
      if (depth === 0) {
        end = t.index + t[0].length;
        break;
      }
    }
    const recognized = recognizeEmbed(attr(open, 'data-embed') ?? '');
    out += bodyHtml.slice(copied, m.index) + (recognized ? embedHtml(recognized, labels) : '');
    copied = end;
    token.lastIndex = end;
  }
  return out + bodyHtml.slice(copied);
}

/**
 * A video or audio story leads with its player: the body's first embed block, taken out of the
 * body (the rest returned) so it is not shown twice. Undefined when the body has none.
 */
export function splitLeadEmbed(bodyHtml: string): { lead: string; rest: string } | undefined {
  if (!bodyHtml.includes('data-embed')) return undefined;
  const token = /<figure\b[^>]*>|<\/figure>/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(bodyHtml))) {
    if (m[0].startsWith('</') || !/\sclass="embed"/.test(m[0]) || !recognizeEmbed(attr(m[0], 'data-embed') ?? '')) continue;
    const start = m.index;
    let depth = 1;
    let t: RegExpExecArray | null;
    while ((t = token.exec(bodyHtml))) {
      depth += t[0].startsWith('</') ? -1 : 1;
      if (depth === 0) {
        const end = t.index + t[0].length;
        return { lead: bodyHtml.slice(start, end), rest: bodyHtml.slice(0, start) + bodyHtml.slice(end) };
      }
    }
    return undefined;
  }
  return undefined;
}
