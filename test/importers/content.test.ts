import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { autop } from '../../src/importers/wordpress/autop.js';
import { convertContent, decodeSlug, parseAttributes } from '../../src/importers/wordpress/content.js';
import { writeGujaratiExport } from './gujaratiWxr.js';

const none = { imageById: () => undefined, srcForUrl: () => undefined, attachedTo: () => [] };

test('autop makes paragraphs and line breaks the way WordPress does', () => {
  assert.equal(autop('પહેલો ફકરો.\n\nબીજો ફકરો.'), '<p>પહેલો ફકરો.</p>\n<p>બીજો ફકરો.</p>\n');
  assert.equal(autop('એક લીટી\nબીજી લીટી'), '<p>એક લીટી<br />\nબીજી લીટી</p>\n');
  // Block elements are not wrapped; <pre> keeps its blank lines.
  assert.equal(autop('<h2>મથાળું</h2>\nલખાણ'), '<h2>મથાળું</h2>\n<p>લખાણ</p>\n');
  assert.equal(autop('<pre>a\n\nb</pre>'), '<pre>a\n\nb</pre>\n');
  assert.equal(autop('<blockquote>અવતરણ</blockquote>'), '<blockquote><p>અવતરણ</p></blockquote>\n');
  assert.equal(autop('   '), '');
});

test('shortcodes: caption, embed, escaped, unknown kept and named', () => {
  const r = convertContent('[caption width="300"]<img src="https://x.example/a.jpg" alt="ફોટો" /> કૅપ્શન[/caption]\n\n[embed]https://youtu.be/abc[/embed]\n\n[[gallery]] [poll id="3"]', none);
  assert.match(r.html, /<figure class="image"><img src="https:\/\/x\.example\/a\.jpg" alt="ફોટો" \/><figcaption>કૅપ્શન<\/figcaption><\/figure>/);
  assert.match(r.html, /<figure class="embed" data-embed="https:\/\/youtu\.be\/abc"><a href="https:\/\/youtu\.be\/abc">/);
  assert.match(r.html, /\[gallery\] \[poll id="3"\]/);
  assert.deepEqual(r.unknownShortcodes, ['poll']);
  assert.deepEqual(parseAttributes(`id="1" title='સંપર્ક' flag x=2`), { id: '1', title: 'સંપર્ક', 0: 'flag', x: '2' });
});

test('percent-encoded Gujarati slugs are decoded', () => {
  assert.equal(decodeSlug('%e0%aa%85%e0%aa%ae%e0%aa%a6%e0%aa%be%e0%aa%b5%e0%aa%be%e0%aa%a6'), 'અમદાવાદ');
  assert.equal(decodeSlug('plain-slug'), 'plain-slug');
  assert.equal(decodeSlug('%zz'), '%zz');
});

test('CLI: khabar import wordpress FILE --dry-run prints the report and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-cli-'));
  try {
    const { file, uploads } = await writeGujaratiExport(dir);
    const env = { ...process.env, DATA_DIR: join(dir, 'data'), SEED_DEMO: 'off', LOG_LEVEL: 'silent', DATABASE_URL: '' };
    const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { env, encoding: 'utf8' });
    const dry = cli('import', 'wordpress', file, '--uploads', uploads, '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^Dry run/m);
    assert.match(dry.stdout, /post\s+7 created/);
    assert.match(dry.stdout, /attachment 203 "ગુમ ફાઇલ" \(line \d+\): file not found/);
    const real = cli('import', 'wordpress', file, '--uploads', uploads);
    assert.equal(real.status, 0, real.stderr);
    assert.match(real.stdout, /^Imported:/m);
    const again = cli('import', 'wordpress', file, '--uploads', uploads);
    assert.match(again.stdout, /post\s+0 created\s+7 updated/);
    const broken = cli('import', 'wordpress', join(import.meta.dirname, 'content.test.ts'));
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /malformed XML at line 1/);
    const out = join(dir, 'site.jsonl');
    const exported = cli('export', out);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stdout, /7 articles/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
