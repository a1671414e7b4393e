/**
 * Beacon benchmark (`npm run bench:views`).
 *
 * Khabar's view beacon (POST /api/v1/articles/:id/views: isbot, hashing, in-memory queue, a
 * batched write every second) against a bare node:http server that drains the body and answers
 * 204, measured in the same run. Both servers run pinned to one core, wrk (with a Lua script
 * that makes every request a new reader) pinned to the other. Rounds alternate the targets so
 * machine drift hits both alike; the ratio is the median of the per-round ratios. After the
 * runs Khabar is stopped (flushing pending views) and the stored count is checked against the
 * number of 2xx responses wrk saw, so the speed is not bought by dropping views. A second Khabar
 * with Prometheus metrics on runs in the same rounds: `metrics_ratio` is what counting each
 * beacon in the request metrics costs.
 *
 * Tunables (environment): BENCH_SECONDS (8), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (32),
 * BENCH_ROUNDS (3), BENCH_SERVER_CORE (0), BENCH_WRK_CORE (1), BENCH_RUNTIME (compiled | tsx).
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { formatLoads, type CoreLoad } from './lib/cpu.js';
import { buildBenchServers } from './lib/build.js';
import { startServerProcess, type ServerProcess, type ServerReady } from './lib/server.js';
import { runWrk, wrkVersion, type WrkResult } from './lib/wrk.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number, not "${raw}"`);
  return n;
};
const seconds = num('BENCH_SECONDS', 8);
const warmup = num('BENCH_WARMUP_SECONDS', 2);
const connections = num('BENCH_CONNECTIONS', 32);
const rounds = Math.max(1, Math.round(num('BENCH_ROUNDS', 3)));
const pinned = availableParallelism() >= 2;
const serverCore = pinned ? num('BENCH_SERVER_CORE', 0) : null;
const wrkCore = pinned ? num('BENCH_WRK_CORE', 1) : null;
// Issue #16: ≥ 0.8× with p99 ≤ 10 ms is the goal, ≥ 0.5× and p99 ≤ 50 ms the bar.
const target = 0.8;
const bar = 0.5;
const p99Target = 10;
const p99Bar = 50;
const lua = join(root, 'bench/lua/beacon.lua');

interface ViewsReady extends ServerReady {
  beacon: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const busy = (loads: CoreLoad[], core: number | null) => (core === null ? NaN : (loads.find((l) => l.core === core)?.busyPercent ?? NaN));

async function load(server: ServerProcess, path: string, duration: number): Promise<WrkResult> {
  return runWrk({
    url: `http://127.0.0.1:${server.ready.port}${path}`,
    threads: 1,
    connections,
    seconds: duration,
    script: lua,
    core: wrkCore,
    watch: { server: server.pid },
  });
}

async function main() {
  if (!pinned) log('warning: fewer than 2 cores; server and wrk are not pinned and share the CPU');
  log(`wrk: ${wrkVersion()}; ${connections} connections, ${seconds} s per run, ${rounds} rounds`);
  const runtime = process.env.BENCH_RUNTIME === 'tsx' ? 'tsx' : 'compiled';
  const dir = runtime === 'tsx' ? root : buildBenchServers(root, log);
  const script = (name: string) => (runtime === 'tsx' ? join(root, `bench/servers/${name}.ts`) : join(dir, `bench/servers/${name}.js`));

  const countDir = mkdtempSync(join(tmpdir(), 'khabar-bench-views-'));
  const countFile = join(countDir, 'count');
  const metricsCountFile = join(countDir, 'count-metrics');
  const khabar = await startServerProcess<ViewsReady>(script('views'), { core: serverCore, cwd: root, env: { VIEWS_COUNT_FILE: countFile } });
  const withMetrics = await startServerProcess<ViewsReady>(script('views'), { core: serverCore, cwd: root, env: { VIEWS_COUNT_FILE: metricsCountFile, VIEWS_METRICS: '1' } });
  const plain = await startServerProcess(script('noContent'), { core: serverCore, cwd: root });
  const beacon = khabar.ready.beacon;
  const servers = { khabar, metrics: withMetrics, plain };
  const results: Record<keyof typeof servers, WrkResult[]> = { khabar: [], metrics: [], plain: [] };
  const warmed = { khabar: 0, metrics: 0 };
  try {
    const w = await load(khabar, beacon, warmup);
    warmed.khabar = w.requests - w.non2xx3xx;
    const m = await load(withMetrics, withMetrics.ready.beacon, warmup);
    warmed.metrics = m.requests - m.non2xx3xx;
    await load(plain, beacon, warmup);
    // Each round starts with a different target, so drift over the run hits all three alike.
    const targets = ['khabar', 'plain', 'metrics'] as const;
    for (let round = 0; round < rounds; round++) {
      const order = targets.map((_, i) => targets[(i + round) % targets.length]!);
      for (const which of order) {
        const server = servers[which];
        const r = await load(server, which === 'metrics' ? withMetrics.ready.beacon : beacon, seconds);
        results[which].push(r);
        log(
          `  round ${round + 1} ${which}: ${r.requestsPerSec.toFixed(0)} req/s (${r.requests - r.non2xx3xx} readers), p99 ${r.p99Ms.toFixed(2)} ms, errors ${r.errors}; ` +
            `${formatLoads(r.cpu)}; server process ${r.processCpu.server}%, wrk ${r.wrkCpuPercent}%`,
        );
      }
    }
  } finally {
    await plain.stop();
  }
  // Stop Khabar with SIGTERM: it writes pending views and prints the stored count.
  await khabar.stop();
  await withMetrics.stop();
  const counted = Number(readFileSync(countFile, 'utf8'));
  const countedWithMetrics = Number(readFileSync(metricsCountFile, 'utf8'));
  rmSync(countDir, { recursive: true, force: true });
  const answered = (rs: WrkResult[]) => rs.reduce((s, r) => s + r.requests - r.non2xx3xx, 0);
  const sent = warmed.khabar + answered(results.khabar);
  const sentWithMetrics = warmed.metrics + answered(results.metrics);

  const ratios = results.khabar.map((k, i) => k.requestsPerSec / results.plain[i]!.requestsPerSec);
  const ratio = median(ratios);
  const row = (name: string, rs: WrkResult[]) => {
    const sorted = [...rs].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
    const mid = sorted[Math.floor(sorted.length / 2)]!;
    return `${name.padEnd(22)} ${mid.requestsPerSec.toFixed(0).padStart(9)} req/s   p99 ${mid.p99Ms.toFixed(2).padStart(7)} ms   server core ${busy(mid.cpu, serverCore).toFixed(1)}%   wrk core ${busy(mid.cpu, wrkCore).toFixed(1)}%   server process ${mid.processCpu.server}%`;
  };
  console.log('');
  console.log(`beacon benchmark (median of ${rounds} rounds, ${seconds} s each, ${connections} connections, runtime ${runtime})`);
  console.log(row('khabar beacon', results.khabar));
  console.log(row('khabar beacon, metrics', results.metrics));
  console.log(row('node:http 204', results.plain));
  // Requests per CPU-second of the server process: its cost per request, whatever else shares the core.
  const perCpu = (r: WrkResult) => r.requestsPerSec / Math.max(0.001, (r.processCpu.server ?? 0) / 100);
  const cpuRatio = median(results.khabar.map((k, i) => perCpu(k) / perCpu(results.plain[i]!)));
  console.log(`per server CPU-second: khabar ${median(results.khabar.map(perCpu)).toFixed(0)}, node:http ${median(results.plain.map(perCpu)).toFixed(0)}, ratio ${cpuRatio.toFixed(2)}×`);
  console.log(`ratio ${ratio.toFixed(2)}× (target ≥ ${target}×, bar ≥ ${bar}×) ${ratio >= target ? 'OK' : ratio >= bar ? 'above the bar' : 'BELOW THE BAR'}  [per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}]`);
  const p99 = median(results.khabar.map((r) => r.p99Ms));
  // Steady: the last round's rate against the first's (the day's readers grow between them).
  const steady = results.khabar.at(-1)!.requestsPerSec / results.khabar[0]!.requestsPerSec;
  const readers = median(results.khabar.map((r) => r.requests - r.non2xx3xx));
  // wrk stops mid-flight: beacons the server took but whose answer wrk dropped are counted too, so stored ≥ answered.
  console.log(`views: ${sent} beacons answered 2xx (warm-up included); stored view_count after shutdown ${counted}${counted >= sent ? ' (none lost)' : ' — VIEWS LOST'}`);
  console.log(`views with metrics on: ${sentWithMetrics} answered, ${countedWithMetrics} stored${countedWithMetrics >= sentWithMetrics ? ' (none lost)' : ' — VIEWS LOST'}`);
  // What counting beacons in the request metrics costs: the same Khabar with metrics on, per round.
  const metricsRatio = median(results.metrics.map((m, i) => m.requestsPerSec / results.khabar[i]!.requestsPerSec));
  const metricsCpuRatio = median(results.metrics.map((m, i) => perCpu(m) / perCpu(results.khabar[i]!)));
  console.log(`metrics on: ${metricsRatio.toFixed(2)}× the req/s of metrics off (${metricsCpuRatio.toFixed(2)}× per server CPU-second)`);
  const all = [...results.khabar, ...results.metrics, ...results.plain];
  const limited = all.some((r) => (r.processCpu.server ?? 0) < 80);
  if (limited) console.log('warning: the server process got less than 80% of a core in some round: other processes were the limit, so req/s and p99 are not its own; the per CPU-second ratio is the better figure');
  const wrkBound = all.filter((r) => r.wrkCpuPercent > 90).length;
  if (wrkBound > 0) console.log(`warning: wrk used more than 90% of its core in ${wrkBound} run(s): the load generator may have been the limit, so the ratio understates the server`);
  console.log(`ratio: ${ratio.toFixed(2)}`);
  console.log(`p99_ms: ${p99.toFixed(2)}`);
  console.log(`cpu_ratio: ${cpuRatio.toFixed(2)}`);
  console.log(`last_to_first_round: ${steady.toFixed(2)}`);
  console.log(`readers_per_round: ${readers}`);
  console.log(`views_lost: ${Math.max(0, sent - counted) + Math.max(0, sentWithMetrics - countedWithMetrics)}`);
  console.log(`metrics_ratio: ${metricsRatio.toFixed(2)}`);
  console.log(`metrics_cpu_ratio: ${metricsCpuRatio.toFixed(2)}`);
  if (ratio < bar || p99 > p99Bar || counted < sent || countedWithMetrics < sentWithMetrics) process.exitCode = 1;
  else if (ratio < target || p99 > p99Target) log('below the target (above the bar)');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
