// A PostgreSQL restart under load (issue 18, finding 1): this machine's PostgreSQL is stopped
// and started again while a real `khabar serve` process takes requests. The process must not
// exit; during the outage cached pages and /healthz are served, requests that need the
// database fail fast with 503 and the site's "briefly unavailable" page; afterwards everything
// works again without a restart of Khabar.
//
// The restart is done as `pg_ctlcluster stop` (fast mode: every connection is terminated with
// "terminating connection due to administrator command", as `restart` does) and `start` with
// the outage's checks in between, so the outage is observed rather than raced. Other work on
// this machine uses the same PostgreSQL: the outage lasts about two seconds, and PostgreSQL is
// started again whatever happens (test end, failure, or this process being stopped).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testPostgresUrl } from '../helpers/database.js';
import { freePort } from '../helpers/site.js';

const clusterVersion = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql')[0] : undefined;
const local = testPostgresUrl ? ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(testPostgresUrl).hostname) : false;
const skip = !testPostgresUrl
  ? 'set KHABAR_TEST_DATABASE_URL=postgres://… (this machine’s PostgreSQL) to run the restart test'
  : !local
    ? 'KHABAR_TEST_DATABASE_URL is not on this machine: its PostgreSQL cannot be restarted from here'
    : !clusterVersion || spawnSync('pg_ctlcluster', ['--help']).error
      ? 'pg_ctlcluster or /etc/postgresql is missing: cannot restart PostgreSQL here'
      : false;

const pgReady = () => spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cluster(action: 'stop' | 'start'): Promise<number | null> {
  return new Promise((resolve) => {
    const p = spawn('pg_ctlcluster', ['--skip-systemctl-redirect', clusterVersion!, 'main', action], { stdio: 'ignore' });
    p.on('exit', (code) => resolve(code));
  });
}

/** Starts PostgreSQL if it is not answering and waits until it does (other agents rely on it). */
async function ensurePostgresRunning(): Promise<void> {
  if (pgReady()) return;
  await cluster('start');
  for (let i = 0; i < 600 && !pgReady(); i++) await sleep(100);
  assert.ok(pgReady(), 'PostgreSQL did not come back');
}

/** The same, synchronously, for a process that is exiting. */
function ensurePostgresRunningNow(): void {
  if (pgReady()) return;
  spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', clusterVersion!, 'main', 'start'], { stdio: 'ignore' });
  for (let i = 0; i < 120 && !pgReady(); i++) spawnSync('sleep', ['0.5']);
}

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: testPostgresUrl });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

interface Sample {
  kind: 'cached' | 'health' | 'search' | 'beacon';
  at: number;
  ms: number;
  status: number;
}

describe('a PostgreSQL restart under load', { skip }, () => {
  const dbName = `khabar_restart_${randomBytes(5).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'khabar-pg-restart-'));
  let child: ChildProcess | undefined;
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let stderr = '';
  let base = '';
  const onExit = () => ensurePostgresRunningNow();
  const onSignal = (signal: NodeJS.Signals) => {
    ensurePostgresRunningNow();
    process.kill(process.pid, signal);
  };

  before(async () => {
    await admin(`create database ${dbName}`);
    const url = new URL(testPostgresUrl!);
    url.pathname = `/${dbName}`;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      env: { ...process.env, DATABASE_URL: url.href, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: 'on' },
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code, signal) => (exited = { code, signal }));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`khabar serve did not start in 120 s:\n${stderr}`)), 120_000);
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('khabar: serving')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.on('exit', () => reject(new Error(`khabar serve exited at start:\n${stderr}`)));
    });
  });

  after(async () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await ensurePostgresRunning();
    if (child && !exited) {
      child.kill('SIGTERM');
      for (let i = 0; i < 100 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    }
    await admin(`drop database if exists ${dbName} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('Khabar keeps running, serves cached pages and fails fast during the outage, and recovers by itself', { timeout: 180_000 }, async () => {
    const list = (await (await fetch(`${base}/api/v1/articles?per_page=1`)).json()) as { items: { id: number; url: string; headline: string }[] };
    const article = list.items[0]!;
    const articlePath = new URL(article.url).pathname;
    const searchPath = `/search?q=${encodeURIComponent('ગુજરાત')}`;
    // Rendered once, so the outage finds it in the page cache.
    for (const path of [articlePath, articlePath, searchPath]) assert.equal((await fetch(`${base}${path}`)).status, 200, path);

    // Load: four clients asking for a cached story, /healthz, an uncached search and a beacon.
    const samples: Sample[] = [];
    let running = true;
    const kinds: Sample['kind'][] = ['cached', 'health', 'search', 'beacon'];
    const client = async (offset: number) => {
      for (let i = offset; running; i++) {
        const kind = kinds[i % kinds.length]!;
        const t0 = Date.now();
        let status = 0;
        try {
          const res =
            kind === 'beacon'
              ? await fetch(`${base}/api/v1/articles/${article.id}/views`, { method: 'POST', signal: AbortSignal.timeout(5000) })
              : await fetch(`${base}${kind === 'cached' ? articlePath : kind === 'health' ? '/healthz' : searchPath}`, { signal: AbortSignal.timeout(5000) });
          await res.arrayBuffer();
          status = res.status;
        } catch {
          status = -1; // refused, reset or timed out
        }
        samples.push({ kind, at: t0, ms: Date.now() - t0, status });
        if (status === -1) await sleep(50);
      }
    };
    // Stops PostgreSQL, asks for each kind of page while it is down, and starts it again.
    const probes: { name: string; status: number; ms: number; body: string }[] = [];
    const outage = async () => {
      process.on('exit', onExit);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const down = Date.now();
      let [stopped, starting] = [down, down];
      try {
        assert.equal(await cluster('stop'), 0, 'pg_ctlcluster stop');
        stopped = Date.now();
        assert.equal(pgReady(), false, 'PostgreSQL is down');
        await sleep(200);
        for (const [name, path] of [['cached', articlePath], ['health', '/healthz'], ['search', searchPath], ['api', '/api/v1/search?q=x']] as const) {
          const t0 = Date.now();
          const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
          probes.push({ name, status: res?.status ?? -1, ms: Date.now() - t0, body: (await res?.text()) ?? '' });
        }
        starting = Date.now();
      } finally {
        await ensurePostgresRunning();
      }
      return { down, stopped, starting, up: Date.now() };
    };

    const clients = [0, 1, 2, 3].map(client);
    let times = { down: 0, stopped: 0, starting: 0, up: 0 };
    let recovered: number | undefined;
    try {
      await sleep(1000);
      times = await outage();
      // Recovery: the next queries open new connections; nothing is restarted.
      while (recovered === undefined && Date.now() - times.up < 30_000) {
        const res = await fetch(`${base}${searchPath}`).catch(() => undefined);
        if (res?.status === 200) recovered = Date.now();
        else await sleep(200);
      }
      await sleep(1000);
    } finally {
      running = false;
      await Promise.all(clients);
    }

    assert.equal(exited, undefined, `khabar exited during the outage:\n${stderr}`);
    assert.doesNotMatch(stderr, /Unhandled|uncaught/i);
    const probe = (name: string) => probes.find((p) => p.name === name)!;
    assert.equal(probe('cached').status, 200, 'the cached story is served while the database is away');
    assert.ok(probe('cached').body.includes(article.headline));
    assert.equal(probe('health').status, 200);
    assert.equal(probe('search').status, 503, 'a page that needs the database answers 503');
    assert.ok(probe('search').ms < 3000, `and at once (${probe('search').ms} ms)`);
    assert.match(probe('search').body, /થોડી વાર માટે સેવા બંધ છે/, 'with the site’s Gujarati "briefly unavailable" page');
    assert.equal(probe('api').status, 503);
    assert.equal((JSON.parse(probe('api').body) as { error: string }).error, 'unavailable');
    assert.ok(recovered !== undefined, 'search works again after PostgreSQL is back, without restarting Khabar');

    const { down, stopped, starting, up } = times;
    const during = samples.filter((s) => s.at >= down && s.at <= up);
    const summary = (xs: Sample[]) => JSON.stringify(Object.fromEntries(kinds.map((k) => [k, xs.filter((s) => s.kind === k).map((s) => s.status).join(',')])));
    assert.ok(during.length > 20, `load went on during the outage (${during.length} requests)`);
    for (const s of samples) {
      if (s.kind === 'cached' || s.kind === 'health') assert.equal(s.status, 200, `${s.kind} answered ${s.status}: ${summary(during)}`);
      if (s.kind === 'beacon') assert.equal(s.status, 204, `beacon answered ${s.status}`);
      if (s.kind === 'search') assert.ok(s.status === 200 || s.status === 503, `search answered ${s.status}: ${summary(during)}`);
      assert.ok(s.ms < 3000, `${s.kind} took ${s.ms} ms: nothing hangs while the database is away`);
    }
    assert.ok(during.some((s) => s.kind === 'search' && s.status === 503));
    const afterRecovery = samples.filter((s) => s.at >= recovered!);
    assert.ok(afterRecovery.filter((s) => s.kind === 'search').every((s) => s.status === 200), `after recovery: ${summary(afterRecovery)}`);

    // A write after the outage: a reader's comment is stored.
    const comment = await fetch(`${base}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ article: String(article.id), name: 'વાચક', text: 'ડેટાબેઝ પાછો આવ્યો.' }),
    });
    assert.equal(comment.status, 201);

    const byStatus = (k: Sample['kind']) => during.filter((s) => s.kind === k && s.status === 503).length;
    console.log(`pg-restart-outage-ms: ${up - down} (stopping ${stopped - down}, down ${starting - stopped}, starting ${up - starting})`);
    console.log(`pg-restart-recovery-ms: ${recovered! - up}`);
    console.log(`pg-restart-requests-during-outage: ${during.length} (search 503: ${byStatus('search')}, cached 200: ${during.filter((s) => s.kind === 'cached').length})`);
  });
});
