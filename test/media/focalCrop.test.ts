// Crops around a focal point: the variants contain the part of the picture the person chose.
// The test picture is three vertical bands (red, green, blue); a square crop shows one band.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { cropRegion, ImagePipeline } from '../../src/media/images.js';
import { DiskMediaStore } from '../../src/media/diskStore.js';
import { variantPath } from '../../src/media/variants.js';

let dir: string;
let store: DiskMediaStore;
const pipeline = new ImagePipeline();

/** 1500 × 500: red, green and blue bands of 500 px each. */
async function bands(): Promise<Buffer> {
  const width = 1500;
  const height = 500;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const band = Math.floor(x / 500);
      raw[(y * width + x) * 3 + band] = 255;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

/** The mean colour of a stored file, as [r, g, b]. */
async function meanColour(key: string): Promise<number[]> {
  const stats = await sharp(join(dir, key)).stats();
  return stats.channels.slice(0, 3).map((c) => Math.round(c.mean));
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-crop-'));
  store = new DiskMediaStore(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('cropRegion: the largest rectangle of the ratio, centred on the focus, kept inside the image', () => {
  assert.deepEqual(cropRegion(1500, 500, undefined), { left: 0, top: 0, width: 1500, height: 500 });
  assert.deepEqual(cropRegion(1500, 500, { aspect: 'original', focusX: 0.1, focusY: 0.1 }), { left: 0, top: 0, width: 1500, height: 500 });
  assert.deepEqual(cropRegion(1500, 500, { aspect: '1:1', focusX: 0.5, focusY: 0.5 }), { left: 500, top: 0, width: 500, height: 500 });
  // A focus near an edge puts the rectangle against that edge.
  assert.deepEqual(cropRegion(1500, 500, { aspect: '1:1', focusX: 0.02, focusY: 0.5 }), { left: 0, top: 0, width: 500, height: 500 });
  assert.deepEqual(cropRegion(1500, 500, { aspect: '1:1', focusX: 0.99, focusY: 0.5 }), { left: 1000, top: 0, width: 500, height: 500 });
  // A tall crop of a wide picture; a wide crop of a tall one.
  assert.deepEqual(cropRegion(1500, 500, { aspect: '3:4', focusX: 0.5, focusY: 0.5 }), { left: 563, top: 0, width: 375, height: 500 });
  assert.deepEqual(cropRegion(600, 1200, { aspect: '16:9', focusX: 0.5, focusY: 0.9 }), { left: 0, top: 862, width: 600, height: 338 });
});

for (const [focusX, band, name] of [
  [0.1, 0, 'red (left)'],
  [0.5, 1, 'green (middle)'],
  [0.9, 2, 'blue (right)'],
] as const) {
  test(`a square crop with the focus at x = ${focusX} makes every variant show the ${name} band`, async () => {
    const path = `crop/${name.split(' ')[0]}.jpg`;
    const stored = await pipeline.store(store, path, await bands(), { file: 'પટ્ટા.jpg', original: 'keep', crop: { aspect: '1:1', focusX, focusY: 0.5 } });
    assert.equal(stored.width, 500);
    assert.equal(stored.height, 500);
    for (const w of [400, 800, 1200] as const) {
      for (const f of ['webp', 'jpg'] as const) {
        const key = variantPath(path, w, f);
        const meta = await sharp(join(dir, key)).metadata();
        assert.equal(meta.width, Math.min(w, 500), key);
        assert.equal(meta.height, meta.width, `${key} is square`);
        const colour = await meanColour(key);
        assert.ok(colour[band]! > 200, `${key} is mostly ${name}: ${colour.join(',')}`);
        for (const other of [0, 1, 2].filter((c) => c !== band)) assert.ok(colour[other]! < 40, `${key} has little of channel ${other}: ${colour.join(',')}`);
      }
    }
    // The original is kept whole, as sent.
    assert.equal((await sharp(join(dir, path)).metadata()).width, 1500);
  });
}

test('a crop that straddles two bands shows both, in the right order', async () => {
  const path = 'crop/straddle.jpg';
  // 4:3 of 500 px high is 667 wide; centred at x = 0.33 (500 px) it covers red and green.
  await pipeline.store(store, path, await bands(), { file: 'પટ્ટા.jpg', original: 'keep', crop: { aspect: '4:3', focusX: 1 / 3, focusY: 0.5 } });
  const variant = join(dir, variantPath(path, 400, 'jpg'));
  const { width = 0, height = 0 } = await sharp(variant).metadata();
  // stats() reads its input, not the pipeline's output: extract to a buffer first.
  const strip = async (left: number) => sharp(await sharp(variant).extract({ left, top: 0, width: 20, height }).toBuffer()).stats();
  const left = await strip(0);
  const right = await strip(width - 20);
  assert.ok(left.channels[0]!.mean > 200, 'left edge is red');
  assert.ok(right.channels[1]!.mean > 200, 'right edge is green');
});
