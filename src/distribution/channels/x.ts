// X (Twitter) adapter: POST /2/tweets with OAuth 1.0a user-context signing; DELETE on unpublish.
// X cannot edit a post through the API, so updates and corrections leave the post as it is.
//
// Length as X counts it (twitter-text's config v3, github.com/twitter/twitter-text config/v3.json):
// after NFC, each code point weighs 2 except U+0000–U+10FF and three punctuation ranges in
// U+2000–U+2037, which weigh 1; an emoji sequence weighs 2 in all; every URL weighs 23 (t.co).
// Gujarati (U+0A80–U+0AFF) lies in the light range: ગુજરાત is 6 code points and counts 6.
// ZWJ (U+200D) and ZWNJ (U+200C) are in U+2000–U+200D and count 1 each. The twitter-text package
// itself is unmaintained since 2021 and brings core-js and twemoji-parser, so the documented
// weighting is implemented here; emoji are recognised by Unicode properties, not twemoji's list.
import { z } from 'zod';
import { distributionPostTexts } from '../../i18n/distribution.js';
import { parseJson, retryAfterMs, send, statusOutcome, unansweredOutcome } from './http.js';
import { oauth1Header } from './oauth1.js';
import { splitGraphemes, trimEndWhile, trimLineEnds, truncate } from './text.js';
import type { ChannelAdapter, DeliveryOutcome, StoryMessage } from './types.js';

export const xTextConfig = {
  maxWeightedLength: 280,
  scale: 100,
  defaultWeight: 200,
  transformedUrlLength: 23,
  ranges: [
    [0, 4351, 100],
    [8192, 8205, 100],
    [8208, 8223, 100],
    [8242, 8247, 100],
  ],
} as const;

const urlPattern = /https?:\/\/[^\s<>"]+/gu;
const emojiGrapheme = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

function codePointWeight(cp: number): number {
  for (const [start, end, weight] of xTextConfig.ranges) if (cp >= start && cp <= end) return weight;
  return xTextConfig.defaultWeight;
}

function plainWeight(text: string): number {
  let total = 0;
  for (const g of splitGraphemes(text)) {
    const cps = Array.from(g, (c) => c.codePointAt(0)!);
    const isEmoji = emojiGrapheme.test(g) && (cps.some((cp) => cp > 4351) || g.includes('\uFE0F'));
    total += isEmoji ? xTextConfig.defaultWeight : cps.reduce((sum, cp) => sum + codePointWeight(cp), 0);
  }
  return total;
}

/** A post's length as X counts it (see the top of this file). */
export function xWeightedLength(text: string): number {
  const normalized = text.normalize('NFC');
  let total = 0;
  let at = 0;
  for (const m of normalized.matchAll(urlPattern)) {
    // Trailing punctuation is not part of the link.
    const url = trimEndWhile(m[0], (c) => '.,!?;:)]\'"»।'.includes(c));
    total += plainWeight(normalized.slice(at, m.index)) + xTextConfig.transformedUrlLength * xTextConfig.scale;
    at = m.index + url.length;
  }
  total += plainWeight(normalized.slice(at));
  return total / xTextConfig.scale;
}

/** Below this many graphemes a cut dek says nothing; it is left out instead. */
const shortestDek = 24;

/**
 * Fills the plain-text template ({headline} {dek} {url} {section} {breaking}) and fits it in 280
 * as X counts: the dek is shortened (or left out), then the headline; the URL is never cut.
 */
export function composeXText(message: StoryMessage, template: string): string | null {
  const texts = distributionPostTexts(message.language);
  const fill = (headline: string, dek: string) =>
    trimLineEnds(
      template.replace(/\{(headline|dek|url|section|breaking)\}/g, (_, name: string) =>
        name === 'headline' ? headline : name === 'dek' ? dek : name === 'url' ? message.url : name === 'section' ? message.sectionName : message.breaking ? texts.breakingPrefix : '',
      ),
    )
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  const max = xTextConfig.maxWeightedLength;
  const headline = message.headline.trim();
  const dek = message.dek.trim();
  const full = fill(headline, dek);
  if (xWeightedLength(full) <= max) return full;
  const withoutDek = fill(headline, '');
  const room = max - xWeightedLength(withoutDek);
  if (dek !== '' && room > 0) {
    const cut = truncate(dek, room, xWeightedLength);
    if (splitGraphemes(cut).length >= shortestDek) {
      const text = fill(headline, cut);
      if (xWeightedLength(text) <= max) return text;
    }
  }
  if (xWeightedLength(withoutDek) <= max) return withoutDek;
  const headlineRoom = max - xWeightedLength(fill('', ''));
  const cutHeadline = truncate(headline, headlineRoom, xWeightedLength);
  if (cutHeadline === '') return null;
  const text = fill(cutHeadline, '');
  return xWeightedLength(text) <= max ? text : null;
}

export const xConfigSchema = z.object({
  /** API key (consumer key) of the X app. */
  consumerKey: z.string().min(1),
  /** API key secret. */
  consumerSecret: z.string().min(1),
  /** Access token of the account that posts. */
  accessToken: z.string().min(1),
  /** Access token secret. */
  accessTokenSecret: z.string().min(1),
  /** The account's handle without @, for links to posts. */
  username: z.string().regex(/^[A-Za-z0-9_]{1,15}$/).optional(),
  /** Plain-text template with {headline} {dek} {url} {section} {breaking}. */
  template: z.string().min(1).max(1000).default('{breaking}{headline}\n\n{dek}\n\n{url}'),
  /** API base; changed only for tests. */
  apiBase: z.url().default('https://api.x.com'),
});
export type XConfig = z.infer<typeof xConfigSchema>;

export const xMemorySchema = z.object({ postId: z.string().regex(/^\d+$/) });
export type XMemory = z.infer<typeof xMemorySchema>;

const problemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  errors: z.array(z.object({ message: z.string().optional() })).optional(),
});

/** X's own words from an error answer (`detail`, else the first `errors[].message`, else `title`). */
function problemText(status: number, body: string): string {
  const p = problemSchema.safeParse(parseJson(body));
  if (!p.success) return `HTTP ${status}`;
  return p.data.detail ?? p.data.errors?.[0]?.message ?? p.data.title ?? `HTTP ${status}`;
}

function postUrl(config: XConfig, id: string): string {
  return config.username ? `https://x.com/${config.username}/status/${id}` : `https://x.com/i/web/status/${id}`;
}

export const xAdapter: ChannelAdapter<XConfig, XMemory> = {
  type: 'x',
  configSchema: xConfigSchema,
  memorySchema: xMemorySchema,
  handles: ['published', 'breaking', 'unpublished'],
  async deliver({ message, config, previous, network }): Promise<DeliveryOutcome<XMemory>> {
    const credentials = { consumerKey: config.consumerKey, consumerSecret: config.consumerSecret, token: config.accessToken, tokenSecret: config.accessTokenSecret };
    const base = config.apiBase.replace(/\/$/, '');
    if (message.kind === 'unpublished') {
      if (previous === null) return { status: 'sent', remoteId: null, remoteUrl: null, memory: null, unchanged: true };
      const url = `${base}/2/tweets/${previous.postId}`;
      const r = await send({ method: 'DELETE', url, headers: { authorization: oauth1Header(credentials, { method: 'DELETE', url }) } }, network);
      if (r.kind !== 'answered') return unansweredOutcome(r);
      if ((r.status >= 200 && r.status < 300) || r.status === 404) return { status: 'sent', remoteId: null, remoteUrl: null, memory: null };
      return statusOutcome(r.status, problemText(r.status, r.body), retryAfterMs(r.headers['retry-after']));
    }
    // X cannot edit through the API; a story already posted stays as posted.
    if (previous !== null) return { status: 'sent', remoteId: previous.postId, remoteUrl: postUrl(config, previous.postId), memory: previous, unchanged: true };
    const text = composeXText(message, config.template);
    if (text === null) return { status: 'failed', reason: 'tooLong', detail: 'the template does not fit 280 even without the dek' };
    const url = `${base}/2/tweets`;
    const r = await send(
      { method: 'POST', url, headers: { 'content-type': 'application/json', authorization: oauth1Header(credentials, { method: 'POST', url }) }, body: JSON.stringify({ text }) },
      network,
    );
    if (r.kind !== 'answered') return unansweredOutcome(r);
    if (r.status >= 200 && r.status < 300) {
      const id = z.object({ data: z.object({ id: z.string().regex(/^\d+$/) }) }).safeParse(parseJson(r.body));
      if (!id.success || !r.complete) return { status: 'unknown', reason: 'unreadableAnswer', detail: `HTTP ${r.status}: ${r.body.slice(0, 200)}` };
      return { status: 'sent', remoteId: id.data.data.id, remoteUrl: postUrl(config, id.data.data.id), memory: { postId: id.data.data.id } };
    }
    // X says when the window resets (x-rate-limit-reset, epoch seconds) rather than Retry-After.
    const reset = Number(r.headers['x-rate-limit-reset']);
    const wait = retryAfterMs(r.headers['retry-after']) ?? (Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : null);
    return statusOutcome(r.status, problemText(r.status, r.body), wait);
  },
};
