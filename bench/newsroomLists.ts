// npm run bench:newsroom [-- --articles N] [--requests N] [--only sqlite|postgres] [--db FILE] [--schema NAME]
//
// The newsroom's lists at archive scale: N (default 100,000) stories in every state, spread over
// five years, sections and bylines, loaded straight into a fresh database, then indexed with the
// production code (`rebuildSearchIndex`, which also fills the desk's headline terms). A real
// server (the production app on a loopback port) answers an editor's requests one at a time:
// the dashboard, the article list's first page, filtered by state and section, by byline, by
// date range, searched in Gujarati (an inflected form) and in Latin, and a deep page; the media
// library, the people page and the moderation queue (first page, search, a deep page).
//
// Baseline, measured in the same run: `/healthz` through the same server (the cost of a request
// that does no work), requested just before every list request so each list has its own
// baseline p95 measured under the same load; printed as a ratio. Also this process's CPU time
// per request (less sensitive to other work on the machine than the wall-clock figures).
// Figures are `name: value` lines.
// Target: every list p95 ≤ 200 ms on SQLite and PostgreSQL.

import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { migrate, openDatabase, type Database } from '../src/db/connect.js';
import { loadConfig } from '../src/config.js';
import { LocalChangeFeed } from '../src/content/changes.js';
import type { ArticleStatus, NewArticle } from '../src/db/schema.js';
import { rebuildSearchIndex } from '../src/search/indexer.js';
import { mediaSearchKey } from '../src/media/library.js';
import { addPerson } from '../src/newsroom/people.js';
import { login } from '../src/newsroom/sessions.js';
import { buildApp } from '../src/web/server.js';
import { sessionCookie } from '../src/web/plugins/auth.js';
import { freePortNumber } from './lib/port.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '60' },
    only: { type: 'string' },
    /** SQLite: keep the loaded archive in FILE and reuse it when it is there (for iterating on queries). */
    db: { type: 'string' },
    /** PostgreSQL: keep the loaded archive in this schema and reuse it when it is there. */
    schema: { type: 'string' },
  },
});
const N = Number(args.articles);
/** The other lists grow with the archive: byline people, images, reader comments. */
const PEOPLE = Math.max(100, Math.round(N / 50));
const MEDIA = Math.max(100, Math.round(N / 10));
const COMMENTS = Math.max(100, Math.round(N / 2));
const R = Number(args.requests);

/** Deterministic PRNG (mulberry32): the same archive every run. */
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

const places = ['અમદાવાદ', 'સુરત', 'વડોદરા', 'રાજકોટ', 'ભાવનગર', 'જામનગર', 'કચ્છ', 'ભરૂચ', 'નર્મદા', 'ગાંધીનગર', 'જૂનાગઢ', 'પાટણ'];
const suffixes = ['માં', 'ના', 'ની', 'થી', 'નો', ''];
const subjects = ['વરસાદ', 'પૂર', 'ચૂંટણી', 'મેટ્રો', 'હીરા ઉદ્યોગ', 'ખેડૂતો', 'શાળા', 'હૉસ્પિટલ', 'ક્રિકેટ', 'બજેટ', 'દ્રાક્ષ', 'ક્ષેત્ર'];
const verbs = ['શરૂ થયું', 'અટક્યું', 'વધ્યું', 'ઘટ્યું', 'નક્કી થયું', 'જાહેર થયું', 'ચર્ચામાં'];
const statuses: [ArticleStatus, number][] = [
  ['published', 0.7],
  ['draft', 0.14],
  ['submitted', 0.05],
  ['unpublished', 0.04],
  ['archived', 0.05],
  ['scheduled', 0.02],
];

function statusOf(x: number): ArticleStatus {
  let acc = 0;
  for (const [s, p] of statuses) if (x < (acc += p)) return s;
  return 'published';
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function openBenchDatabase(kind: 'sqlite' | 'postgres'): Promise<{ database: Database; dir: string; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-desk-'));
  if (kind === 'sqlite' && args.db) {
    const database = await openDatabase({ kind: 'sqlite', file: resolve(args.db) });
    await migrate(database);
    return { database, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (kind === 'sqlite') {
    const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'bench.db') });
    await migrate(database);
    return { database, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.KHABAR_TEST_DATABASE_URL!;
  const schema = args.schema ?? `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema if not exists ${schema}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url }, { schema, poolSize: 4 });
  await migrate(database);
  return {
    database,
    dir,
    drop: async () => {
      if (args.schema) return rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function load(database: Database): Promise<void> {
  const { db } = database;
  const now = new Date();
  const sectionIds: number[] = [];
  for (const [i, [slug, name]] of [['gujarat', 'ગુજરાત'], ['desh', 'દેશ'], ['rajkaran', 'રાજકારણ'], ['ramat', 'રમત'], ['vepar', 'વેપાર'], ['manoranjan', 'મનોરંજન']].entries()) {
    const r = await db.insertInto('sections').values({ slug: slug!, name: name!, description: '', parent_id: null, position: i, created_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
    sectionIds.push(r.id);
  }
  const personIds: number[] = [];
  for (let i = 0; i < 40; i++) {
    const r = await db
      .insertInto('people')
      .values({ slug: `lekhak-${i}`, name: `લેખક ${i}`, bio: '', title: '', email: null, created_at: now.toISOString(), role: null, password_hash: null, locked_until: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    personIds.push(r.id);
  }
  const rand = rng(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const span = 5 * 365 * 86_400_000;
  const BATCH = 500;
  for (let start = 0; start < N; start += BATCH) {
    const rows: NewArticle[] = [];
    const bylines: { article_id: number; person_id: number; updated_at: string; status: ArticleStatus }[] = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) {
      const status = statusOf(rand());
      const at = new Date(now.getTime() - Math.floor(rand() * span)).toISOString();
      const headline = `${pick(places)}${pick(suffixes)} ${pick(subjects)} ${pick(verbs)}: ${i + 1}`;
      rows.push({
        headline,
        dek: `${pick(places)} ${pick(subjects)} વિશે અહેવાલ`,
        body_html: `<p>${headline}.</p>`,
        slug: `story-${i + 1}`,
        status,
        section_id: pick(sectionIds),
        featured_media_id: null,
        published_at: status === 'published' || status === 'unpublished' || status === 'archived' ? at : null,
        updated_at: at,
        created_at: at,
        scheduled_for: status === 'scheduled' ? new Date(now.getTime() + 86_400_000).toISOString() : null,
        embargo_until: null,
        schedule_error: null,
        created_by: null,
        editing_by: null,
        editing_since: null,
      });
    }
    await db.transaction().execute(async (trx) => {
      const ids = await trx.insertInto('articles').values(rows).returning('id').execute();
      // As the article writer keeps them: each byline carries its story's last change and state.
      ids.forEach(({ id }, k) => bylines.push({ article_id: id, person_id: pick(personIds), updated_at: rows[k]!.updated_at, status: rows[k]!.status! }));
      await trx.insertInto('article_authors').values(bylines).execute();
    });
  }
  // The other lists: a people page of byline people (as a WordPress import leaves), a media
  // library, and a moderation queue, each far longer than one page.
  for (let start = 0; start < PEOPLE; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(PEOPLE, start + BATCH); i++) {
      rows.push({ slug: `byline-${i}`, name: `${pick(places)} પ્રતિનિધિ ${i}`, bio: '', title: '', email: null, created_at: now.toISOString(), role: null, password_hash: null, locked_until: null });
    }
    await db.insertInto('people').values(rows).execute();
  }
  for (let start = 0; start < MEDIA; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(MEDIA, start + BATCH); i++) {
      const alt = `${pick(places)} ${pick(subjects)} ${i}`;
      rows.push({ path: `bench/photo-${i}.jpg`, mime: 'image/jpeg', width: 1600, height: 900, alt, caption: alt, created_at: now.toISOString(), file_name: `photo-${i}.jpg`, search_key: mediaSearchKey({ alt, caption: alt, fileName: `photo-${i}.jpg` }) });
    }
    await db.insertInto('media').values(rows).execute();
  }
  const commentStatuses = ['pending', 'approved', 'approved', 'spam', 'rejected'] as const;
  for (let start = 0; start < COMMENTS; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(COMMENTS, start + BATCH); i++) {
      rows.push({ article_id: 1 + Math.floor(rand() * N), parent_id: null, author_name: `વાચક ${i}`, author_email: null, body: `${pick(places)}ના ${pick(subjects)} વિશે સારો અહેવાલ.`, status: pick(commentStatuses), created_at: new Date(now.getTime() - Math.floor(rand() * span)).toISOString() });
    }
    await db.insertInto('comments').values(rows).execute();
  }
}

async function run(kind: 'sqlite' | 'postgres'): Promise<void> {
  const { database, dir, drop } = await openBenchDatabase(kind);
  try {
    // An admin: the people page is theirs; every other list shows them what it shows an editor.
    const email = 'vyavasthapak@example.com';
    const password = 'ગુજરાતી-પાસવર્ડ-2026';
    const loaded = await database.db.selectFrom('people').select('id').where('slug', '=', 'lekhak-0').executeTakeFirst();
    if (!loaded) {
      let t = Date.now();
      await load(database);
      console.log(`${kind}.load_s: ${((Date.now() - t) / 1000).toFixed(1)}`);
      t = Date.now();
      await rebuildSearchIndex(database.db);
      console.log(`${kind}.index_s: ${((Date.now() - t) / 1000).toFixed(1)}`);
      // Planner statistics and (PostgreSQL) the visibility map, as autovacuum (or SQLite's
      // `PRAGMA optimize`) would have them for an archive this size; a fresh bulk load has none.
      await (kind === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(database.db);
    }
    if (!(await database.db.selectFrom('people').select('id').where('email', '=', email).executeTakeFirst())) await addPerson(database.db, { email, name: 'વ્યવસ્થાપક', role: 'admin', password });
    const sectionIds = (await database.db.selectFrom('sections').select('id').orderBy('id').execute()).map((r) => r.id);
    const personIds = (await database.db.selectFrom('people').select('id').where('slug', 'like', 'lekhak-%').orderBy('id').execute()).map((r) => r.id);
    const session = await login(database.db, email, password);
    if (!session.ok) throw new Error('bench editor could not sign in');
    const port = await freePortNumber();
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PAGE_CACHE: 'on' }, { port, host: '127.0.0.1' });
    const { app } = await buildApp({ config, database, feed: new LocalChangeFeed() });
    await app.listen({ port, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${port}`;
      const headers = { cookie: `${sessionCookie}=${session.sessionId}` };
      const today = new Date(Date.now() + 5.5 * 3600_000).toISOString().slice(0, 10);
      const yearAgo = new Date(Date.now() + 5.5 * 3600_000 - 365 * 86_400_000).toISOString().slice(0, 10);
      const routes: [string, string][] = [
        ['baseline_healthz', '/healthz'],
        ['dashboard', '/newsroom'],
        ['list_first', '/newsroom/articles'],
        ['list_status_section', `/newsroom/articles?status=draft&section=${sectionIds[2]}`],
        ['list_author', `/newsroom/articles?author=${personIds[7]}`],
        ['list_date_range', `/newsroom/articles?from=${yearAgo}&to=${today}`],
        ['search_gujarati', `/newsroom/articles?q=${encodeURIComponent('નર્મદામાં')}`],
        ['search_latin', '/newsroom/articles?q=narmada'],
        ['search_two_words', `/newsroom/articles?q=${encodeURIComponent('સુરત વરસાદ')}&status=draft`],
        ['list_deep_page', `/newsroom/articles?page=${Math.max(1, Math.floor(N / 50 / 2))}`],
        ['media_first', '/newsroom/media'],
        ['media_search', `/newsroom/media?q=${encodeURIComponent('સુરત')}`],
        ['media_deep_page', `/newsroom/media?page=${Math.max(1, Math.floor(MEDIA / 24 / 2))}`],
        ['people_first', '/newsroom/people'],
        ['people_search', `/newsroom/people?q=${encodeURIComponent('સુરત')}`],
        ['people_deep_page', `/newsroom/people?page=${Math.max(1, Math.floor(PEOPLE / 50 / 2))}`],
        ['comments_pending', '/newsroom/comments'],
        ['comments_spam_deep', `/newsroom/comments?status=spam&page=${Math.max(1, Math.floor(COMMENTS / 5 / 50 / 2))}`],
      ];
      // Each list request is paired with a `/healthz` request just before it: under a shared,
      // noisy machine the load changes from one list to the next, so each list is compared with
      // the baseline measured beside it. CPU time is this process's (the server and the client;
      // on SQLite that includes the queries, on PostgreSQL not the database server's share).
      const get = async (path: string): Promise<number> => {
        const s = performance.now();
        const res = await fetch(`${base}${path}`, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        return performance.now() - s;
      };
      const p95: Record<string, number> = {};
      console.log(`${kind}.loadavg_1m_start: ${loadavg()[0]!.toFixed(1)}`);
      for (const [name, path] of routes) {
        const times: number[] = [];
        const baseTimes: number[] = [];
        let cpu = 0;
        for (let i = 0; i < R + 5; i++) {
          const b = await get('/healthz');
          const c = process.cpuUsage();
          const t = await get(path);
          const used = process.cpuUsage(c);
          if (i < 5) continue;
          times.push(t);
          baseTimes.push(b);
          cpu += (used.user + used.system) / 1000;
        }
        times.sort((a, b) => a - b);
        baseTimes.sort((a, b) => a - b);
        p95[name] = pct(times, 95);
        const baseP95 = pct(baseTimes, 95);
        console.log(`${kind}.${name}.p50_ms: ${pct(times, 50).toFixed(1)}`);
        console.log(`${kind}.${name}.p95_ms: ${p95[name]!.toFixed(1)}`);
        console.log(`${kind}.${name}.cpu_ms_per_request: ${(cpu / R).toFixed(1)}`);
        if (name !== 'baseline_healthz') {
          console.log(`${kind}.${name}.baseline_p95_ms: ${baseP95.toFixed(1)}`);
          console.log(`${kind}.${name}.ratio_to_baseline: ${(p95[name]! / Math.max(baseP95, 0.1)).toFixed(1)}`);
        }
      }
      const worst = Math.max(...Object.entries(p95).filter(([n]) => n !== 'baseline_healthz').map(([, v]) => v));
      console.log(`${kind}.loadavg_1m_end: ${loadavg()[0]!.toFixed(1)}`);
      console.log(`${kind}.worst_p95_ms: ${worst.toFixed(1)}`);
      console.log(`${kind}.target_met: ${worst <= 200 ? 'yes' : 'no'}`);
    } finally {
      await app.close();
    }
  } finally {
    await drop();
  }
}

console.log(`articles: ${N}`);
console.log(`requests_per_route: ${R}`);
const kinds: ('sqlite' | 'postgres')[] = args.only ? [args.only as 'sqlite' | 'postgres'] : process.env.KHABAR_TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
for (const kind of kinds) await run(kind);
