import * as crypto from 'node:crypto';

/**
 * Pure helpers for counting a view without tracking the reader: no cookie, no stored IP.
 */

/**
 * One reader's view of one article on one day, as an opaque 64-bit fingerprint (two 32-bit
 * halves of a SHA-256). The salt changes every day and is deleted afterwards, so the key cannot
 * be linked to an IP address later; the article id is mixed in so keys of one reader on
 * different articles cannot be linked to each other either. 64 bits keep a collision between
 * two readers of one day below one in ten million even at a million readers.
 */
export function visitorHash(salt: string, ip: string, userAgent: string, articleId: number): { lo: number; hi: number } {
  const d = sha256(`${salt}\0${ip}\0${userAgent}\0${articleId}`);
  return { lo: d.readUInt32LE(0), hi: d.readUInt32LE(4) };
}

/**
 * One-shot SHA-256 (Node 20.12 and later): about half the cost of a Hash object per beacon. The
 * namespace import keeps earlier Node 20 releases, which lack it, starting with the object.
 */
const sha256: (s: string) => Buffer =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'buffer') : (s) => crypto.createHash('sha256').update(s).digest();

/** The site-local calendar day of an instant, `YYYY-MM-DD` (en-CA formats dates that way). */
export function dayKey(at: Date, timeZone: string): string {
  return dayFormatter(timeZone).format(at);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f;
}

/** The UTC hour an instant falls in, `YYYY-MM-DDTHH`: trending buckets. */
export function hourKey(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/** The day `n` days before `day` (both `YYYY-MM-DD`; calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** `(direct)`: no referrer; `(other)`: something that was not an http(s) URL. */
export const directReferrer = '(direct)';
export const otherReferrer = '(other)';

/**
 * The referring site's host name only (path and query may carry personal data), lower case,
 * without a leading `www.`.
 */
export function referrerDomain(referrer: string | undefined): string {
  if (!referrer) return directReferrer;
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return otherReferrer;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return otherReferrer;
  // URL already gives IDN hosts in punycode, so the result is plain ASCII.
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  return /^[a-z0-9.\-\[\]:]{1,253}$/.test(host) ? host : otherReferrer;
}
