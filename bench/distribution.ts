/**
 * Distribution benchmark (`npm run bench:distribution`).
 *
 * 1,000 stories are published through the real command while the real distribution runs in the
 * same Khabar process (outbox, fan-out, delivery worker), with five channels configured against
 * the local test services (Telegram Bot API, X API v2, a webhook receiver, a web push service,
 * the WhatsApp Cloud API, each checking requests as the real one does). It prints deliveries per
 * second, the delay from each story's commit to each service receiving it (p50, p99, max), and
 * whether every service received every story exactly once (and the database says `sent` for
 * every delivery). The baseline, measured in the same run, sends the same stories through the
 * same adapters to the same services with the same concurrency and no database: the ratio is
 * what the outbox's bookkeeping costs. A second round has Telegram answer 429 (retry_after 1 s)
 * to half of all calls at random: the totals must still be exact.
 *
 * The Khabar process is pinned to one core, this process (the services) to the other.
 * Tunables (environment): BENCH_STORIES (1000), BENCH_CONCURRENCY (8, the worker's default),
 * BENCH_DATABASE_URL (a postgres:// URL to run on PostgreSQL in a fresh schema; SQLite otherwise),
 * BENCH_RUNTIME (compiled | tsx), BENCH_TIMEOUT_SECONDS (900 per round).
 */
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../src/db/connect.js';
import { LocalChangeFeed } from '../src/content/changes.js';
import { createDraft } from '../src/newsroom/commands/createDraft.js';
import { saveChannel } from '../src/distribution/commands/saveChannel.js';
import { addRecipient } from '../src/distribution/recipients.js';
import { generateSecretKey, parseSecretKey } from '../src/distribution/secrets.js';
import { topicForStory } from '../src/distribution/channels/webpush.js';
import type { ChannelType } from '../src/distribution/channels/types.js';
import type { WebhookBody } from '../src/distribution/channels/webhook.js';
import { buildBenchServers } from './lib/build.js';
import { startServerProcess } from './lib/server.js';
import { browser, configFor, startServices, type Services } from '../test/distribution/newsroom.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return n;
};
const stories = Math.round(num('BENCH_STORIES', 1000));
const concurrency = Math.round(num('BENCH_CONCURRENCY', 8));
const timeoutMs = num('BENCH_TIMEOUT_SECONDS', 900) * 1000;
const postgresUrl = process.env.BENCH_DATABASE_URL;
// Once re-run under taskset this process sees one core; the machine still has two.
const pinned = process.env.BENCH_SELF_PINNED === '1' || availableParallelism() >= 2;
const publicUrl = 'https://khabar.example';
const channelTypes: ChannelType[] = ['telegram', 'x', 'webhook', 'webpush', 'whatsapp'];
const log = (line: string) => process.stderr.write(`${line}\n`);

// This process runs the test services: pin it to the core the Khabar process does not use.
if (pinned && process.env.BENCH_SELF_PINNED !== '1') {
  const r = spawnSync('taskset', ['-c', '1', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_SELF_PINNED: '1' },
  });
  process.exit(r.status ?? 1);
}

interface Prepared {
  database: Database;
  env: Record<string, string>;
  ids: number[];
  /** Story number in the headline → article id. */
  byNumber: Map<number, number>;
  drop(): Promise<void>;
}

/** A fresh database with five channels pointing at the services and `stories` drafts. */
async function prepare(s: Services, keyText: string): Promise<Prepared> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-bench-distribution-'));
  let database: Database;
  let dbEnv: Record<string, string>;
  let dropSchema = async () => undefined as void;
  if (postgresUrl) {
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    database = await openDatabase({ kind: 'postgres', url: postgresUrl }, { schema });
    dbEnv = { BENCH_DB: postgresUrl, BENCH_SCHEMA: schema };
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  } else {
    const file = join(dir, 'khabar.db');
    database = await openDatabase({ kind: 'sqlite', file });
    dbEnv = { BENCH_DB: file };
  }
  await migrate(database);
  const now = new Date().toISOString();
  const section = await database.db.insertInto('sections').values({ slug: 'desh-videsh', name: 'દેશ-વિદેશ', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const admin = await database.db
    .insertInto('people')
    .values({ slug: 'bench-admin', name: 'બેન્ચ સંપાદક', bio: '', title: '', email: 'bench@example.com', created_at: now, role: 'admin', password_hash: null, locked_until: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actor = { id: admin.id, role: 'admin' as const };
  const key = parseSecretKey(keyText);
  for (const type of channelTypes) {
    const { id } = await saveChannel({ db: database.db }, { actor, type, name: type, config: configFor(type, s), allowPrivate: true, secretKey: key });
    if (type === 'webpush') await addRecipient({ db: database.db }, { channelId: id, target: browser(s.push.endpoint('reader')).target });
    if (type === 'whatsapp') await addRecipient({ db: database.db }, { channelId: id, target: { to: '+919812345678' } });
  }
  const feed = new LocalChangeFeed();
  const ids: number[] = [];
  const byNumber = new Map<number, number>();
  for (let i = 0; i < stories; i++) {
    const d = await createDraft({ db: database.db, feed }, {
      actor,
      edit: { headline: `ક્રમ ${i}: રાજ્યમાં ૧૨ જિલ્લામાં વરસાદ, ક્ષ\u200Dત્ર અને ફ઼ GST`, dek: 'દિવાળી પછી કામ શરૂ, "વિકાસ" & <પ્રગતિ>.', sectionId: section.id, bodyHtml: '<p>વિગત.</p>' },
    });
    ids.push(d.id);
    byNumber.set(i, d.id);
  }
  const articles = join(dir, 'articles.json');
  writeFileSync(articles, JSON.stringify(ids));
  return {
    database,
    env: { ...dbEnv, BENCH_ARTICLES: articles },
    ids,
    byNumber,
    async drop() {
      await database.close();
      await dropSchema();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function resetServices(s: Services): void {
  for (const server of [s.tg.server, s.x.server, s.wa.server, s.push.server, s.hook, s.hub]) server.requests.length = 0;
  s.tg.chats.clear();
  s.tg.addChannel('khabar_gu', -1001234567890);
  s.x.posts.clear();
  s.wa.delivered.length = 0;
  s.push.received.length = 0;
}

/** What each service accepted, as (article id, time received) per service. */
function receivedBy(s: Services, p: Prepared): Record<string, Array<{ id: number; at: number }>> {
  const fromHeadline = (text: string) => {
    const m = /ક્રમ (\d+):/.exec(text);
    return m ? (p.byNumber.get(Number(m[1])) ?? -1) : -1;
  };
  const topics = new Map(p.ids.map((id) => [topicForStory(String(id)), id]));
  return {
    telegram: s.tg.posts('khabar_gu').map((post) => ({ id: fromHeadline(post.text), at: post.at })),
    x: [...s.x.posts.values()].map((post) => ({ id: fromHeadline(post.text), at: post.at })),
    webhook: s.hook.requests.map((r) => ({ id: Number((JSON.parse(r.body.toString('utf8')) as WebhookBody).story.id), at: r.at })),
    webpush: s.push.received.map((r) => ({ id: topics.get(r.topic ?? '') ?? -1, at: r.at })),
    whatsapp: s.wa.delivered.map((d) => ({ id: fromHeadline(d.params[0] ?? ''), at: d.at })),
  };
}

const total = (got: Record<string, unknown[]>) => Object.values(got).reduce((n, list) => n + list.length, 0);
const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

interface RoundResult {
  deliveriesPerSec: number;
  p50: number;
  p99: number;
  max: number;
  exact: boolean;
  problems: string[];
  answered429: number;
  publishPerSec: number;
}

async function round(name: string, s: Services, script: string, keyText: string, flood: number): Promise<RoundResult> {
  log(`round "${name}": preparing ${stories} drafts and ${channelTypes.length} channels…`);
  const p = await prepare(s, keyText);
  resetServices(s);
  s.tg.flood = { share: flood, retryAfter: 1 };
  const khabar = await startServerProcess(script, { core: pinned ? 0 : null, cwd: root, env: { ...p.env, BENCH_MODE: 'khabar', PUBLIC_URL: publicUrl, KHABAR_SECRET_KEY: keyText, BENCH_CONCURRENCY: String(concurrency) } });
  const expected = stories * channelTypes.length;
  try {
    process.kill(khabar.pid, 'SIGUSR2');
    const deadline = Date.now() + timeoutMs;
    let committed: Record<string, number> | undefined;
    let lastReport = Date.now();
    while (Date.now() < deadline) {
      committed ??= (khabar.messages.find((m): m is { committed: Record<string, number> } => typeof m === 'object' && m !== null && 'committed' in m))?.committed;
      const got = total(receivedBy(s, p));
      if (committed && got >= expected) break;
      if (Date.now() - lastReport > 10_000) {
        log(`  … ${got}/${expected} received${committed ? '' : ', still publishing'}`);
        lastReport = Date.now();
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if (!committed) throw new Error(`round ${name}: publishing did not finish in time`);
    const lastArrival = Math.max(...Object.values(receivedBy(s, p)).flat().map((r) => r.at));
    // Anything sent twice would arrive now: give it time before judging.
    await new Promise((r) => setTimeout(r, 3000));
    const got = receivedBy(s, p);
    const problems: string[] = [];
    const delays: number[] = [];
    for (const [service, list] of Object.entries(got)) {
      const counts = new Map<number, number>();
      for (const r of list) {
        counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
        const c = committed[String(r.id)];
        if (c !== undefined) delays.push(r.at - c);
      }
      const twice = [...counts.values()].filter((c) => c > 1).length;
      const missing = p.ids.filter((id) => !counts.has(id)).length;
      const stray = [...counts.keys()].filter((id) => !p.ids.includes(id)).length;
      if (twice || missing || stray) problems.push(`${service}: ${twice} twice, ${missing} missing, ${stray} unknown`);
    }
    const rows = await p.database.db.selectFrom('deliveries').select(['status']).execute();
    const notSent = rows.filter((r) => r.status !== 'sent').length;
    if (rows.length !== expected || notSent > 0) problems.push(`database: ${rows.length} deliveries, ${notSent} not sent`);
    const firstCommit = Math.min(...Object.values(committed));
    const lastCommit = Math.max(...Object.values(committed));
    delays.sort((a, b) => a - b);
    const answered429 = s.tg.server.requests.length - s.tg.posts('khabar_gu').length;
    return {
      deliveriesPerSec: expected / ((lastArrival - firstCommit) / 1000),
      p50: percentile(delays, 0.5),
      p99: percentile(delays, 0.99),
      max: delays.at(-1) ?? NaN,
      exact: problems.length === 0,
      problems,
      answered429,
      publishPerSec: stories / Math.max(0.001, (lastCommit - firstCommit) / 1000),
    };
  } finally {
    await khabar.stop();
    await p.drop();
    s.tg.flood = { share: 0, retryAfter: 1 };
  }
}

async function baselineRound(s: Services, script: string, keyText: string): Promise<number> {
  log('baseline: the same stories through the same adapters to the same services, no database in the way…');
  const p = await prepare(s, keyText);
  resetServices(s);
  const plain = await startServerProcess(script, { core: pinned ? 0 : null, cwd: root, env: { ...p.env, BENCH_MODE: 'baseline', PUBLIC_URL: publicUrl, KHABAR_SECRET_KEY: keyText, BENCH_CONCURRENCY: String(concurrency) } });
  try {
    process.kill(plain.pid, 'SIGUSR2');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const done = plain.messages.find((m): m is { baseline: { ms: number; sent: number; outcomes: Record<string, number> } } => typeof m === 'object' && m !== null && 'baseline' in m);
      if (done) {
        if (done.baseline.outcomes.sent !== done.baseline.sent) throw new Error(`baseline: not all sent: ${JSON.stringify(done.baseline.outcomes)}`);
        return done.baseline.sent / (done.baseline.ms / 1000);
      }
      if (Date.now() > deadline) throw new Error('baseline did not finish in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await plain.stop();
    await p.drop();
  }
}

async function main() {
  if (!pinned) log('warning: fewer than 2 cores; Khabar and the services share the CPU');
  const runtime = process.env.BENCH_RUNTIME === 'tsx' ? 'tsx' : 'compiled';
  const dir = runtime === 'tsx' ? root : buildBenchServers(root, log);
  const script = runtime === 'tsx' ? join(root, 'bench/servers/distribution.ts') : join(dir, 'bench/servers/distribution.js');
  const keyText = generateSecretKey();
  const s = await startServices();
  try {
    const baseline = await baselineRound(s, script, keyText);
    const plain = await round('all services answering', s, script, keyText, 0);
    const flooded = await round('Telegram answering 429 to half the calls', s, script, keyText, 0.5);
    const db = postgresUrl ? 'PostgreSQL' : 'SQLite';
    console.log('');
    console.log(`distribution benchmark: ${stories} stories × ${channelTypes.length} channels (${channelTypes.join(', ')}), ${db}, worker concurrency ${concurrency}, runtime ${runtime}`);
    console.log(`baseline (adapters straight to the services, no database): ${baseline.toFixed(0)} deliveries/s`);
    for (const [label, r] of [['all answering', plain], ['Telegram 429 half the time', flooded]] as const) {
      console.log(
        `${label.padEnd(28)} ${r.deliveriesPerSec.toFixed(0).padStart(6)} deliveries/s   delay commit→service p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms   ` +
          `published ${r.publishPerSec.toFixed(0)} stories/s   429 answers ${r.answered429}   exactly once: ${r.exact ? 'yes' : `NO (${r.problems.join('; ')})`}`,
      );
    }
    const exact = plain.exact && flooded.exact;
    console.log(`stories: ${stories}`);
    console.log(`channels: ${channelTypes.length}`);
    console.log(`baseline_deliveries_per_sec: ${baseline.toFixed(0)}`);
    console.log(`ratio_to_baseline: ${(plain.deliveriesPerSec / baseline).toFixed(2)}`);
    console.log(`p50_delay_ms: ${plain.p50}`);
    console.log(`with_429_deliveries_per_sec: ${flooded.deliveriesPerSec.toFixed(0)}`);
    console.log(`with_429_p99_delay_ms: ${flooded.p99}`);
    console.log(`with_429_answers: ${flooded.answered429}`);
    console.log(`deliveries_per_sec: ${plain.deliveriesPerSec.toFixed(0)}`);
    console.log(`p99_delay_ms: ${plain.p99}`);
    console.log(`exactly_once: ${exact ? 'yes' : 'no'}`);
    if (!exact) process.exitCode = 1;
  } finally {
    await s.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
