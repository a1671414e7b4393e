/**
 * Page benchmark (`npm run bench:pages`).
 *
 * 1. Khabar (page cache on, demo content) and a bare node:http server that answers with the
 *    exact bytes and headers Khabar sent, both in child processes pinned to the server core;
 *    wrk pinned to the other core loads the article page and the home page of each.
 * 2. Khabar with PAGE_CACHE=off under wrk on the article page: every request is a full render
 *    (database reads, Preact render, compression to the one encoding asked for), so req/s = pages rendered/s.
 * 3. The long tail (skipped with --no-longtail): Khabar (page cache on) over a database of the demo
 *    plus 100,000 archive stories (--stories N), built once into --db FILE (default
 *    bench/results/longtail-N.db) and reused; wrk cycles through every story's URL (bench/lua/
 *    paths.lua), so each request is a page not rendered before: cold pages/s, p50/p99, and the
 *    ratio to the same server answering one warm cached article. Resident memory after that crawl
 *    is read from /proc/PID/status (VmRSS, RssAnon, RssFile).
 * Both Khabar servers serve a database file already loaded (as `khabar serve` on a later start),
 * so `start_rss_mb` is the memory of a started site with the demo, not of loading it.
 * Prints a table, `name: value` lines, and writes bench/results/pages.json.
 *
 * The cache-on runs are repeated BENCH_ROUNDS times, Khabar and plain alternating (order flipped
 * every round) so drift and other load on the machine hit both alike; the table shows each target's
 * median run and the ratios are medians of the per-round Khabar/plain ratios.
 *
 * The servers run as JavaScript compiled by tsc (bench/tsconfig.json → bench/results/build), as
 * in production; BENCH_RUNTIME=tsx runs the TypeScript through tsx instead (slower per request).
 *
 * Tunables (environment): BENCH_SECONDS (8), BENCH_WARMUP_SECONDS (3), BENCH_CONNECTIONS (32),
 * BENCH_ROUNDS (3), BENCH_SERVER_CORE (0), BENCH_WRK_CORE (1), BENCH_RUNTIME (compiled | tsx),
 * BENCH_LONGTAIL_SECONDS (15).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { preparePage } from '../src/web/plugins/pageCache/cache.js';
import { formatLoads, type CoreLoad } from './lib/cpu.js';
import { buildBenchServers } from './lib/build.js';
import { getRaw, replayableHeaders } from './lib/http.js';
import { launcherNodeFlags, startServerProcess, type ServerProcess, type ServerReady } from './lib/server.js';
import { runWrk, wrkVersion, type WrkResult } from './lib/wrk.js';
import { articlePaths, ensureDemoDatabase, ensureLongtailDatabase } from './lib/longtail.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number, not "${raw}"`);
  return n;
};
const seconds = num('BENCH_SECONDS', 8);
const warmupSeconds = num('BENCH_WARMUP_SECONDS', 3);
const connections = num('BENCH_CONNECTIONS', 32);
const rounds = Math.max(1, Math.round(num('BENCH_ROUNDS', 3)));
const runtime = process.env.BENCH_RUNTIME === 'tsx' ? 'tsx' : 'compiled';
const threads = 1;
const pinned = availableParallelism() >= 2;
const serverCore = pinned ? num('BENCH_SERVER_CORE', 0) : null;
const wrkCore = pinned ? num('BENCH_WRK_CORE', 1) : null;
const { values: args } = parseArgs({
  options: {
    /** Skip the long-tail part (no 100,000-story database needed). */
    'no-longtail': { type: 'boolean', default: false },
    /** Stories in the long-tail database. */
    stories: { type: 'string', default: '100000' },
    /** The long-tail database file (built when absent or smaller, else reused). */
    db: { type: 'string' },
  },
});
const longtailStories = Number(args.stories);
const longtailSeconds = num('BENCH_LONGTAIL_SECONDS', 15);
const target = 0.95;
/** Targets of issue #16, printed beside the figures. */
const targets = { longtailPagesPerSec: 1000, longtailRssMb: 150, startRssMb: 80 };
/** What the load generator sends, and what the captured bytes were fetched with. */
const acceptEncoding = 'br, gzip';
/** Khabar's servers run with the V8 flags of the `khabar` launcher (a small young generation). */
const nodeFlags = launcherNodeFlags(root);
const loadHeaders = { 'accept-encoding': acceptEncoding };

interface KhabarReady extends ServerReady {
  url: string;
  article: string;
  pageCache: boolean;
}

interface Run {
  name: string;
  round: number;
  server: 'khabar' | 'plain' | 'khabar-cache-off';
  page: 'article' | 'home';
  path: string;
  result: Omit<WrkResult, 'output'>;
}

const runs: Run[] = [];
const started: ServerProcess[] = [];

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

async function load(name: string, run: Omit<Run, 'name' | 'result' | 'round'>, server: ServerProcess, duration: number, round?: number) {
  const record = round !== undefined;
  const port = server.ready.port;
  const result = await runWrk({
    watch: { server: server.pid },
    url: `http://127.0.0.1:${port}${run.path}`,
    threads,
    connections,
    seconds: duration,
    headers: loadHeaders,
    core: wrkCore,
  });
  const { output: _output, ...rest } = result;
  log(
    `  ${record ? '' : '(warm-up) '}${name}: ${result.requestsPerSec.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, ` +
      `p99 ${result.p99Ms.toFixed(2)} ms, errors ${result.errors}; ${formatLoads(result.cpu)}; ` +
      `server process ${result.processCpu.server}%, wrk process ${result.wrkCpuPercent}%`,
  );
  if (record) runs.push({ name, round, ...run, result: rest });
  return result;
}

/** Requests per CPU-second the server process used: its cost per request, whatever else shares the core. */
function perCpuSecond(r: Run): number {
  const share = (r.result.processCpu.server ?? 0) / 100;
  return share > 0 ? r.result.requestsPerSec / share : NaN;
}

function coreBusy(loads: CoreLoad[], core: number | null): number | undefined {
  return core === null ? undefined : loads.find((l) => l.core === core)?.busyPercent;
}

async function timePreparePage(html: Buffer): Promise<number> {
  const o = { status: 200, contentType: 'text/html; charset=utf-8', cacheControl: 'x', keys: [] };
  for (let i = 0; i < 3; i++) await preparePage(html, o);
  const n = 20;
  const t = performance.now();
  for (let i = 0; i < n; i++) await preparePage(html, o);
  return (performance.now() - t) / n;
}

interface LongTail {
  stories: number;
  urls: number;
  crawl: Omit<WrkResult, 'output'>;
  warm: Omit<WrkResult, 'output'>;
  startKb: ReturnType<ServerProcess['residentKb']>;
  afterKb: ReturnType<ServerProcess['residentKb']>;
  cache?: { hits: number; misses: number; entries: number; bytes: number };
}

/**
 * Cold pages at scale: wrk walks every story's URL of a large archive (each request a page not
 * rendered before), then asks the same server for one article over and over (warm, cached).
 */
async function longTail(serverScript: (name: string) => string, resultsDir: string): Promise<LongTail> {
  const file = resolve(args.db ?? join(resultsDir, `longtail-${longtailStories}.db`));
  log(`long tail: database of ${longtailStories} stories in ${file} …`);
  await ensureLongtailDatabase(file, longtailStories, log);
  const paths = await articlePaths(file);
  const tmp = mkdtempSync(join(tmpdir(), 'khabar-bench-longtail-'));
  const list = join(tmp, 'paths.txt');
  writeFileSync(list, `${paths.join('\n')}\n`);
  log('starting Khabar (page cache on) over the long-tail database …');
  const server = await startServerProcess<KhabarReady>(serverScript('khabar'), {
    core: serverCore,
    nodeFlags,
    cwd: root,
    env: { PAGE_CACHE: 'on', BENCH_DB: file },
  });
  started.push(server);
  try {
    const startKb = server.residentKb();
    const url = `http://127.0.0.1:${server.ready.port}/`;
    const script = join(root, 'bench/lua/paths.lua');
    const crawl = async (label: string, duration: number, from: number) => {
      const r = await runWrk({ watch: { server: server.pid }, url, threads, connections, seconds: duration, headers: loadHeaders, core: wrkCore, script, scriptArgs: [list, String(from)] });
      log(
        `  ${label}: ${r.requestsPerSec.toFixed(0)} pages/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, errors ${r.errors}; ` +
          `${formatLoads(r.cpu)}; server process ${r.processCpu.server}%, wrk process ${r.wrkCpuPercent}%`,
      );
      return r;
    };
    // Warm-up on one end of the list, the measured crawl from its middle: no URL is asked twice.
    if (warmupSeconds > 0) await crawl('(warm-up) long-tail crawl', warmupSeconds, 0);
    const { output: _o1, ...measured } = await crawl('long-tail crawl', longtailSeconds, Math.floor(paths.length / 2));
    const afterKb = server.residentKb();
    const article = server.ready.article;
    await getRaw(`http://127.0.0.1:${server.ready.port}${article}`, loadHeaders);
    await getRaw(`http://127.0.0.1:${server.ready.port}${article}`, loadHeaders);
    const warmRun = await load('long-tail server, one cached article', { server: 'khabar', page: 'article', path: article }, server, seconds);
    const { output: _o2, ...warm } = warmRun;
    await server.stop();
    const cache = server.messages
      .map((m) => (m as { cache?: LongTail['cache'] }).cache)
      .find((c) => c !== undefined);
    return { stories: longtailStories, urls: paths.length, crawl: measured, warm, startKb, afterKb, ...(cache && { cache }) };
  } finally {
    await server.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  if (!pinned) log('warning: fewer than 2 cores; server and wrk are not pinned and share the CPU');
  const wrk = wrkVersion();
  const serverScript =
    runtime === 'tsx'
      ? (name: string) => join(root, `bench/servers/${name}.ts`)
      : ((outDir: string) => (name: string) => join(outDir, `bench/servers/${name}.js`))(buildBenchServers(root, log));

  // --- Khabar, cache on, and the plain server with Khabar's bytes --------------------------
  const resultsDir = join(root, 'bench/results');
  const demoDb = join(resultsDir, 'demo/khabar.db');
  await ensureDemoDatabase(demoDb);
  log('starting Khabar (page cache on) …');
  const khabar = await startServerProcess<KhabarReady>(serverScript('khabar'), {
    core: serverCore,
    nodeFlags,
    cwd: root,
    env: { PAGE_CACHE: 'on', BENCH_DB: demoDb },
  });
  started.push(khabar);
  const khabarStart = khabar.residentKb();
  const khabarStartKb = khabarStart.rss;
  const base = `http://127.0.0.1:${khabar.ready.port}`;
  const paths = { article: khabar.ready.article, home: '/' };

  // The first request renders and fills the cache; the second makes the page hot (its variants
  // are recompressed at the best settings, off the request); the hit we replay is the one after.
  const capture: Record<string, { status: number; headers: ReturnType<typeof replayableHeaders>; bodyBase64: string }> = {};
  const captured: Record<string, { status: number; encoding: string; bytes: number }> = {};
  for (const [page, path] of Object.entries(paths)) {
    await getRaw(`${base}${path}`, loadHeaders);
    let hit = await getRaw(`${base}${path}`, loadHeaders);
    // On a loaded machine the background recompression may start late: the bytes count as final
    // once ten answers in a row (a second or more) were the same.
    for (let i = 0, same = 0; i < 100 && same < 10; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const next = await getRaw(`${base}${path}`, loadHeaders);
      same = next.body.equals(hit.body) ? same + 1 : 0;
      hit = next;
    }
    if (hit.status !== 200) throw new Error(`Khabar answered ${hit.status} for ${path}`);
    capture[path] = { status: hit.status, headers: replayableHeaders(hit.headers), bodyBase64: hit.body.toString('base64') };
    captured[page] = { status: hit.status, encoding: String(hit.headers['content-encoding'] ?? 'identity'), bytes: hit.body.length };
  }
  // How much recompressing a hot page costs: preparePage (gzip 9 + brotli 9) on the article's
  // HTML, timed in this (unpinned) process.
  const articleBytes = Buffer.from(capture[paths.article]!.bodyBase64, 'base64');
  const articleEncoding = captured.article!.encoding;
  const articleHtml =
    articleEncoding === 'br' ? brotliDecompressSync(articleBytes) : articleEncoding === 'gzip' ? gunzipSync(articleBytes) : articleBytes;
  const compressMs = await timePreparePage(articleHtml);

  const tmp = mkdtempSync(join(tmpdir(), 'khabar-bench-'));
  const captureFile = join(tmp, 'capture.json');
  writeFileSync(captureFile, JSON.stringify({ pages: capture }));

  log('starting the plain node:http server …');
  const plain = await startServerProcess(serverScript('plain'), { core: serverCore, cwd: root, args: [captureFile] });
  started.push(plain);
  // Prove the baseline sends what Khabar sends.
  for (const path of Object.values(paths)) {
    const a = await getRaw(`${base}${path}`, loadHeaders);
    const b = await getRaw(`http://127.0.0.1:${plain.ready.port}${path}`, loadHeaders);
    const ha = JSON.stringify(replayableHeaders(a.headers));
    const hb = JSON.stringify(replayableHeaders(b.headers));
    if (!a.body.equals(b.body) || ha !== hb) throw new Error(`plain server's response for ${path} differs from Khabar's:\n${ha}\n${hb}`);
  }

  log(`warm-up (${warmupSeconds}s each) …`);
  if (warmupSeconds > 0) {
    for (const page of ['article', 'home'] as const) {
      await load(`khabar ${page}`, { server: 'khabar', page, path: paths[page] }, khabar, warmupSeconds);
      await load(`plain ${page}`, { server: 'plain', page, path: paths[page] }, plain, warmupSeconds);
    }
  }
  const servers = { khabar, plain } as const;
  for (let round = 1; round <= rounds; round++) {
    log(`measuring, round ${round}/${rounds} (${seconds}s each, -t${threads} -c${connections}) …`);
    const order = round % 2 === 1 ? (['khabar', 'plain'] as const) : (['plain', 'khabar'] as const);
    for (const page of ['article', 'home'] as const) {
      for (const server of order) {
        await load(`${server} ${page}`, { server, page, path: paths[page] }, servers[server], seconds, round);
      }
    }
  }
  const khabarPeakKb = khabar.peakMemoryKb();
  const plainPeakKb = plain.peakMemoryKb();
  await khabar.stop();
  await plain.stop();
  const cacheStats = khabar.messages
    .map((m) => (m as { cache?: { hits: number; misses: number; entries: number } }).cache)
    .find((c) => c !== undefined);
  rmSync(tmp, { recursive: true, force: true });

  // --- Khabar, cache off: every request renders ---------------------------------------------
  log('starting Khabar (PAGE_CACHE=off) …');
  const uncached = await startServerProcess<KhabarReady>(serverScript('khabar'), {
    core: serverCore,
    nodeFlags,
    cwd: root,
    env: { PAGE_CACHE: 'off', BENCH_DB: demoDb },
  });
  started.push(uncached);
  const offPath = uncached.ready.article;
  if (warmupSeconds > 0) {
    await load('khabar article, cache off', { server: 'khabar-cache-off', page: 'article', path: offPath }, uncached, warmupSeconds);
  }
  await load('khabar article, cache off', { server: 'khabar-cache-off', page: 'article', path: offPath }, uncached, seconds, 1);
  const uncachedPeakKb = uncached.peakMemoryKb();
  await uncached.stop();

  const tail = args['no-longtail'] ? undefined : await longTail(serverScript, resultsDir);

  // --- Report ---------------------------------------------------------------------------------
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const runsOf = (server: Run['server'], page: Run['page']) => runs.filter((r) => r.server === server && r.page === page);
  /** The run with the median req/s (the lower middle one for an even count). */
  const find = (server: Run['server'], page: Run['page']) => {
    const sorted = runsOf(server, page).sort((a, b) => a.result.requestsPerSec - b.result.requestsPerSec);
    return sorted[Math.floor((sorted.length - 1) / 2)]!;
  };
  /** Median over rounds of Khabar/plain, each from the two runs of the same round (close in time). */
  const perRound = (page: Run['page'], f: (r: Run) => number) =>
    runsOf('khabar', page).map((k) => f(k) / f(runsOf('plain', page).find((p) => p.round === k.round)!));
  const ratio = (page: Run['page']) => median(perRound(page, (r) => r.result.requestsPerSec));
  const cpuRatio = (page: Run['page']) => median(perRound(page, perCpuSecond));
  const articleRatio = ratio('article');
  const homeRatio = ratio('home');
  const off = find('khabar-cache-off', 'article');
  const shown = [find('khabar', 'article'), find('plain', 'article'), find('khabar', 'home'), find('plain', 'home'), off];

  const cols = ['run', 'req/s', 'p50 ms', 'p99 ms', 'errors', `cpu${serverCore ?? '-'} busy`, `cpu${wrkCore ?? '-'} busy`, 'server proc', 'wrk proc', 'req/cpu-s'];
  const rows = shown.map((r) => [
    r.server === 'khabar-cache-off' ? r.name : `${r.name} (r${r.round})`,
    r.result.requestsPerSec.toFixed(0),
    r.result.p50Ms.toFixed(2),
    r.result.p99Ms.toFixed(2),
    String(r.result.errors),
    `${coreBusy(r.result.cpu, serverCore)?.toFixed(1) ?? '-'}%`,
    `${coreBusy(r.result.cpu, wrkCore)?.toFixed(1) ?? '-'}%`,
    `${r.result.processCpu.server?.toFixed(1) ?? '-'}%`,
    `${r.result.wrkCpuPercent.toFixed(1)}%`,
    perCpuSecond(r).toFixed(0),
  ]);
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out: string[] = [];
  out.push('');
  out.push(`Khabar page benchmark — wrk ${threads} thread, ${connections} connections, ${seconds}s per run after ${warmupSeconds}s warm-up,`);
  out.push(
    `Accept-Encoding: ${acceptEncoding}; server pinned to cpu${serverCore ?? '-'}, wrk to cpu${wrkCore ?? '-'}; ` +
      `servers run ${runtime === 'tsx' ? 'TypeScript under tsx' : 'as tsc-compiled JavaScript'}`,
  );
  out.push(`Khabar servers run with the node flags of the khabar launcher (src/main.ts): ${nodeFlags.join(' ') || 'none'}`);
  out.push(`article ${paths.article} (${captured.article!.encoding}, ${captured.article!.bytes} bytes); home / (${captured.home!.encoding}, ${captured.home!.bytes} bytes)`);
  out.push('');
  out.push(
    rounds > 1
      ? `Each cache-on row is that target's median run (by req/s) of ${rounds} rounds (rN: the round); all runs are logged above.`
      : 'One round: each row is a single run.',
  );
  out.push(line(cols));
  out.push(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) out.push(line(r));
  out.push('');
  out.push(`cpuN busy: that core's busy time over the run (/proc/stat, all processes); server proc / wrk proc: CPU`);
  out.push(`the server process and wrk themselves used (% of one core). req/cpu-s: requests per CPU-second of the server`);
  out.push(`process (req/s ÷ server proc), its cost per request even when other processes share the core.`);
  out.push('"cache off" = wrk against the article page of a Khabar started with PAGE_CACHE=off: each request');
  out.push('reads the database, renders the page and compresses it (brotli 4, the one variant asked for), so its req/s is pages rendered/s.');
  out.push(`Of that, compressing the ${articleHtml.length}-byte article HTML (preparePage: gzip 9 + brotli 9) takes ${compressMs.toFixed(1)} ms`);
  out.push('per page, timed in-process in the (unpinned) bench process.');
  out.push('Peak memory: VmHWM of each server process (/proc/<pid>/status) after its runs.');
  if (cacheStats) {
    out.push(
      `Khabar's page cache over its life: ${cacheStats.hits} hits, ${cacheStats.misses} misses ` +
        `(misses: first renders, and re-renders after invalidations such as the once-a-minute view-count refresh).`,
    );
  }
  out.push('');
  out.push(
    `Khabar/plain req/s (median of per-round ratios): article ${articleRatio.toFixed(2)} (target ≥ ${target}), home ${homeRatio.toFixed(2)}`,
  );
  out.push(
    `Khabar/plain requests per server CPU-second: article ${cpuRatio('article').toFixed(2)}, home ${cpuRatio('home').toFixed(2)}`,
  );
  out.push(`per-round article ratios: ${perRound('article', (r) => r.result.requestsPerSec).map((x) => x.toFixed(2)).join(', ')}`);
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  if (tail) {
    const c = tail.crawl;
    out.push('');
    out.push(
      `Long tail: ${tail.stories} archive stories (${tail.urls} story URLs), page cache on (PAGE_CACHE_MB default), wrk walking the URLs in order,`,
    );
    out.push(`each request a page not asked for before; ${longtailSeconds}s after a ${warmupSeconds}s warm-up on other URLs.`);
    out.push(
      `  cold pages: ${c.requestsPerSec.toFixed(0)}/s (target ≥ ${targets.longtailPagesPerSec}), p50 ${c.p50Ms.toFixed(1)} ms, p99 ${c.p99Ms.toFixed(1)} ms, ` +
        `${(c.requestsPerSec / ((c.processCpu.server ?? 0) / 100)).toFixed(0)} per server CPU-second`,
    );
    out.push(
      `  warm cached article on the same server: ${tail.warm.requestsPerSec.toFixed(0)} req/s; cold/warm ${(c.requestsPerSec / tail.warm.requestsPerSec).toFixed(3)}`,
    );
    const m = (k: LongTail['startKb']) => `RSS ${mb(k.rss)} MB (RssAnon ${mb(k.anon)}, RssFile ${mb(k.file)}), peak ${mb(k.peak)} MB`;
    out.push(`  memory after start: ${m(tail.startKb)}`);
    out.push(`  memory after the crawl: ${m(tail.afterKb)} (target RSS ≤ ${targets.longtailRssMb} MB)`);
    if (tail.cache) out.push(`  page cache at the end: ${tail.cache.entries} pages, ${mb(tail.cache.bytes / 1024)} MB`);
  }
  out.push(
    `Demo site right after start: RSS ${mb(khabarStart.rss)} MB (RssAnon ${mb(khabarStart.anon)}, RssFile ${mb(khabarStart.file)}; target ≤ ${targets.startRssMb} MB)`,
  );
  const warnings: string[] = [];
  const stolen: number[] = [];
  const checked = [...runs, ...(tail ? [{ name: 'long-tail crawl', server: 'khabar-cache-off' as const, round: 1, page: 'article' as const, path: '', result: tail.crawl }] : [])];
  for (const r of checked) {
    const w = r.result.wrkCpuPercent;
    const name = r.server === 'khabar-cache-off' ? r.name : `${r.name} (r${r.round})`;
    const s = r.result.processCpu.server ?? 0;
    const sCore = coreBusy(r.result.cpu, serverCore) ?? 0;
    if (w > 90) warnings.push(`${name}: wrk used ${w}% of its core — the load generator may be the bottleneck`);
    if (sCore < 90) warnings.push(`${name}: server core only ${sCore}% busy — the server was not saturated`);
    stolen.push(sCore - s);
    if (r.result.errors > 0) warnings.push(`${name}: ${r.result.errors} errors (${JSON.stringify(r.result.socketErrors)}, non-2xx/3xx ${r.result.non2xx3xx})`);
  }
  const noisy = stolen.filter((x) => x > 10);
  if (noisy.length > 0) {
    warnings.push(
      `other processes took ${Math.min(...noisy).toFixed(0)}–${Math.max(...noisy).toFixed(0)}% of the server core in ${noisy.length} of ` +
        `${checked.length} runs: the machine is shared, absolute numbers are noisy (compare the ratios and req/cpu-s)`,
    );
  }
  for (const w of warnings) out.push(`warning: ${w}`);
  out.push('');

  const values: Record<string, number | string> = {
    article_khabar_rps: Math.round(find('khabar', 'article').result.requestsPerSec),
    article_khabar_p50_ms: find('khabar', 'article').result.p50Ms,
    article_khabar_p99_ms: find('khabar', 'article').result.p99Ms,
    article_plain_rps: Math.round(find('plain', 'article').result.requestsPerSec),
    article_plain_p50_ms: find('plain', 'article').result.p50Ms,
    article_plain_p99_ms: find('plain', 'article').result.p99Ms,
    article_ratio: Math.round(articleRatio * 100) / 100,
    article_target: target,
    article_meets_target: articleRatio >= target ? 'yes' : 'no',
    home_khabar_rps: Math.round(find('khabar', 'home').result.requestsPerSec),
    home_khabar_p50_ms: find('khabar', 'home').result.p50Ms,
    home_khabar_p99_ms: find('khabar', 'home').result.p99Ms,
    home_plain_rps: Math.round(find('plain', 'home').result.requestsPerSec),
    home_plain_p50_ms: find('plain', 'home').result.p50Ms,
    home_plain_p99_ms: find('plain', 'home').result.p99Ms,
    home_ratio: Math.round(homeRatio * 100) / 100,
    article_ratio_per_cpu_second: Math.round(cpuRatio('article') * 100) / 100,
    home_ratio_per_cpu_second: Math.round(cpuRatio('home') * 100) / 100,
    cache_off_pages_rendered_per_sec: Math.round(off.result.requestsPerSec),
    cache_off_p50_ms: off.result.p50Ms,
    cache_off_p99_ms: off.result.p99Ms,
    cache_off_method: 'wrk on the article page, PAGE_CACHE=off',
    cache_off_compress_ms_per_page: Math.round(compressMs * 10) / 10,
    khabar_rss_after_start_mb: mb(khabarStartKb),
    khabar_peak_rss_mb: mb(khabarPeakKb),
    khabar_cache_off_peak_rss_mb: mb(uncachedPeakKb),
    plain_peak_rss_mb: mb(plainPeakKb),
    khabar_cache_hits: cacheStats?.hits ?? 'n/a',
    khabar_cache_misses: cacheStats?.misses ?? 'n/a',
    start_rss_mb: mb(khabarStart.rss),
    start_rss_anon_mb: mb(khabarStart.anon),
    start_rss_file_mb: mb(khabarStart.file),
    start_rss_target_mb: targets.startRssMb,
    ...(tail && {
      longtail_stories: tail.stories,
      longtail_pages_per_sec: Math.round(tail.crawl.requestsPerSec),
      longtail_target_pages_per_sec: targets.longtailPagesPerSec,
      longtail_p50_ms: tail.crawl.p50Ms,
      longtail_p99_ms: tail.crawl.p99Ms,
      longtail_pages_per_cpu_second: Math.round(tail.crawl.requestsPerSec / ((tail.crawl.processCpu.server ?? 0) / 100)),
      longtail_warm_rps: Math.round(tail.warm.requestsPerSec),
      longtail_cold_warm_ratio: Math.round((tail.crawl.requestsPerSec / tail.warm.requestsPerSec) * 1000) / 1000,
      longtail_rss_mb: mb(tail.afterKb.rss),
      longtail_rss_anon_mb: mb(tail.afterKb.anon),
      longtail_rss_file_mb: mb(tail.afterKb.file),
      longtail_peak_rss_mb: mb(tail.afterKb.peak),
      longtail_rss_target_mb: targets.longtailRssMb,
      longtail_start_rss_mb: mb(tail.startKb.rss),
      longtail_errors: tail.crawl.errors,
    }),
    errors: runs.reduce((n, r) => n + r.result.errors, 0) + (tail?.crawl.errors ?? 0),
  };
  for (const [name, value] of Object.entries(values)) out.push(`${name}: ${value}`);
  process.stdout.write(`${out.join('\n')}\n`);

  mkdirSync(resultsDir, { recursive: true });
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  const json = {
    benchmark: 'pages',
    date: new Date().toISOString(),
    commit,
    environment: {
      node: process.version,
      wrk,
      cpu: cpus()[0]?.model ?? '',
      cores: availableParallelism(),
      serverCore,
      wrkCore,
    },
    settings: { threads, connections, seconds, warmupSeconds, rounds, runtime, acceptEncoding },
    pages: { article: { path: paths.article, ...captured.article }, home: { path: paths.home, ...captured.home } },
    summary: values,
    peakMemoryKb: { khabar: khabarPeakKb, khabarCacheOff: uncachedPeakKb, plain: plainPeakKb },
    memoryAfterStartKb: { khabar: khabarStartKb },
    ...(tail && { longtail: tail }),
    runs,
    warnings,
  };
  writeFileSync(join(resultsDir, 'pages.json'), `${JSON.stringify(json, null, 2)}\n`);
  log(`results written to bench/results/pages.json`);
}

try {
  await main();
} catch (error) {
  for (const s of started) await s.stop().catch(() => {});
  console.error(error);
  process.exit(1);
}
