/**
 * The real `khabar` command line, compiled with the other bench servers (bench/tsconfig.json)
 * so that load runs execute plain JavaScript as production does: `node serve.js serve`.
 *
 * With BENCH_LOOP_LOG=FILE it also appends, once a second, a JSON line with the event loop's
 * delay over that second (max and p99, ms) and the heap size: a stalled loop shows as a spike,
 * and its time lines up with what the load generator saw. With BENCH_SQL_LOG=FILE it times every
 * SQLite statement (better-sqlite3 runs them on the event loop) and writes, every 10 s, the
 * statements that took the most time in all (and each one over 50 ms, with its time, to
 * FILE.slow): what a CPU profile cannot attribute to a caller.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';

const loopLog = process.env.BENCH_LOOP_LOG;
if (loopLog) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  setInterval(() => {
    const line = { t: Date.now(), maxMs: Math.round(delay.max / 1e5) / 10, p99Ms: Math.round(delay.percentile(99) / 1e5) / 10, heapMb: Math.round(process.memoryUsage().heapUsed / 1048576) };
    delay.reset();
    appendFileSync(loopLog, `${JSON.stringify(line)}\n`);
  }, 1000).unref();
}

const sqlLog = process.env.BENCH_SQL_LOG;
if (sqlLog) {
  const spent = new Map<string, { n: number; ms: number; maxMs: number }>();
  const proto = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1')) as Record<'all' | 'get' | 'run' | 'iterate', (...args: unknown[]) => unknown> & { source: string };
  for (const method of ['all', 'get', 'run', 'iterate'] as const) {
    const original = proto[method];
    proto[method] = function (this: typeof proto, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - t0;
        const key = this.source.replace(/\?(, \?)+/g, '?, …');
        if (ms >= 50) appendFileSync(`${sqlLog}.slow`, `${JSON.stringify({ t: Date.now(), ms: Math.round(ms), sql: key.slice(-300) })}\n`);
        const s = spent.get(key) ?? { n: 0, ms: 0, maxMs: 0 };
        s.n++;
        s.ms += ms;
        s.maxMs = Math.max(s.maxMs, ms);
        spent.set(key, s);
      }
    };
  }
  setInterval(() => {
    const top = [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
    const shown = (sql: string) => (sql.length > 500 ? `${sql.slice(0, 150)} … ${sql.slice(-350)}` : sql);
    writeFileSync(sqlLog, top.map(([sql, s]) => `${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(6)}× max ${s.maxMs.toFixed(1)} ms  ${shown(sql)}`).join('\n') + '\n');
  }, 10_000).unref();
}

await import('../../src/main.js');
