/**
 * `npm run bench:import`: writes a 50,000-post WordPress export with Gujarati content, then
 * 1. baseline: reads it with the streaming WXR reader alone (parse only, no database), and
 * 2. imports it into a fresh SQLite database (one pass, as without --uploads; each post in
 *    its own savepoint, committed in batches, each batch indexed for search as it commits),
 * and prints posts per second for each, their ratio, and memory at 10k/25k/50k posts and at
 * peak, to show memory stays flat as the file grows. POSTS=N changes the size. `--postgres`
 * imports into a new schema of KHABAR_TEST_DATABASE_URL (or DATABASE_URL) instead, dropped after.
 * Ends with `import_posts_per_sec`, `import_ratio` and `import_peak_rss_mb` as `name: value` lines.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '../src/db/connect.js';
import { LocalChangeFeed } from '../src/content/changes.js';
import { importWordPress } from '../src/importers/wordpress/import.js';
import { readWxr } from '../src/importers/wordpress/wxr.js';
import { DiskMediaStore } from '../src/media/diskStore.js';

const total = Number(process.env.POSTS ?? 50_000);
const postgresUrl = process.argv.includes('--postgres') ? (process.env.KHABAR_TEST_DATABASE_URL ?? process.env.DATABASE_URL) : undefined;
if (process.argv.includes('--postgres') && !postgresUrl) throw new Error('--postgres needs KHABAR_TEST_DATABASE_URL or DATABASE_URL');
const words = [
  'ગુજરાત', 'સરકાર', 'મુખ્યમંત્રી', 'જાહેરાત', 'વરસાદ', 'ખેડૂતો', 'અમદાવાદ', 'સુરત', 'વડોદરા', 'રાજકોટ',
  'પોલીસ', 'તપાસ', 'ચૂંટણી', 'ભાજપ', 'કોંગ્રેસ', 'બજાર', 'શેરબજાર', 'ક્રિકેટ', 'મેચ', 'વિજય', 'શિક્ષણ',
  'વિદ્યાર્થીઓ', 'પરીક્ષા', 'પરિણામ', 'હવામાન', 'વિભાગ', 'આગાહી', 'નદી', 'પાણી', 'રસ્તા', 'વિકાસ', 'યોજના',
  'કરોડ', 'રૂપિયા', 'હોસ્પિટલ', 'દર્દીઓ', 'ડૉક્ટર', 'કોર્ટ', 'ચુકાદો', 'ઉદ્યોગ', 'રોકાણ', 'નોકરી', 'યુવાનો',
];
const sections = ['ગુજરાત', 'અમદાવાદ', 'સુરત', 'દેશ', 'વિદેશ', 'રમતગમત', 'ક્રિકેટ', 'વેપાર', 'મનોરંજન', 'ટેક્નોલોજી', 'આરોગ્ય', 'શિક્ષણ'];
const parentOf: Record<string, string> = { અમદાવાદ: 'ગુજરાત', સુરત: 'ગુજરાત', ક્રિકેટ: 'રમતગમત' };
const enc = (s: string) => encodeURIComponent(s).toLowerCase();

let seed = 42;
const rand = (n: number) => {
  // Math.imul keeps the product exact (a plain * loses its low bits past 2^53); the high bits are the random ones.
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return Math.floor((seed / 0x80000000) * n);
};
const sentence = (n: number) => Array.from({ length: n }, () => words[rand(words.length)]).join(' ') + '.';

async function writeExport(file: string): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>બેન્ચ સમાચાર</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>
`);
  for (let a = 1; a <= 20; a++) {
    await write(`<wp:author><wp:author_id>${a}</wp:author_id><wp:author_login><![CDATA[reporter${a}]]></wp:author_login><wp:author_email><![CDATA[r${a}@bench.example]]></wp:author_email><wp:author_display_name><![CDATA[પત્રકાર ${a}]]></wp:author_display_name></wp:author>\n`);
  }
  for (const [i, s] of sections.entries()) {
    await write(`<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${enc(s)}</wp:category_nicename><wp:category_parent>${enc(parentOf[s] ?? '')}</wp:category_parent><wp:cat_name><![CDATA[${s}]]></wp:cat_name></wp:category>\n`);
  }
  for (const [i, w] of words.entries()) {
    await write(`<wp:tag><wp:term_id>${100 + i}</wp:term_id><wp:tag_slug>${enc(w)}</wp:tag_slug><wp:tag_name><![CDATA[${w}]]></wp:tag_name></wp:tag>\n`);
  }
  for (let i = 1; i <= total; i++) {
    const title = `${sentence(6).slice(0, -1)} ${i}`;
    const slug = `${title.split(' ').slice(0, 4).join('-')}-${i}`;
    const section = sections[rand(sections.length)] ?? 'ગુજરાત';
    const date = new Date(Date.UTC(2020, 0, 1) + i * 600_000).toISOString().replace('T', ' ').slice(0, 19);
    const body = Array.from({ length: 4 }, () => sentence(12 + rand(12))).join('\n\n');
    const tagA = words[rand(words.length)] ?? '';
    const tagB = words[rand(words.length)] ?? '';
    const comments =
      i % 10 === 0
        ? `<wp:comment><wp:comment_id>${i}</wp:comment_id><wp:comment_author><![CDATA[વાચક]]></wp:comment_author><wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content><![CDATA[${sentence(8)}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>`
        : '';
    await write(`<item><title><![CDATA[${title}]]></title><link>https://bench.example/${date.slice(0, 4)}/${date.slice(5, 7)}/${enc(slug)}/</link><dc:creator><![CDATA[reporter${1 + (i % 20)}]]></dc:creator><content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[${sentence(10)}]]></excerpt:encoded><wp:post_id>${i}</wp:post_id><wp:post_date_gmt>${date}</wp:post_date_gmt><wp:post_modified_gmt>${date}</wp:post_modified_gmt><wp:post_name>${enc(slug)}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="${enc(section)}"><![CDATA[${section}]]></category><category domain="post_tag" nicename="${enc(tagA)}"><![CDATA[${tagA}]]></category><category domain="post_tag" nicename="${enc(tagB)}"><![CDATA[${tagB}]]></category><wp:postmeta><wp:meta_key>post_views_count</wp:meta_key><wp:meta_value>${rand(100000)}</wp:meta_value></wp:postmeta><wp:postmeta><wp:meta_key>_yoast_wpseo_metadesc</wp:meta_key><wp:meta_value><![CDATA[${sentence(10)}]]></wp:meta_value></wp:postmeta>${comments}</item>\n`);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-import-'));
  let dropSchema: (() => Promise<void>) | undefined;
  try {
    const file = join(dir, 'export.xml');
    process.stdout.write(`writing a ${total.toLocaleString('en')}-post WXR … `);
    await writeExport(file);
    console.log(`${mb(statSync(file).size)}`);

    // Baseline: the same file through the streaming reader alone.
    let t0 = performance.now();
    let parsed = 0;
    for await (const r of readWxr(file).records) if (r.kind === 'item') parsed++;
    const parseSeconds = (performance.now() - t0) / 1000;

    const schema = `bench_import_${process.pid}`;
    const admin = async (statement: string) => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    if (postgresUrl) await admin(`create schema ${schema}`);
    dropSchema = postgresUrl ? () => admin(`drop schema if exists ${schema} cascade`) : undefined;
    const database = postgresUrl
      ? await openDatabase({ kind: 'postgres', url: postgresUrl }, { schema })
      : await openDatabase({ kind: 'sqlite', file: join(dir, 'khabar.db') });
    await migrate(database);
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const marks = new Map<number, NodeJS.MemoryUsage>();
    const checkpoints = [10_000, 25_000, 50_000].map((n) => Math.round((n / 50_000) * total));
    t0 = performance.now();
    const report = await importWordPress(
      { db: database.db, feed: new LocalChangeFeed(), media: new DiskMediaStore(join(dir, 'media')) },
      {
        file,
        onProgress: (p) => {
          if (p.phase !== 'posts' || !checkpoints.includes(p.done)) return;
          // With --expose-gc the marks show what is live, not garbage not yet collected.
          (globalThis as { gc?: () => void }).gc?.();
          marks.set(p.done, process.memoryUsage());
        },
      },
    );
    const importSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    await database.close();

    const posts = report.total('post');
    const importRate = posts / importSeconds;
    const parseRate = parsed / parseSeconds;
    console.log(`baseline  parse only (streaming WXR reader): ${parsed.toLocaleString('en')} items in ${parseSeconds.toFixed(2)} s = ${Math.round(parseRate).toLocaleString('en')} items/s`);
    console.log(`import    WXR → ${postgresUrl ? 'PostgreSQL' : 'SQLite'}, savepoint per post:  ${posts.toLocaleString('en')} posts in ${importSeconds.toFixed(2)} s = ${Math.round(importRate).toLocaleString('en')} posts/s`);
    console.log(`ratio     import / parse-only: ${(importRate / parseRate).toFixed(3)} (import costs ${(parseRate / importRate).toFixed(1)}× the parse)`);
    console.log(`target    ≥ 2,000 posts/s: ${importRate >= 2000 ? 'met' : 'NOT met'}`);
    for (const n of checkpoints) {
      const m = marks.get(n);
      if (m) console.log(`memory at ${n.toLocaleString('en').padStart(6)} posts: rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}`);
    }
    console.log(`peak rss during import: ${mb(peakRss)}`);
    console.log(`comments ${report.total('comment')}, sections ${report.total('category')}, tags ${report.total('tag')}, warnings ${report.warnings.length}`);
    const [load1] = loadavg();
    if (load1 !== undefined && load1 > availableParallelism()) console.log(`warning   load average ${load1.toFixed(1)} on ${availableParallelism()} cores: other processes shared the CPU; the ratio is the steadier figure`);
    console.log(`import_posts_per_sec: ${Math.round(importRate)}`);
    console.log(`import_ratio: ${(importRate / parseRate).toFixed(3)}`);
    console.log(`import_peak_rss_mb: ${Math.round(peakRss / 1024 / 1024)}`);
  } finally {
    await dropSchema?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
