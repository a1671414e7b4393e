import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  ensureShareCard,
  renderShareCard,
  sectionColour,
  shareCardFonts,
  shareCardHeight,
  shareCardKey,
  shareCardMarginX,
  shareCardMarginY,
  shareCardWidth,
  textWidth,
  type ShareCardSpec,
} from '../../src/media/shareCard.js';
import { ImagePipeline } from '../../src/media/images.js';
import { readAll, type MediaStore } from '../../src/media/store.js';
import { storeKinds } from './stores.js';

const fonts = shareCardFonts();
const skip = fonts ? false : 'Noto Sans Gujarati is not installed (apt-get install fonts-noto-core): share cards are not drawn';
if (!fonts) console.log(`# SKIP share cards: ${skip}`);
const shots = join('test-output', 'screenshots');

const base: ShareCardSpec = {
  articleId: 7,
  headline: '',
  imagePath: null,
  sectionSlug: 'gujarat',
  sectionName: 'ગુજરાત',
  siteName: 'ખબર સમાચાર',
  logoPath: '/assets/logo.png',
};

const headlines: Record<string, string> = {
  conjuncts: 'ક્ષત્રિય સમાજના જ્ઞાનસત્રમાં શ્રમિકોના કાર્યક્રમ અને સૂર્યમંદિરની યાત્રા',
  nukta: 'ફ઼િલ્મ ફ઼ેસ્ટિવલમાં ઝ઼ાકિર હુસૈનને અંજલિ, જ઼ મેદાનમાં ભીડ',
  zwjZwnj: 'ક્‍ષ અને ક્‌ષ: શબ્દ‌માં ZWNJ, ર‍્યા અને ZWJ સાથે લખાયેલા શબ્દો',
  longWord: 'આંતરરાષ્ટ્રીયક્રિકેટસ્પર્ધામાંવિદ્યાર્થીઓનેપ્રોત્સાહનઆપવામાટેમુખ્યમંત્રીશ્રીનીજાહેરાત',
  mixed: 'ઇમરાન ખાન (Imran Khan) ૨૦૨૬ની ચૂંટણી પહેલાં ISRO અને ગુજરાત યુનિવર્સિટીની મુલાકાતે',
  tooLong:
    'બજેટ ૨૦૨૬: ખેડૂતો માટે ૧૨,૩૪૫ કરોડ રૂપિયાની જોગવાઈ, વિદ્યાર્થીઓને શિષ્યવૃત્તિ, મહિલાઓ માટે નવી યોજનાઓ, શહેરોમાં મેટ્રો, ગામડાંમાં રસ્તા, હોસ્પિટલોમાં નવાં સાધનો અને શિક્ષકોની ભરતીની જાહેરાત વિધાનસભામાં નાણામંત્રીએ કરી',
  // Too long for six lines at the smallest size: cut with an ellipsis, still inside the card.
  runaway: Array.from({ length: 12 }, () => 'વિદ્યાર્થીઓને શિષ્યવૃત્તિ અને મહિલાઓ માટે નવી યોજનાઓ').join(' '),
};

const noStore = { get: async () => undefined } as unknown as MediaStore;

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * info.channels;
    return [data[i]!, data[i + 1]!, data[i + 2]!] as const;
  };
  return { info, at };
}

const close = (a: readonly number[], b: readonly number[], tolerance: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);

/** Every pixel of the four margins as `expected(x, y)` says; returns the first that is not. */
async function strayInMargins(png: Buffer, expected: (at: (x: number, y: number) => readonly number[], x: number, y: number) => readonly number[], tolerance: number) {
  const { at } = await pixels(png);
  for (let y = 0; y < shareCardHeight; y++) {
    for (let x = 0; x < shareCardWidth; x++) {
      const inMargin = x < shareCardMarginX || x >= shareCardWidth - shareCardMarginX || y < shareCardMarginY || y >= shareCardHeight - shareCardMarginY;
      if (inMargin && !close(at(x, y), expected(at, x, y), tolerance)) return { x, y, got: at(x, y), want: expected(at, x, y) };
    }
  }
  return null;
}

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

test('Pango shapes Gujarati: conjuncts, reph and nukta are single glyph clusters, narrower than their parts spelled apart', { skip }, async () => {
  const f = fonts!;
  // With ZWNJ the virama stays visible and no conjunct forms; a shaper that did nothing would draw both alike.
  for (const [joined, apart] of [
    ['ક્ષ', 'ક્‌ષ'],
    ['જ્ઞ', 'જ્‌ઞ'],
    ['શ્ર', 'શ્‌ર'],
    ['ર્ય', 'ર્‌ય'],
    ['વિદ્યાર્થી', 'વિદ્‌યાર્‌થી'],
  ]) {
    const [a, b] = [await textWidth(joined!, 64, f), await textWidth(apart!, 64, f)];
    assert.ok(a < b, `${joined} (${a} px) should be narrower than ${apart} (${b} px)`);
  }
  // The nukta sits on its letter: no wider than the letter beside a lone nukta sign.
  assert.ok((await textWidth('ફ઼', 64, f)) < (await textWidth('ફ ઼', 64, f)));
});

test('cards are 1200×630, the headline stays inside the safe margins, and look right (screenshots)', { skip }, async () => {
  mkdirSync(shots, { recursive: true });
  for (const [name, headline] of Object.entries(headlines)) {
    const spec = { ...base, headline, sectionSlug: `section-${name}` };
    const png = await renderShareCard(noStore, spec, { fonts: fonts!, format: 'png' });
    writeFileSync(join(shots, `share-card-${name}.png`), png);
    const meta = await sharp(png).metadata();
    assert.equal(meta.width, 1200, name);
    assert.equal(meta.height, 630, name);
    const colour = hex(sectionColour(spec.sectionSlug));
    const stray = await strayInMargins(png, () => colour, 0);
    assert.equal(stray, null, `${name}: ${JSON.stringify(stray)}`);
    // The headline is drawn: many white pixels in the lower half, where it sits.
    const { at } = await pixels(png);
    let white = 0;
    for (let y = 320; y < shareCardHeight - shareCardMarginY; y += 2) for (let x = shareCardMarginX; x < 700; x += 2) if (close(at(x, y), [255, 255, 255], 30)) white++;
    assert.ok(white > 500, `${name}: headline drawn (${white} white samples)`);
  }
});

test('a story with an image: the photo darkened behind the headline, margins still clear of text', { skip }, async () => {
  const opened = await storeKinds[0]!.open();
  try {
    // A sky-to-field picture: rows differ, so "background" is judged row by row.
    const photo = await sharp(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="500" fill="#4a90d9"/><rect y="500" width="1600" height="400" fill="#3f8f3a"/></svg>'),
    )
      .jpeg()
      .toBuffer();
    const stored = await new ImagePipeline().store(opened.store, 'uploads/2026/05/khetar.jpg', photo, { file: 'ખેતર.jpg', original: 'jpeg' });
    const spec = { ...base, headline: headlines.conjuncts!, imagePath: stored.path };
    const png = await renderShareCard(opened.store, spec, { fonts: fonts!, format: 'png' });
    writeFileSync(join(shots, 'share-card-photo.png'), png);
    const { at, info } = await pixels(png);
    assert.equal(info.width, 1200);
    assert.equal(info.height, 630);
    // Darkened: the sky is well below its own brightness.
    const sky = at(shareCardWidth - 10, 10);
    assert.ok(sky[2] < 0xd9 * 0.6, `sky darkened (${sky.join(',')})`);
    const stray = await strayInMargins(png, (pixel, _x, y) => pixel(2, y), 12);
    assert.equal(stray, null, JSON.stringify(stray));
  } finally {
    await opened.close();
  }
});

for (const kind of storeKinds) {
  test(`a card is made once per headline and kept in the ${kind.name} store`, { skip }, async () => {
    const opened = await kind.open();
    try {
      let puts = 0;
      const store: MediaStore = Object.create(opened.store, {
        put: { value: (...args: Parameters<MediaStore['put']>) => (puts++, opened.store.put(...args)) },
      }) as MediaStore;
      const spec = { ...base, headline: 'જ્ઞાન સપ્તાહમાં શ્રી રામકૃષ્ણ ક્ષેત્રની સૂર્યયાત્રા' };
      const [a, b] = await Promise.all([ensureShareCard(store, spec, fonts!), ensureShareCard(store, spec, fonts!)]);
      assert.equal(a, shareCardKey(spec));
      assert.equal(b, a);
      assert.equal(await ensureShareCard(store, spec, fonts!), a);
      assert.equal(puts, 1, 'drawn and stored once');
      const object = await opened.store.get(a);
      assert.ok(object);
      assert.equal(object.contentType, 'image/jpeg');
      const meta = await sharp(await readAll(object.body)).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1200, 630]);
      const changed = { ...spec, headline: `${spec.headline} (સુધારો)` };
      const c = await ensureShareCard(store, changed, fonts!);
      assert.notEqual(c, a, 'a changed headline gets a new card');
      assert.equal(puts, 2);
    } finally {
      await opened.close();
    }
  });
}

