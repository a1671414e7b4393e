// The media library over HTTP, on a real server and database: each accepted format is
// stored with its variants and served immutable; wrong, damaged and oversized files are
// refused with a message naming the file; pages carry srcset/sizes and width/height.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import * as cheerio from 'cheerio';

import { variantPath, variantWidths } from '../../src/media/variants.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { api, post, signIn, type Session } from '../helpers/newsroom.js';

interface Uploaded {
  id: number;
  path: string;
  width: number;
  height: number;
  alt: string;
  src: string;
  srcset: string;
}

/** A picture with some detail (a gradient with noise), so encoders have work to do. */
async function picture(format: 'jpeg' | 'png' | 'webp' | 'gif', width = 1300, height = 700): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i % 251) ^ ((i * 7) % 13);
  return sharp(raw, { raw: { width, height, channels: 3 } }).toFormat(format).toBuffer();
}

function upload(site: TestSite, s: Session, bytes: Buffer, filename: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)]), filename);
  return fetch(`${site.url}/newsroom/media`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, accept: 'application/json' },
    body: form,
  });
}

describe(`media library uploads (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  const mediaDir = () => join(site.database.dir, 'media');

  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
  });
  after(async () => site.close());

  const uploads: Record<string, Uploaded> = {};

  for (const format of ['jpeg', 'png', 'webp', 'gif'] as const) {
    test(`${format.toUpperCase()}: stored with WebP and JPEG variants at every width, served immutable`, async () => {
      const name = `સાબરમતી-${format}.${format === 'jpeg' ? 'jpg' : format}`;
      const res = await upload(site, editor, await picture(format), name, { alt: 'સાબરમતી નદીનો કિનારો', caption: 'અમદાવાદ' });
      assert.equal(res.status, 200, await res.clone().text());
      const m = (await res.json()) as Uploaded;
      uploads[format] = m;
      assert.equal(m.width, 1300);
      assert.equal(m.height, 700);
      assert.equal(m.alt, 'સાબરમતી નદીનો કિનારો');
      assert.match(m.path, new RegExp(`\\.${format === 'jpeg' ? 'jpg' : format}$`));
      assert.ok(existsSync(join(mediaDir(), m.path)), 'the original is kept');
      for (const w of variantWidths) {
        for (const f of ['webp', 'jpg'] as const) {
          const variant = variantPath(m.path, w, f);
          assert.ok(existsSync(join(mediaDir(), variant)), `${variant} exists`);
          const served = await fetch(`${site.url}/media/${variant}`);
          assert.equal(served.status, 200, variant);
          assert.match(served.headers.get('cache-control') ?? '', /max-age=\d{7,}.*immutable/);
          assert.equal(served.headers.get('content-type'), f === 'webp' ? 'image/webp' : 'image/jpeg');
          const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
          assert.equal(meta.width, Math.min(w, 1300), `${variant} width`);
        }
      }
      // What the editor puts in the body: the 800 px JPEG and every width as a srcset.
      assert.equal(m.src, `/media/${variantPath(m.path, 800, 'jpg')}`);
      assert.equal(m.srcset.split(', ').length, variantWidths.length);
    });
  }

  test('a text file named .jpg is refused by its content, with the file named', async () => {
    const res = await upload(site, editor, Buffer.from('આ છબી નથી, ફક્ત લખાણ છે.\n'.repeat(50)), 'ફોટો.jpg');
    assert.equal(res.status, 400);
    const body = (await res.json()) as { message: string };
    assert.match(body.message, /ફોટો\.jpg/);
    assert.match(body.message, /JPEG, PNG, WebP or GIF/);
  });

  test('another image type (TIFF) is refused with the type named', async () => {
    const tiff = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#884400' } }).tiff().toBuffer();
    const res = await upload(site, editor, tiff, 'scan.tif');
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /scan\.tif: tiff files are not accepted/);
  });

  test('a truncated JPEG is refused, and nothing is recorded', async () => {
    const before = await site.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const jpeg = await picture('jpeg');
    const res = await upload(site, editor, jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'અધૂરો.jpg');
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /અધૂરો\.jpg: .*(damaged|not an image)/);
    const after = await site.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test('a file over the size limit from settings is refused with the limit named', async () => {
    await site.changeSettings({ maxUploadBytes: 1_000_000 });
    try {
      // Random pixels do not compress: a PNG of them is about width × height × 3 bytes.
      const big = await sharp(randomBytes(1000 * 600 * 3), { raw: { width: 1000, height: 600, channels: 3 } }).png().toBuffer();
      assert.ok(big.length > 1_000_000, `test image is ${big.length} bytes`);
      const res = await upload(site, editor, big, 'મોટો-ફોટો.png');
      assert.ok(res.status === 400 || res.status === 413, `status ${res.status}`);
      const message = ((await res.json()) as { message: string }).message;
      assert.match(message, /મોટો-ફોટો\.png/);
      assert.match(message, /1 MB limit/);
    } finally {
      await site.changeSettings({ maxUploadBytes: 10_000_000 });
    }
  });

  test('a contributor may upload; without signing in the upload is refused', async () => {
    const contributor = await signIn(site, 'contributor');
    assert.equal((await upload(site, contributor, await picture('png', 40, 30), 'નાનું.png')).status, 200);
    const res = await fetch(`${site.url}/newsroom/media`, { method: 'POST', headers: { accept: 'application/json' }, body: new FormData() });
    assert.equal(res.status, 403, 'no session, no CSRF token');
  });

  test('article pages use srcset/sizes and width/height for the lead image and body images', async () => {
    const m = uploads.jpeg ?? uploads.png;
    assert.ok(m, 'an upload from the tests above');
    const section = await site.database.db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow();
    const body =
      '<p>સાબરમતી નદીના કિનારે સવાર.</p>' +
      `<figure class="image"><img src="${m.src}" srcset="${m.srcset}" sizes="(min-width: 48rem) 46rem, 100vw" width="${m.width}" height="${m.height}" alt="નદી કિનારે લોકો" loading="lazy" decoding="async"><figcaption>રિવરફ્રન્ટ</figcaption></figure>`;
    const created = await api(site, editor, 'POST', '/newsroom/api/articles', {
      headline: 'રિવરફ્રન્ટ પર સવારની ચહલપહલ',
      sectionId: section.id,
      bodyHtml: body,
      featuredMediaId: m.id,
      featuredAlt: 'સાબરમતી નદીનો કિનારો',
    });
    assert.equal(created.status, 200, await created.clone().text());
    const { id } = (await created.json()) as { id: number };
    assert.equal((await post(site, editor, `/newsroom/articles/${id}/publish`)).status, 303);
    const row = await site.database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.slug', 'sections.slug as sectionSlug'])
      .where('articles.id', '=', id)
      .executeTakeFirstOrThrow();
    const res = await fetch(`${site.url}/${row.sectionSlug}/${row.slug}`);
    assert.equal(res.status, 200);
    const $ = cheerio.load(await res.text());
    const images = $('.story .hero img, .story .body img').toArray();
    assert.equal(images.length, 2, 'the lead image and the body image');
    for (const img of images) {
      const a = $(img).attr();
      assert.ok(a?.srcset && a.srcset.split(',').length === variantWidths.length, `srcset on ${a?.src}`);
      assert.ok(a?.sizes, `sizes on ${a?.src}`);
      assert.ok(Number(a?.width) > 0 && Number(a?.height) > 0, `width/height on ${a?.src}`);
      assert.ok(a?.alt, `alt on ${a?.src}`);
    }
    assert.equal($('.story .hero source[type="image/webp"]').attr('srcset')?.split(',').length, variantWidths.length, 'WebP offered for the lead image');
    for (const src of $('.story .body img').attr('srcset')!.split(', ').map((s) => s.split(' ')[0]!)) {
      const r = await fetch(`${site.url}${src}`);
      assert.equal(r.status, 200, src);
      await r.arrayBuffer();
    }
  });
});
