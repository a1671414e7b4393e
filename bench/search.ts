// npm run bench:search [-- --articles N] [--queries N] [--only sqlite|postgres] [--db FILE]
//
// `--db FILE` (SQLite only) keeps the built database in FILE and, when FILE already holds the
// articles, skips loading and indexing: for iterating on the query path without a rebuild.
//
// Builds N (default 100,000) realistic Gujarati articles from the fixture text (read in place
// from ../shared/fixtures/gujarati, never copied; a generated corpus from the demo content
// when it is absent), indexes them with the production code (`rebuildSearchIndex`) and runs a
// mixed set of Gujarati, Latin, Devanagari, multi-word and phrase queries through the same
// `SearchService` the site uses. Prints index time, articles/s, index size and p50/p95/p99
// latency, on SQLite and (when KHABAR_TEST_DATABASE_URL is set) PostgreSQL.
//
// Baselines measured in the same run, printed as ratios:
// - indexing: the analyzer alone over the same articles (what the index costs beyond analysis);
// - queries: a plain FTS5 / tsquery lookup of one frequent term over the same rows, top 10 by
//   rank (what our query costs beyond the engine's own cheapest ranked query).
// Targets: SQLite at 100k p95 ≤ 10 ms, PostgreSQL at 1M p95 ≤ 50 ms (issue #16), indexing
// ≥ 2,000 articles/s. `cpu p95` (this process's CPU time per query) is printed beside them.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../src/db/connect.js';
import { rebuildSearchIndex } from '../src/search/indexer.js';
import { defaultWorkers } from '../src/search/analyzerPool.js';
import { engineFor } from '../src/search/engine/index.js';
import { SearchService } from '../src/search/service.js';
import { analyze, vocabularyOf } from '../src/search/analyzer.js';
import { htmlToText } from '../src/search/document.js';
import { demoContent } from '../src/demo/content.js';
import type { Section } from '../src/db/schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const guDir = resolve(root, '../shared/fixtures/gujarati');
const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '400' },
    /** `sqlite`, `postgres` or both (default: both when KHABAR_TEST_DATABASE_URL is set). */
    only: { type: 'string' },
    /** SQLite: keep the database here and reuse it when it already holds the articles. */
    db: { type: 'string' },
  },
});
const N = Number(args.articles);
const Q = Number(args.queries);

// ---------------------------------------------------------------------------------------------
// corpus

/** Deterministic PRNG (mulberry32): the same corpus every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.।?!])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length >= 25 && s.length <= 400);

interface Corpus {
  source: string;
  headlines: string[];
  sentences: string[];
  /** Latin spellings typed by people, with their Gujarati word (for Latin queries). */
  latin: { latin: string; gujarati: string }[];
}

function loadCorpus(): Corpus {
  const files = ['dakshina-wikipedia-articles.jsonl', 'indicnlp-news-articles.jsonl', 'l3cube-indicnews-headlines.jsonl', 'dakshina-romanized-sentences.jsonl'];
  if (!files.every((f) => existsSync(join(guDir, f)))) {
    console.log(`fixtures: ${guDir} is absent; using a generated corpus from the demo content (less varied)`);
    const sentences = demoContent.articles.flatMap((a) => [a.dek, ...a.paragraphs.flatMap(sentencesOf)]);
    return { source: 'demo content', headlines: demoContent.articles.map((a) => a.headline), sentences, latin: [] };
  }
  const headlines: string[] = [];
  const sentences: string[] = [];
  for (const d of readJsonl(join(guDir, 'dakshina-wikipedia-articles.jsonl'))) sentences.push(...sentencesOf(str(d.body)));
  for (const d of readJsonl(join(guDir, 'indicnlp-news-articles.jsonl'))) sentences.push(...sentencesOf(str(d.body)));
  for (const d of readJsonl(join(guDir, 'l3cube-indicnews-headlines.jsonl'))) headlines.push(str(d.title));
  for (const d of readJsonl(join(guDir, 'dakshina-romanized-sentences.jsonl'))) sentences.push(str(d.native));
  const latin = readJsonl(join(guDir, 'dakshina-lexicon-pairs.jsonl')).map((d) => ({ latin: str(d.roman), gujarati: str(d.native) }));
  return { source: guDir, headlines: headlines.filter(Boolean), sentences, latin };
}

interface BenchArticle {
  headline: string;
  dek: string;
  body: string;
}

/** A news-like story: a headline, a one-sentence dek and 6–14 sentences in 2–4 paragraphs. */
function makeArticles(c: Corpus, n: number): BenchArticle[] {
  const r = rng(42);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const out: BenchArticle[] = [];
  for (let i = 0; i < n; i++) {
    const count = 6 + Math.floor(r() * 9);
    const paras: string[] = [];
    let p: string[] = [];
    for (let k = 0; k < count; k++) {
      p.push(pick(c.sentences));
      if (p.length >= 3 && r() < 0.4) {
        paras.push(p.join(' '));
        p = [];
      }
    }
    if (p.length) paras.push(p.join(' '));
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    out.push({ headline: pick(c.headlines), dek: pick(c.sentences), body: paras.map((x) => `<p>${esc(x)}</p>`).join('\n') });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// queries

function makeQueries(c: Corpus, articles: BenchArticle[], n: number): { q: string; kind: string }[] {
  const r = rng(7);
  const vocab = new Map<string, number>();
  for (const a of articles.slice(0, 5000)) vocabularyOf(`${a.headline} ${a.dek} ${htmlToText(a.body)}`, vocab);
  const words = [...vocab].filter(([w]) => [...w].length >= 3).sort((a, b) => b[1] - a[1]);
  const frequent = words.slice(0, 300).map(([w]) => w);
  const mid = words.slice(300, 5000).map(([w]) => w);
  const rare = words.slice(5000).map(([w]) => w);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const known = c.latin.filter((p) => vocab.has(p.gujarati) && p.latin.length >= 4);
  const out: { q: string; kind: string }[] = [];
  const toDevanagari = (w: string) => [...w].map((ch) => {
    const cp = ch.codePointAt(0)!;
    return cp >= 0x0a80 && cp <= 0x0aff ? String.fromCodePoint(cp - 0x180) : ch;
  }).join('');
  for (let i = 0; out.length < n; i++) {
    switch (i % 8) {
      case 0: out.push({ q: pick(frequent), kind: 'gujarati frequent word' }); break;
      case 1: out.push({ q: pick(mid), kind: 'gujarati word' }); break;
      case 2: if (rare.length) out.push({ q: pick(rare), kind: 'gujarati rare word' }); break;
      case 3: out.push({ q: `${pick(mid)} ${pick(frequent)}`, kind: 'gujarati two words' }); break;
      case 4: if (known.length) out.push({ q: pick(known).latin, kind: 'latin word' }); break;
      case 5: if (known.length) out.push({ q: `${pick(known).latin} ${pick(known).latin}`, kind: 'latin two words' }); break;
      case 6: {
        // a phrase: two adjacent words of some story
        const a = pick(articles.slice(0, 5000));
        const ws = a.headline.split(/\s+/u).filter((w) => /[\u0A80-\u0AFF]/u.test(w));
        if (ws.length >= 2) { const k = Math.floor(r() * (ws.length - 1)); out.push({ q: `"${ws[k]} ${ws[k + 1]}"`, kind: 'gujarati phrase' }); }
        break;
      }
      case 7: out.push({ q: toDevanagari(pick(mid)), kind: 'devanagari word' }); break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// runs

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function openBenchDatabase(kind: 'sqlite' | 'postgres'): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'sqlite' && args.db) {
    const database = await openDatabase({ kind: 'sqlite', file: resolve(args.db) });
    await migrate(database);
    return { database, drop: () => database.close() };
  }
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-search-'));
    const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'bench.db') });
    await migrate(database);
    return { database, drop: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const url = process.env.KHABAR_TEST_DATABASE_URL!;
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url }, { schema, poolSize: 4 });
  await migrate(database);
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

async function run(kind: 'sqlite' | 'postgres', articles: BenchArticle[], queries: { q: string; kind: string }[]): Promise<void> {
  console.log(`\n== ${kind} ==`);
  const { database, drop } = await openBenchDatabase(kind);
  const { db } = database;
  try {
    const { count: held } = await db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    let perSecond: number | undefined;
    if (args.db && kind === 'sqlite' && Number(held) === articles.length) {
      console.log(`reusing ${args.db}: ${held} articles already indexed (no index or edit figures this run)`);
    } else {
      measureAnalyzer();
      const created = new Date().toISOString();
      const section = await db.insertInto('sections').values({ slug: 'bench', name: 'બેન્ચ', parent_id: null, created_at: created }).returning('id').executeTakeFirstOrThrow();
      const t0 = Date.now();
      const base = Date.parse('2026-01-01T00:00:00Z');
      for (let i = 0; i < articles.length; i += 500) {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('articles')
            .values(
              articles.slice(i, i + 500).map((a, k) => {
                const at = new Date(base + (i + k) * 60_000).toISOString();
                return { headline: a.headline, dek: a.dek, body_html: a.body, slug: `a-${i + k}`, status: 'published' as const, section_id: section.id, published_at: at, updated_at: at, created_at: at };
              }),
            )
            .execute();
        });
      }
      console.log(`loaded ${articles.length} articles in ${((Date.now() - t0) / 1000).toFixed(1)} s (not part of the figures)`);

      const r = await rebuildSearchIndex(db, { batchSize: 2000 });
      const size = await engineFor(db).sizeBytes(db);
      perSecond = r.articles / (r.ms / 1000);
      console.log(`index time: ${(r.ms / 1000).toFixed(1)} s`);
      console.log(`indexing: ${Math.round(perSecond)} articles/s (analysis in ${defaultWorkers(articles.length)} worker thread(s) beside the writes)`);
      console.log(`index size: ${(size / 1048576).toFixed(1)} MiB (${Math.round(size / r.articles)} bytes/article)`);
      console.log(`vocabulary: ${r.words} word forms`);

      // Keeping it in step: publish-path updates through the write path, one transaction each.
      const { updateArticle, writeArticles } = await import('../src/newsroom/articleWriter.js');
      const { LocalChangeFeed } = await import('../src/content/changes.js');
      const writer = { db, feed: new LocalChangeFeed() };
      const editN = 200;
      const te = process.hrtime.bigint();
      for (let i = 0; i < editN; i++) {
        const a = articles[(i * 97) % articles.length]!;
        await writeArticles(writer, 'newsroom', (scope) => updateArticle(scope, 1 + ((i * 97) % articles.length), { headline: `${a.headline} (અપડેટ)`, bodyHtml: a.body }));
      }
      const editMs = Number(process.hrtime.bigint() - te) / 1e6 / editN;
      console.log(`edit of a published story (write path incl. re-index and vocabulary): ${ms(editMs)} each`);
    }

    const service = new SearchService(db);
    const tv = Date.now();
    await service.refresh();
    console.log(`query vocabulary built in ${Date.now() - tv} ms`);
    const sections: Section[] = await db.selectFrom('sections').selectAll().execute();
    const now = new Date('2030-01-01T00:00:00Z');
    // warm-up: caches and the page cache of the database file
    for (const q of queries.slice(0, 50)) await service.search({ q: q.q, page: 1, perPage: 10, sections, timeZone: 'Asia/Kolkata', now });
    const times: number[] = [];
    const cpu: number[] = [];
    const byKind = new Map<string, number[]>();
    let empty = 0;
    for (const q of queries) {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      const res = await service.search({ q: q.q, page: 1, perPage: 10, sections, timeZone: 'Asia/Kolkata', now });
      const d = Number(process.hrtime.bigint() - t) / 1e6;
      const used = process.cpuUsage(c);
      times.push(d);
      cpu.push((used.user + used.system) / 1000);
      byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), d]);
      if (res.total === 0) empty++;
    }
    times.sort((a, b) => a - b);
    console.log(`queries: ${queries.length} (${empty} found nothing), page of 10 with snippets`);
    console.log(`latency p50: ${ms(pct(times, 50))}`);
    console.log(`latency p95: ${ms(pct(times, 95))}`);
    console.log(`latency p99: ${ms(pct(times, 99))}`);
    // CPU time of this process per query (SQLite runs on this thread; PostgreSQL's server time
    // is not in it): on a machine shared with other work it moves far less than wall time.
    cpu.sort((a, b) => a - b);
    console.log(`cpu p50: ${ms(pct(cpu, 50))}`);
    console.log(`cpu p95: ${ms(pct(cpu, 95))}`);
    const load = loadavg()[0]!;
    if (load > cpus().length) console.log(`warning: load average ${load.toFixed(1)} on ${cpus().length} cores: other processes were the limit; latency figures are inflated`);
    for (const [k, v] of byKind) {
      v.sort((a, b) => a - b);
      console.log(`  ${k.padEnd(24)} n=${String(v.length).padStart(3)} p50 ${ms(pct(v, 50))}  p95 ${ms(pct(v, 95))}`);
    }

    // baseline: the engine's cheapest ranked query, one frequent term, top 10
    const vocabRow = await db.selectFrom('search_vocabulary').select('word').orderBy('frequency', 'desc').limit(1).executeTakeFirstOrThrow();
    const term = analyze(vocabRow.word, { phonetic: false })[0]!.term;
    const bt: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = process.hrtime.bigint();
      if (kind === 'sqlite') await sql`select rowid from search_fts where search_fts match ${term} order by rank limit 10`.execute(db);
      else await sql`select article_id from search_documents where document @@ to_tsquery('simple', ${term}) order by ts_rank(document, to_tsquery('simple', ${term})) desc limit 10`.execute(db);
      bt.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    bt.sort((a, b) => a - b);
    console.log(`baseline: plain ${kind === 'sqlite' ? 'FTS5 MATCH … ORDER BY rank' : 'tsquery @@ … ORDER BY ts_rank'} of the most frequent term (${vocabRow.word}), top 10: p50 ${ms(pct(bt, 50))}, p95 ${ms(pct(bt, 95))}`);
    console.log(`ratio: our p95 / baseline p95 = ${(pct(times, 95) / Math.max(0.001, pct(bt, 95))).toFixed(2)}`);
    const target = kind === 'sqlite' ? 10 : 50;
    console.log(`target p95 ≤ ${target} ms (${kind === 'sqlite' ? 'SQLite at 100,000 stories' : 'PostgreSQL at 1,000,000 stories'}): ${pct(times, 95) <= target ? 'met' : 'MISSED'}${kind === 'postgres' && N < 1_000_000 ? ` (this run: ${N} stories)` : ''}`);
    if (perSecond !== undefined) {
      console.log(`target ${kind === 'sqlite' ? 'indexing ≥ 2,000 articles/s' : '(none on PostgreSQL)'}: ${kind === 'sqlite' ? (perSecond >= 2000 ? 'met' : 'MISSED') : '-'}`);
      indexRates.set(kind, perSecond);
    }
  } finally {
    await drop();
  }
}

const indexRates = new Map<string, number>();

const started = Date.now();
const corpus = loadCorpus();
console.log(`corpus: ${corpus.source}: ${corpus.headlines.length} headlines, ${corpus.sentences.length} sentences, ${corpus.latin.length} Latin spellings`);
const articles = makeArticles(corpus, N);
const words = articles.slice(0, 1000).reduce((n, a) => n + (a.headline + ' ' + a.dek + ' ' + htmlToText(a.body)).split(/\s+/u).length, 0) / Math.min(1000, N);
console.log(`articles: ${N}, about ${Math.round(words)} words each`);
const queries = makeQueries(corpus, articles, Q);

// baseline for indexing: the analyzer alone over the same text (cold analyzer cache as in a
// rebuild); measured only when a run indexes (not when `--db` reuses a built database).
let analyzerRate: number | undefined;
function measureAnalyzer(): void {
  if (analyzerRate !== undefined) return;
  const ta = Date.now();
  for (const a of articles) {
    analyze(a.headline);
    analyze(a.dek);
    analyze(htmlToText(a.body));
  }
  analyzerRate = N / ((Date.now() - ta) / 1000);
  console.log(`baseline: analyzer alone: ${Math.round(analyzerRate)} articles/s`);
}

if (args.only !== 'postgres') await run('sqlite', articles, queries);
if (process.env.KHABAR_TEST_DATABASE_URL && args.only !== 'sqlite') await run('postgres', articles, queries);
else console.log('\nPostgreSQL: skipped (set KHABAR_TEST_DATABASE_URL=postgres://… to measure it too)');
for (const [k, rate] of indexRates) if (analyzerRate) console.log(`ratio: ${k} indexing / analyzer alone = ${(rate / analyzerRate).toFixed(2)}`);
console.log(`\ntotal runtime: ${((Date.now() - started) / 1000).toFixed(0)} s`);
