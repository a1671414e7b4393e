// Share cards: the 1200×630 picture WhatsApp, Telegram, X and Facebook show for a story — its
// headline in Noto Sans Gujarati over the story's image (darkened) or the section's colour,
// with the site's logo and name. Text goes through Pango and HarfBuzz (sharp's text input), so
// conjuncts, reph, nukta and ZWJ/ZWNJ shape as in a browser; lines are broken here, by widths
// measured with that same renderer, so no line can leave the card.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { OverlayOptions } from 'sharp';
import { loadSharp } from './sharp.js';
import type { DB } from '../db/schema.js';
import { isVisible } from '../content/visibility.js';
import { assetsDir } from '../paths.js';
import { checkKey, readAll, type MediaStore } from './store.js';
import { variantPath } from './variants.js';

export const shareCardWidth = 1200;
export const shareCardHeight = 630;
/** Nothing but background lies within this many pixels of the left and right edges … */
export const shareCardMarginX = 64;
/** … and of the top and bottom edges. */
export const shareCardMarginY = 56;

/** Bump when the drawing changes, so every card is made again under a new name. */
const design = 1;
const fontFamily = 'Noto Sans Gujarati';
const fontDirs = ['/usr/share/fonts/truetype/noto', '/usr/share/fonts/noto', '/usr/local/share/fonts'];
const headlineSizes = [72, 64, 58, 52, 46, 40];
const labelSize = 30;
const siteNameSizes = [36, 30, 26, 22];
const logoSide = 72;
const gap = 18;

/** What a card shows; any change to it makes a new card (the key is a hash of it). */
export interface ShareCardSpec {
  articleId: number;
  headline: string;
  /** The story's featured image (its stored path), or null for the section colour. */
  imagePath: string | null;
  sectionSlug: string;
  sectionName: string;
  siteName: string;
  /** The site's logo as a path under the site (`/assets/logo.png`, `/media/uploads/…png`). */
  logoPath: string;
}

/** The font files, or null when Noto Sans Gujarati is not installed (then no card is made or linked). */
export interface ShareCardFonts {
  regular: string;
  bold: string;
}

let foundFonts: ShareCardFonts | null | undefined;

/** Looks for Noto Sans Gujarati once (Debian's fonts-noto-core puts it in /usr/share/fonts/truetype/noto). */
export function shareCardFonts(): ShareCardFonts | null {
  if (foundFonts !== undefined) return foundFonts;
  foundFonts = null;
  for (const dir of fontDirs) {
    const regular = join(dir, 'NotoSansGujarati-Regular.ttf');
    const bold = join(dir, 'NotoSansGujarati-Bold.ttf');
    if (existsSync(regular) && existsSync(bold)) {
      foundFonts = { regular, bold };
      break;
    }
  }
  return foundFonts;
}

/** The card of a story as a page or a delivery has it in hand. */
export function storyCardSpec(
  story: { id: number; headline: string; image: { path: string } | null; sectionSlug: string; sectionName: string },
  site: { name: string; logoPath: string },
): ShareCardSpec {
  return {
    articleId: story.id,
    headline: story.headline,
    imagePath: story.image?.path ?? null,
    sectionSlug: story.sectionSlug,
    sectionName: story.sectionName,
    siteName: site.name,
    logoPath: site.logoPath,
  };
}

/** `cards/42-3fa9….jpg`: the story's id and a hash of everything drawn, so a changed headline gets a new name. */
export function shareCardKey(spec: ShareCardSpec): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([design, spec.headline.normalize('NFC'), spec.imagePath, spec.sectionSlug, spec.sectionName, spec.siteName, spec.logoPath]))
    .digest('hex')
    .slice(0, 20);
  return `cards/${spec.articleId}-${hash}.jpg`;
}

/** The public path of a card (`/cards/42-3fa9….jpg`), answered by the reader site's card route. */
export function shareCardPath(spec: ShareCardSpec): string {
  return `/${shareCardKey(spec)}`;
}

// Deep enough for white text to keep at least 7:1 contrast (WCAG AAA for large text and more).
const palette = ['#8a1c1c', '#1f4e79', '#2c5e2e', '#5b2d8c', '#8a3b00', '#00555f', '#7a1f5c', '#37474f'];

/** A section's colour: fixed by its slug, so every card of a section looks alike. */
export function sectionColour(slug: string): string {
  const n = createHash('sha256').update(slug).digest().readUInt32BE(0);
  return palette[n % palette.length] ?? palette[0]!;
}

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface TextImage {
  png: Buffer;
  width: number;
  height: number;
}

/** Draws text with Pango (HarfBuzz shaping) in white; the image is as large as the text. */
async function drawText(text: string, o: { fonts: ShareCardFonts; size: number; bold: boolean; colour?: string }): Promise<TextImage> {
  const sharp = await loadSharp();
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="${o.colour ?? '#ffffff'}">${escapeMarkup(text)}</span>`,
      font: `${fontFamily} ${o.bold ? 'Bold ' : ''}${o.size}`,
      fontfile: o.bold ? o.fonts.bold : o.fonts.regular,
      rgba: true,
      dpi: 72,
    },
  })
    .png()
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/** Width in pixels of `text` set in bold at `size` px (also how tests see that shaping happens). */
export async function textWidth(text: string, size: number, fonts: ShareCardFonts): Promise<number> {
  return (await drawText(text, { fonts, size, bold: true })).width;
}

const graphemes = (word: string) => [...new Intl.Segmenter('gu', { granularity: 'grapheme' }).segment(word)].map((s) => s.segment);

/**
 * Breaks `text` into lines no wider than `maxWidth` at `size`, measuring with the renderer: a
 * word too wide for a line on its own is cut between graphemes (a conjunct is one grapheme, so
 * it is never split). Returns the lines, or null when they do not fit in `maxLines`.
 */
async function wrap(text: string, o: { fonts: ShareCardFonts; size: number; maxWidth: number; maxLines: number; ellipsis: boolean }): Promise<string[] | null> {
  const cache = new Map<string, number>();
  const width = async (s: string) => {
    let w = cache.get(s);
    if (w === undefined) {
      w = await textWidth(s, o.size, o.fonts);
      cache.set(s, w);
    }
    return w;
  };
  const words: string[] = [];
  for (const word of text.split(/\s+/u).filter((w) => w !== '')) {
    if ((await width(word)) <= o.maxWidth) {
      words.push(word);
      continue;
    }
    let piece = '';
    for (const g of graphemes(word)) {
      if (piece !== '' && (await width(piece + g)) > o.maxWidth) {
        words.push(piece);
        piece = '';
      }
      piece += g;
    }
    if (piece !== '') words.push(piece);
  }
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && (await width(candidate)) > o.maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= o.maxLines) return lines;
  if (!o.ellipsis) return null;
  const kept = lines.slice(0, o.maxLines);
  let last = `${kept[o.maxLines - 1]}…`;
  while ((await width(last)) > o.maxWidth && last.length > 1) {
    const cut = last.slice(0, -1).trimEnd().split(' ');
    last = cut.length > 1 ? `${cut.slice(0, -1).join(' ')}…` : `${graphemes(cut[0] ?? '').slice(0, -2).join('')}…`;
  }
  kept[o.maxLines - 1] = last;
  return kept;
}

/** The site's logo as PNG bytes: the built-in one drawn from the favicon, or an uploaded one from the store. */
async function logoBytes(media: MediaStore, logoPath: string): Promise<Buffer | null> {
  const sharp = await loadSharp();
  try {
    if (logoPath === '/assets/logo.png') return await sharp(readFileSync(join(assetsDir, 'favicon.svg'))).resize(logoSide * 2, logoSide * 2).png().toBuffer();
    if (logoPath.startsWith('/media/')) {
      const object = await media.get(checkKey(decodeURIComponent(logoPath.slice('/media/'.length))));
      return object ? await readAll(object.body, 20 * 1024 * 1024) : null;
    }
  } catch {
    // A logo that cannot be read leaves the card without it, never without a card.
  }
  return null;
}

/** The story's image filling the card, darkened most where the headline sits; null when it cannot be read. */
async function photoBackground(media: MediaStore, imagePath: string): Promise<Buffer | null> {
  const sharp = await loadSharp();
  const object = await media.get(variantPath(imagePath, 1200, 'jpg')).catch(() => undefined);
  if (!object) return null;
  try {
    const bytes = await readAll(object.body, 40 * 1024 * 1024);
    const shade = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${shareCardWidth}" height="${shareCardHeight}"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">` +
        '<stop offset="0" stop-color="#000" stop-opacity="0.55"/><stop offset="0.45" stop-color="#000" stop-opacity="0.6"/><stop offset="1" stop-color="#000" stop-opacity="0.85"/>' +
        `</linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`,
    );
    return await sharp(bytes, { limitInputPixels: 40_000_000 })
      .resize(shareCardWidth, shareCardHeight, { fit: 'cover', position: 'attention' })
      .composite([{ input: shade }])
      .removeAlpha()
      .png()
      .toBuffer();
  } catch {
    return null;
  }
}

/** Draws a card. `format` png is for tests and the newsroom's look at it; stored cards are JPEG. */
export async function renderShareCard(media: MediaStore, spec: ShareCardSpec, o: { fonts: ShareCardFonts; format?: 'jpeg' | 'png' }): Promise<Buffer> {
  const sharp = await loadSharp();
  const { fonts } = o;
  const innerWidth = shareCardWidth - 2 * shareCardMarginX;
  const background =
    (spec.imagePath !== null ? await photoBackground(media, spec.imagePath) : null) ??
    (await sharp({ create: { width: shareCardWidth, height: shareCardHeight, channels: 3, background: sectionColour(spec.sectionSlug) } })
      .png()
      .toBuffer());
  const layers: OverlayOptions[] = [];

  // The top row: logo, then the site's name beside it.
  let nameLeft = shareCardMarginX;
  const logo = await logoBytes(media, spec.logoPath);
  if (logo) {
    // On a white plate: a logo in the section's own colour would vanish otherwise.
    const inset = 6;
    const small = await sharp(logo)
      .resize(logoSide - 2 * inset, logoSide - 2 * inset, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer()
      .catch(() => null);
    if (small) {
      const plate = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${logoSide}" height="${logoSide}"><rect width="${logoSide}" height="${logoSide}" rx="14" fill="#fff"/></svg>`);
      layers.push({ input: plate, left: shareCardMarginX, top: shareCardMarginY }, { input: small, left: shareCardMarginX + inset, top: shareCardMarginY + inset });
      nameLeft += logoSide + gap;
    }
  }
  const nameWidth = shareCardWidth - shareCardMarginX - nameLeft;
  let name: TextImage | undefined;
  for (const size of siteNameSizes) {
    name = await drawText(spec.siteName, { fonts, size, bold: true });
    if (name.width <= nameWidth) break;
  }
  if (name) {
    const png = name.width > nameWidth ? await sharp(name.png).extract({ left: 0, top: 0, width: nameWidth, height: name.height }).png().toBuffer() : name.png;
    layers.push({ input: png, left: nameLeft, top: shareCardMarginY + Math.max(0, Math.round((logoSide - name.height) / 2)) });
  }

  // The headline, at the largest size whose lines fit, bottom-aligned; the section's name above it.
  const bottom = shareCardHeight - shareCardMarginY;
  const label = await drawText(spec.sectionName, { fonts, size: labelSize, bold: false, colour: '#ffe9a8' });
  const top = shareCardMarginY + logoSide + 28 + label.height + 14;
  let block: TextImage | undefined;
  for (const [i, size] of headlineSizes.entries()) {
    const last = i === headlineSizes.length - 1;
    for (let maxLines = 6; maxLines >= 1; maxLines--) {
      const lines = await wrap(spec.headline, { fonts, size, maxWidth: innerWidth, maxLines, ellipsis: last });
      if (!lines) break;
      const drawn = await drawText(lines.join('\n'), { fonts, size, bold: true });
      if (drawn.height <= bottom - top && drawn.width <= innerWidth) {
        block = drawn;
        break;
      }
      if (!last) break;
    }
    if (block) break;
  }
  const headlineTop = block ? bottom - block.height : bottom;
  if (block) layers.push({ input: block.png, left: shareCardMarginX, top: headlineTop });
  if (label.width <= innerWidth) layers.push({ input: label.png, left: shareCardMarginX, top: headlineTop - 14 - label.height });

  const card = sharp(background).composite(layers).removeAlpha();
  return o.format === 'png' ? card.png().toBuffer() : card.jpeg({ quality: 86, mozjpeg: true }).toBuffer();
}

const making = new Map<string, Promise<string>>();

/**
 * Makes the card for `spec` unless the store already has it, and returns its key. Cards are
 * made once per content (the key is a hash of it); concurrent requests for one card in this
 * process wait for the one being made.
 */
export async function ensureShareCard(media: MediaStore, spec: ShareCardSpec, fonts: ShareCardFonts): Promise<string> {
  const key = shareCardKey(spec);
  const pending = making.get(key);
  if (pending) return pending;
  const job = (async () => {
    if (await media.exists(key)) return key;
    const bytes = await renderShareCard(media, spec, { fonts });
    await media.put(key, bytes, { contentType: 'image/jpeg' });
    return key;
  })().finally(() => making.delete(key));
  making.set(key, job);
  return job;
}

/**
 * The card of a story readers may see now, with the site's name and logo; undefined for a
 * story that is not public (a draft's headline never leaves the newsroom through a card).
 */
export async function publicShareCardSpec(db: Kysely<DB>, articleId: number, site: { name: string; logoPath: string }, now = new Date()): Promise<ShareCardSpec | undefined> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media', 'media.id', 'articles.featured_media_id')
    .select(['articles.id', 'articles.headline', 'articles.status', 'articles.published_at', 'sections.slug as section_slug', 'sections.name as section_name', 'media.path as image_path'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row || !isVisible(row, now)) return undefined;
  const image = row.image_path === null ? null : { path: row.image_path };
  return storyCardSpec({ id: row.id, headline: row.headline, image, sectionSlug: row.section_slug, sectionName: row.section_name }, site);
}
