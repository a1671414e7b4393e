// The one image pipeline: orientation, flattening, the variant widths in WebP and JPEG, the
// pixel limit read from the header before decoding (both audit bombs refused), a damaged
// image storing nothing, and no more than `workers` images worked on at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { ImagePipeline, ImageRefused } from '../../src/media/images.js';
import { Semaphore } from '../../src/media/semaphore.js';
import { readAll, type MediaStore } from '../../src/media/store.js';
import { imageKeys, variantPath, variantWidths } from '../../src/media/variants.js';
import { picture, pngBomb, webpBomb } from './images.js';

async function listed(store: MediaStore): Promise<string[]> {
  const out: string[] = [];
  for await (const k of store.list()) out.push(k);
  return out.sort();
}

async function read(store: MediaStore, key: string): Promise<Buffer> {
  const o = await store.get(key);
  assert.ok(o, `${key} stored`);
  return readAll(o.body);
}

describe('image pipeline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-pipeline-'));
  const store = new DiskMediaStore(dir);
  const images = new ImagePipeline({ maxPixels: 40_000_000, workers: 2 });
  let bombs: { webp: Buffer; png: Buffer };

  before(async () => {
    bombs = { webp: await webpBomb(), png: await pngBomb() };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every width in WebP and JPEG, never wider than the original; the original kept as sent', async () => {
    const input = await picture('png', 1300, 700);
    const stored = await images.store(store, 'uploads/2026/05/wide.png', input, { file: 'પહોળી.png', original: 'keep' });
    assert.deepEqual(stored, { path: 'uploads/2026/05/wide.png', mime: 'image/png', width: 1300, height: 700 });
    assert.ok((await read(store, 'uploads/2026/05/wide.png')).equals(input), 'original byte for byte');
    for (const w of variantWidths) {
      const webp = await sharp(await read(store, variantPath(stored.path, w, 'webp'))).metadata();
      const jpeg = await sharp(await read(store, variantPath(stored.path, w, 'jpg'))).metadata();
      assert.deepEqual([webp.format, webp.width, jpeg.format, jpeg.width], ['webp', w, 'jpeg', w]);
      assert.equal(jpeg.height, Math.round((700 * w) / 1300));
    }
    const narrow = await images.store(store, 'uploads/2026/05/narrow.jpg', await picture('jpeg', 500, 300), { file: 'n.jpg', original: 'keep' });
    const widths = await Promise.all(variantWidths.map(async (w) => (await sharp(await read(store, variantPath(narrow.path, w, 'jpg'))).metadata()).width));
    assert.deepEqual(widths, [400, 500, 500]);
  });

  test('EXIF orientation is applied: a sideways phone photo is stored and sized upright', async () => {
    const sideways = await sharp(await picture('jpeg', 600, 300)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    assert.equal((await sharp(sideways).metadata()).orientation, 6);
    const stored = await images.store(store, 'uploads/2026/05/phone.jpg', sideways, { file: 'phone.jpg', original: 'keep' });
    assert.deepEqual([stored.width, stored.height], [300, 600], 'recorded as displayed');
    const v = await sharp(await read(store, variantPath(stored.path, 400, 'jpg'))).metadata();
    assert.deepEqual([v.width, v.height, v.orientation], [300, 600, undefined]);
  });

  test('camera data (EXIF with the place and the phone, XMP) never reaches the public original; the picture does', async () => {
    const exif = { IFD0: { Make: 'ફોનની કંપની', Model: 'Model ૧૨', Artist: 'ક્ષિતિજ દ્રવિડ' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 18/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '73/1 11/1 0/1' } };
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const ext = format === 'jpeg' ? 'jpg' : format;
      const tagged = await sharp(await picture(format, 640, 360)).withExif(exif).withMetadata({ orientation: 6 }).toFormat(format).toBuffer();
      const before = await sharp(tagged).metadata();
      assert.ok(before.exif && before.orientation === 6, `${format}: the test image carries EXIF`);
      const stored = await images.store(store, `uploads/2026/05/gps.${ext}`, tagged, { file: `gps.${ext}`, original: 'keep' });
      const original = await read(store, stored.path);
      const after = await sharp(original).metadata();
      assert.deepEqual([after.format, after.exif, after.xmp, after.iptc], [format, undefined, undefined, undefined], `${format}: no camera data kept`);
      assert.deepEqual([after.width, after.height, after.orientation], [360, 640, undefined], `${format}: stored upright, as displayed`);
      assert.equal(stored.mime, format === 'jpeg' ? 'image/jpeg' : `image/${format}`);
    }
  });

  test('transparency: JPEG variants are flattened onto white, WebP keeps its alpha', async () => {
    // Transparent everywhere but a dark square in the middle.
    const png = await sharp({ create: { width: 900, height: 900, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: { create: { width: 300, height: 300, channels: 4, background: { r: 20, g: 40, b: 60, alpha: 1 } } }, left: 300, top: 300 }])
      .png()
      .toBuffer();
    const stored = await images.store(store, 'uploads/2026/05/logo.png', png, { file: 'logo.png', original: 'keep' });
    const { data, info } = await sharp(await read(store, variantPath(stored.path, 400, 'jpg'))).raw().toBuffer({ resolveWithObject: true });
    assert.equal(info.channels, 3);
    assert.deepEqual([...data.subarray(0, 3)], [255, 255, 255], 'corner is white, not black');
    const webp = await sharp(await read(store, variantPath(stored.path, 400, 'webp'))).metadata();
    assert.equal(webp.hasAlpha, true);
  });

  test("imports re-encode the original as an upright JPEG (paths ending in .jpg)", async () => {
    const stored = await images.store(store, 'wp/2011/07/logo.jpg', await picture('png', 640, 480), { file: 'logo.png', original: 'jpeg' });
    assert.equal(stored.mime, 'image/jpeg');
    assert.equal((await sharp(await read(store, 'wp/2011/07/logo.jpg')).metadata()).format, 'jpeg');
  });

  test('a damaged image is refused and leaves nothing in the store', async () => {
    const before = await listed(store);
    const jpeg = await picture('jpeg');
    await assert.rejects(
      images.store(store, 'uploads/2026/05/cut.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2)), { file: 'અધૂરો.jpg', original: 'keep' }),
      (err: unknown) => err instanceof ImageRefused && err.problem.code === 'damaged' && err.file === 'અધૂરો.jpg',
    );
    assert.deepEqual(await listed(store), before);
  });

  test('both audit bombs are refused from their headers, with the declared size, storing nothing', async () => {
    assert.ok(bombs.webp.length < 64, `the WebP bomb is ${bombs.webp.length} bytes`);
    assert.ok(bombs.png.length < 1_000_000, `the PNG bomb is ${bombs.png.length} bytes`);
    const before = await listed(store);
    for (const [name, bytes, w, h] of [['bomb.webp', bombs.webp, 16383, 16383], ['bomb.png', bombs.png, 16000, 16000]] as const) {
      await assert.rejects(images.store(store, `uploads/2026/05/${name}`, bytes, { file: name, original: 'keep' }), (err: unknown) => {
        assert.ok(err instanceof ImageRefused);
        assert.deepEqual(err.problem, { code: 'tooManyPixels', width: w, height: h, maxPixels: 40_000_000 });
        assert.match(err.message, new RegExp(`${name}: ${w} × ${h} pixels is more than the 40 megapixel limit`));
        return true;
      });
    }
    assert.deepEqual(await listed(store), before);
    assert.deepEqual(images.load, { running: 0, waiting: 0 }, 'no image work was started for them');
  });

  test('the pixel limit is a setting', async () => {
    const strict = new ImagePipeline({ maxPixels: 1_000_000, workers: 1 });
    await assert.rejects(strict.inspect(await picture('jpeg', 1200, 1000), 'big.jpg'), (err: unknown) => err instanceof ImageRefused && err.problem.code === 'tooManyPixels');
    assert.equal((await strict.inspect(await picture('jpeg', 1000, 1000), 'ok.jpg')).width, 1000);
  });

  test('other types and non-images are refused by their bytes', async () => {
    const tiff = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#884400' } }).tiff().toBuffer();
    await assert.rejects(images.inspect(tiff, 'scan.jpg'), (err: unknown) => err instanceof ImageRefused && err.problem.code === 'format' && /scan\.jpg: tiff files are not accepted/.test(err.message));
    await assert.rejects(images.inspect(Buffer.from('આ છબી નથી'), 'ફોટો.jpg'), (err: unknown) => err instanceof ImageRefused && err.problem.code === 'unreadable');
  });

  test('no more than `workers` images are worked on at once; the rest wait their turn', async () => {
    const inputs = await Promise.all(Array.from({ length: 6 }, () => picture('png', 1600, 1200)));
    let most = 0;
    let queued = 0;
    const sampler = setInterval(() => {
      most = Math.max(most, images.load.running);
      queued = Math.max(queued, images.load.waiting);
    }, 1);
    try {
      await Promise.all(inputs.map((input, i) => images.store(store, `uploads/2026/06/many-${i}.png`, input, { file: `${i}.png`, original: 'keep' })));
    } finally {
      clearInterval(sampler);
    }
    assert.ok(most >= 1 && most <= 2, `at most 2 at once, saw ${most}`);
    assert.ok(queued >= 1, `some waited (up to ${queued})`);
    for (let i = 0; i < 6; i++) for (const k of imageKeys(`uploads/2026/06/many-${i}.png`)) assert.ok(await store.exists(k), k);
  });
});

describe('semaphore', () => {
  test('runs at most `limit` tasks, in arrival order, and passes on failures', async () => {
    const s = new Semaphore(2);
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    const runs = gates.map((g, i) =>
      s.run(async () => {
        started.push(i);
        await g.promise;
        if (i === 1) throw new Error('task 1 failed');
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual(s.load, { running: 2, waiting: 3 });
    gates[1]!.resolve();
    await assert.rejects(runs[1]!, /task 1 failed/);
    assert.deepEqual(started, [0, 1, 2], 'a failure frees its turn');
    gates[0]!.resolve();
    gates[2]!.resolve();
    await Promise.all([runs[0], runs[2]]);
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    gates[3]!.resolve();
    gates[4]!.resolve();
    assert.deepEqual(await Promise.all([runs[3], runs[4]]), [3, 4]);
    assert.deepEqual(s.load, { running: 0, waiting: 0 });
  });
});
