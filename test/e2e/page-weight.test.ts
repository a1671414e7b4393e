// Page weight budget for a story page, as a phone on a slow connection receives it: the
// compressed HTML (critical CSS is inline) within 30 KB, and no render-blocking script.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { load } from 'cheerio';
import { demoContent } from '../../src/demo/content.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

const htmlBudget = 30 * 1024;
const scriptBudget = 5 * 1024;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** GET with node:http, so the body is the bytes on the wire (fetch would decompress them). */
function getRaw(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(res: RawResponse): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(res.body).toString('utf8');
  return res.body.toString('utf8');
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe(`page weight (${testDialect})`, () => {
  let site: TestSite;
  // The longest story in the demo: the heaviest page readers get.
  const story = [...demoContent.articles].sort((a, b) => b.paragraphs.join('').length - a.paragraphs.join('').length)[0]!;
  const path = `/${story.section}/${story.slug}`;

  before(async () => {
    site = await startTestSite();
  });
  after(async () => site.close());

  test('a story page is at most 30 KB compressed, inline CSS included', async (t) => {
    for (const acceptEncoding of ['br, gzip', 'gzip']) {
      const res = await getRaw(`${site.url}${path}`, { 'accept-encoding': acceptEncoding });
      assert.equal(res.status, 200);
      const encoding = res.headers['content-encoding'];
      assert.ok(encoding === 'br' || encoding === 'gzip', `compressed for "${acceptEncoding}" (got ${String(encoding)})`);
      const html = decode(res);
      assert.match(html, /<style>/, 'the critical CSS is inline');
      assert.ok(html.includes(story.headline), 'the body is the story page');
      t.diagnostic(`${path} [${encoding}]: ${kb(res.body.length)} on the wire, ${kb(Buffer.byteLength(html))} of HTML`);
      assert.ok(res.body.length <= htmlBudget, `${encoding} HTML is ${kb(res.body.length)}, over the ${kb(htmlBudget)} budget`);
    }
  });

  test('scripts are deferred or async, and small', async (t) => {
    const html = decode(await getRaw(`${site.url}${path}`, { 'accept-encoding': 'br, gzip' }));
    const $ = load(html);
    const scripts = $('script')
      .toArray()
      .filter((el) => {
        const type = ($(el).attr('type') ?? '').trim().toLowerCase();
        return type === '' || type === 'module' || type.endsWith('javascript'); // JSON-LD and other data blocks never run
      });
    for (const el of scripts) {
      const s = $(el);
      const src = s.attr('src');
      assert.ok(src, `an inline script cannot be deferred: ${s.html()?.slice(0, 80)}`);
      const deferred = s.attr('defer') !== undefined || s.attr('async') !== undefined || s.attr('type') === 'module';
      assert.ok(deferred, `<script src="${src}"> blocks rendering: add defer or async`);
      const js = await getRaw(new URL(src, site.url).href);
      assert.equal(js.status, 200, `${src} loads`);
      t.diagnostic(`${src}: ${kb(js.body.length)}`);
      assert.ok(js.body.length < scriptBudget, `${src} is ${kb(js.body.length)}, over the ${kb(scriptBudget)} budget`);
    }
  });
});
