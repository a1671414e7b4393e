// The media library over HTTP, on a real server and database: each accepted format is
// stored with its variants and served immutable; wrong, damaged and oversized files are
// refused with a message naming the file; pages carry srcset/sizes and width/height.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import * as cheerio from 'cheerio';

import { setUiLocale } from '../../src/newsroom/sessions.js';
import { variantPath, variantWidths } from '../../src/media/variants.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';
import { api, post, signIn, type Session } from '../helpers/newsroom.js';
import { picture, pngBomb, webpBomb } from '../media/images.js';

interface Uploaded {
  id: number;
  path: string;
  width: number;
  height: number;
  alt: string;
  src: string;
  srcset: string;
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

/**
 * Streams a multipart upload whose file never ends (64 KiB pieces, up to 200 MiB) and reports
 * the answer and how much the server let the client send before it stopped reading.
 */
function endlessUpload(site: TestSite, s: Session, filename: string): Promise<{ status: number; message: string; sent: number }> {
  const boundary = `khabar${randomBytes(8).toString('hex')}`;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(`${site.url}/newsroom/media`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, accept: 'application/json', 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, message: (JSON.parse(text) as { message: string }).message, sent });
      });
    });
    // Writes fail once the server closes; the answer, already received, is what counts.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`);
    const piece = randomBytes(64 * 1024);
    const pump = () => {
      while (!answered && !req.destroyed) {
        // A server that reads it all gets an end at last, and the size check below fails.
        if (sent >= 200 * 1024 * 1024) return void req.end(`\r\n--${boundary}--\r\n`);
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

describe(`media library uploads (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  let english: Session;
  const mediaDir = () => join(site.database.dir, 'media');

  /** Media rows and stored upload files: what a refusal must leave unchanged. */
  async function counts(): Promise<{ rows: number; files: number }> {
    const row = await site.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const uploads = join(mediaDir(), 'uploads');
    const files = existsSync(uploads) ? readdirSync(uploads, { recursive: true }).length : 0;
    return { rows: Number(row.n), files };
  }

  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
    english = await signIn(site, 'editor');
    await setUiLocale(site.database.db, english.personId, 'en');
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

  /** What a refused upload answered. */
  async function refused(res: Response): Promise<{ status: number; error: string; message: string }> {
    const body = (await res.json()) as { error: string; message: string };
    return { status: res.status, ...body };
  }

  test('a text file named .jpg is refused by its content, with the file named, in Gujarati and in English', async () => {
    const text = Buffer.from('આ છબી નથી, ફક્ત લખાણ છે.\n'.repeat(50));
    const gu = await refused(await upload(site, editor, text, 'ફોટો.jpg'));
    assert.equal(gu.status, 400);
    assert.equal(gu.message, 'ફોટો.jpg: આ ફાઇલ વાંચી શકાય એવી છબી નથી (JPEG, PNG, WebP કે GIF જોઈએ).');
    const en = await refused(await upload(site, english, text, 'ફોટો.jpg'));
    assert.equal(en.status, 400);
    assert.equal(en.message, 'ફોટો.jpg: not an image we can read (JPEG, PNG, WebP or GIF expected).');
  });

  test('another image type (TIFF) is refused with the type named', async () => {
    const tiff = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#884400' } }).tiff().toBuffer();
    const gu = await refused(await upload(site, editor, tiff, 'scan.tif'));
    assert.equal(gu.status, 400);
    assert.equal(gu.message, 'scan.tif: tiff ફાઇલ સ્વીકારાતી નથી; JPEG, PNG, WebP કે GIF વાપરો.');
    assert.match((await refused(await upload(site, english, tiff, 'scan.tif'))).message, /scan\.tif: tiff files are not accepted/);
  });

  test('a truncated JPEG is refused, and nothing is recorded or stored', async () => {
    const before = await counts();
    const jpeg = await picture('jpeg');
    const r = await refused(await upload(site, editor, jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'અધૂરો.jpg'));
    assert.equal(r.status, 400);
    assert.equal(r.message, 'અધૂરો.jpg: છબી બગડેલી કે અધૂરી છે, ખોલી શકાતી નથી.');
    assert.deepEqual(await counts(), before);
  });

  test('a file over the size limit from settings is refused with 413 and the limit named, nothing stored', async () => {
    await site.changeSettings({ maxUploadBytes: 1_000_000 });
    try {
      const before = await counts();
      // Random pixels do not compress: a PNG of them is about width × height × 3 bytes.
      const far = await sharp(randomBytes(1000 * 600 * 3), { raw: { width: 1000, height: 600, channels: 3 } }).png().toBuffer();
      assert.ok(far.length > 1_300_000, `test image is ${far.length} bytes`);
      // Declared far over the limit: refused from Content-Length, before the body is read.
      const declared = await refused(await upload(site, editor, far, 'મોટો-ફોટો.png'));
      assert.equal(declared.status, 413);
      assert.equal(declared.error, 'tooLarge');
      assert.match(declared.message, /^અપલોડ 1\.[0-9] MBનું છે; 1 MB સુધીની ફાઇલ જ ચાલે\. કંઈ સચવાયું નથી\.$/);
      // Just over: found while reading the file, which is then named.
      const near = await sharp(randomBytes(600 * 600 * 3), { raw: { width: 600, height: 600, channels: 3 } }).png().toBuffer();
      assert.ok(near.length > 1_000_000 && near.length < 1_200_000, `test image is ${near.length} bytes`);
      const streamed = await refused(await upload(site, english, near, 'મોટો-ફોટો.png'));
      assert.equal(streamed.status, 413);
      assert.equal(streamed.message, 'મોટો-ફોટો.png: larger than the 1 MB limit.');
      assert.deepEqual(await counts(), before);
    } finally {
      await site.changeSettings({ maxUploadBytes: 10_000_000 });
    }
  });

  test('a body that never ends is refused at the limit: the server stops reading and answers 413', { timeout: 120_000 }, async (t) => {
    await site.changeSettings({ maxUploadBytes: 1_000_000 });
    try {
      const before = await counts();
      const r = await endlessUpload(site, editor, 'અનંત.png');
      assert.equal(r.status, 413);
      assert.match(r.message, /^અનંત\.png: ફાઇલ 1 MBની મર્યાદા કરતાં મોટી છે\.$/);
      // The limit, plus what the server throws away before closing, plus socket buffers: not the 200 MiB on offer.
      assert.ok(r.sent < 40 * 1024 * 1024, `the client got to send ${(r.sent / 1048576).toFixed(1)} MiB`);
      t.diagnostic(`the client sent ${(r.sent / 1048576).toFixed(1)} MiB before the 413 (limit 1 MB)`);
      assert.deepEqual(await counts(), before);
    } finally {
      await site.changeSettings({ maxUploadBytes: 10_000_000 });
    }
  });

  test('the audit bombs (a 38-byte WebP of 16383 × 16383, a 748 KB PNG of 16000 × 16000) are refused with 422', async () => {
    const before = await counts();
    const bombs = [
      { name: 'બોમ્બ.webp', bytes: await webpBomb(), size: '16383 × 16383' },
      { name: 'bomb.png', bytes: await pngBomb(), size: '16000 × 16000' },
    ];
    for (const b of bombs) {
      const gu = await refused(await upload(site, editor, b.bytes, b.name));
      assert.equal(gu.status, 422, b.name);
      assert.equal(gu.error, 'tooManyPixels');
      assert.equal(gu.message, `${b.name}: ${b.size} પિક્સેલની છબી 40 મેગાપિક્સેલની મર્યાદા કરતાં મોટી છે. નાની કરીને ફરી અપલોડ કરો.`);
      const en = await refused(await upload(site, english, b.bytes, b.name));
      assert.equal(en.message, `${b.name}: ${b.size} pixels is more than the 40 megapixel limit. Make it smaller and upload it again.`);
    }
    assert.deepEqual(await counts(), before);
  });

  test('malformed uploads are a 4xx with a message, never a 500', async () => {
    const headers = { cookie: editor.cookie, 'x-csrf-token': editor.csrf, accept: 'application/json' };
    const part = '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n';
    const cases: [string, RequestInit, number][] = [
      ['no boundary', { headers: { ...headers, 'content-type': 'multipart/form-data' }, body: `${part}abc\r\n--XyZ--\r\n` }, 400],
      ['wrong boundary', { headers: { ...headers, 'content-type': 'multipart/form-data; boundary=Other' }, body: `${part}abc\r\n--XyZ--\r\n` }, 400],
      ['cut short', { headers: { ...headers, 'content-type': 'multipart/form-data; boundary=XyZ' }, body: `${part}abc` }, 400],
      ['not multipart', { headers: { ...headers, 'content-type': 'application/octet-stream' }, body: 'abc' }, 415],
      ['no file', { headers: { ...headers, 'content-type': 'multipart/form-data; boundary=XyZ' }, body: '--XyZ\r\nContent-Disposition: form-data; name="alt"\r\n\r\nસાબરમતી\r\n--XyZ--\r\n' }, 400],
    ];
    for (const [what, init, status] of cases) {
      const res = await fetch(`${site.url}/newsroom/media`, { method: 'POST', ...init });
      const r = await refused(res);
      assert.equal(r.status, status, `${what}: ${r.message}`);
      assert.ok(r.message.length > 10 && /[\u0A80-\u0AFF]/.test(r.message), `${what}: a Gujarati message, got ${r.message}`);
    }
  });

  test('an upload refused from the plain form (no script) shows the media page with the message', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(Buffer.from('લખાણ'))]), 'નોંધ.jpg');
    const res = await fetch(`${site.url}/newsroom/media?_csrf=${encodeURIComponent(editor.csrf)}`, { method: 'POST', headers: { cookie: editor.cookie }, body: form });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const $ = cheerio.load(await res.text());
    assert.match($('body').text(), /નોંધ\.jpg: આ ફાઇલ વાંચી શકાય એવી છબી નથી/);
    assert.equal($('form[enctype="multipart/form-data"]').length, 1, 'the form is there to try again');
  });

  test('each person may upload 30 images a minute; the next is refused with a message, others are not held up', async () => {
    const busy = await signIn(site, 'editor');
    const small = await picture('png', 40, 30);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await upload(site, busy, small, `${i}.png`)).status);
    assert.deepEqual(new Set(statuses), new Set([200]));
    const limited = await upload(site, busy, small, '31.png');
    assert.equal(limited.status, 429);
    const r = (await limited.json()) as { error: string; message: string };
    assert.equal(r.error, 'rate_limited');
    assert.match(r.message, /^એક મિનિટમાં ઘણી છબીઓ અપલોડ થઈ \(વધુમાં વધુ 30\)\. \d+ સેકન્ડ પછી ફરી પ્રયત્ન કરો\.$/);
    const other = await signIn(site, 'editor');
    assert.equal((await upload(site, other, small, 'બીજા.png')).status, 200, 'another person is not limited');
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
