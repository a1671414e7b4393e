import { spawn, spawnSync } from 'node:child_process';
import { cpuSampler, processSampler, type CoreLoad } from './cpu.js';

export interface WrkOptions {
  url: string;
  threads?: number;
  connections?: number;
  seconds?: number;
  /** Path to a wrk Lua script (`-s`). */
  script?: string;
  /** Arguments for the script's `init(args)` (after `--`). */
  scriptArgs?: string[];
  headers?: Record<string, string>;
  /** Core to pin wrk to with taskset; null to not pin. Default 1. */
  core?: number | null;
  /** wrk's per-request timeout in seconds (`--timeout`). Default 10. */
  timeoutSeconds?: number;
  /** Processes (e.g. the server under test) whose CPU use over the run to report, by name. */
  watch?: Record<string, number>;
}

export interface WrkResult {
  requestsPerSec: number;
  p50Ms: number;
  p75Ms: number;
  p90Ms: number;
  p99Ms: number;
  requests: number;
  /** Socket errors (connect, read, write, timeout) plus non-2xx/3xx responses. */
  errors: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  non2xx3xx: number;
  transferPerSec: string;
  /** Per-core busy % over the run (sampled from /proc/stat before and after), all processes. */
  cpu: CoreLoad[];
  /** CPU wrk itself used over the run, % of one core (from the shell's `times`). */
  wrkCpuPercent: number;
  /** CPU each watched process used over the run, % of one core. */
  processCpu: Record<string, number>;
  /** wrk's own output, unparsed. */
  output: string;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const unitMs: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `1.23ms` → 1.23, `812.00us` → 0.812 */
export function parseDuration(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`cannot parse wrk duration "${text}"`);
  return Number(m[1]) * unitMs[m[2]!]!;
}

/** Reads wrk's `--latency` report. */
export function parseWrkOutput(output: string): Omit<WrkResult, 'cpu' | 'wrkCpuPercent' | 'processCpu' | 'output'> {
  const percentile = (p: number) => {
    const m = new RegExp(`^\\s*${p}%\\s+(\\S+)\\s*$`, 'm').exec(output);
    if (!m) throw new Error(`wrk output has no ${p}% latency line (was --latency passed?):\n${output}`);
    return parseDuration(m[1]!);
  };
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output);
  if (!rps) throw new Error(`wrk output has no Requests/sec line:\n${output}`);
  const requests = /^\s*(\d+) requests in /m.exec(output);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = {
    connect: Number(sock?.[1] ?? 0),
    read: Number(sock?.[2] ?? 0),
    write: Number(sock?.[3] ?? 0),
    timeout: Number(sock?.[4] ?? 0),
  };
  const non2xx3xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  return {
    requestsPerSec: Number(rps[1]),
    p50Ms: percentile(50),
    p75Ms: percentile(75),
    p90Ms: percentile(90),
    p99Ms: percentile(99),
    requests: Number(requests?.[1] ?? 0),
    errors: socketErrors.connect + socketErrors.read + socketErrors.write + socketErrors.timeout + non2xx3xx,
    socketErrors,
    non2xx3xx,
    transferPerSec: /^Transfer\/sec:\s+(\S+)/m.exec(output)?.[1] ?? '',
  };
}

/**
 * One bounded wrk run (pinned to a core with taskset) against a loopback URL, with per-core
 * CPU load over the run. Refuses anything but loopback: benchmarks never load other hosts.
 */
export async function runWrk(o: WrkOptions): Promise<WrkResult> {
  const url = new URL(o.url);
  if (!loopback.has(url.hostname)) throw new Error(`runWrk only loads loopback addresses, not ${url.hostname}`);
  const seconds = o.seconds ?? 8;
  const args = [
    `-t${o.threads ?? 1}`,
    `-c${o.connections ?? 32}`,
    `-d${seconds}s`,
    `--timeout`,
    `${o.timeoutSeconds ?? 10}s`,
    '--latency',
  ];
  for (const [name, value] of Object.entries(o.headers ?? {})) args.push('-H', `${name}: ${value}`);
  if (o.script) args.push('-s', o.script);
  args.push(o.url);
  if (o.scriptArgs && o.scriptArgs.length > 0) args.push('--', ...o.scriptArgs);
  const core = o.core === undefined ? 1 : o.core;
  const [cmd, cmdArgs] = core === null ? ['wrk', args] : ['taskset', ['-c', String(core), 'wrk', ...args]];

  // Run wrk under bash so `times` can report the CPU wrk used (its user + system seconds).
  const shell = ['-c', '"$@"; s=$?; times >&2; exit $s', 'bash', cmd, ...cmdArgs];
  const sampler = cpuSampler();
  const watched = processSampler(o.watch ?? {});
  const startedAt = process.hrtime.bigint();
  const { out: output, err } = await new Promise<{ out: string; err: string }>((resolve, reject) => {
    const child = spawn('bash', shell, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    // A stuck run: end bash and wrk together (they share the detached process group).
    const killer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), (seconds + 30) * 1000);
    child.on('error', (e) => {
      clearTimeout(killer);
      reject(new Error(`cannot run bash: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(killer);
      if (code === 0) resolve({ out, err });
      else if (code === 127) reject(new Error(`${cmd} not found (is wrk installed? apt-get install -y wrk): ${err}`));
      else reject(new Error(`${cmd} exited with ${code}: ${err || out}`));
    });
  });
  const wall = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const cpu = sampler.read();
  const processCpu = watched.read();
  return { ...parseWrkOutput(output), cpu, wrkCpuPercent: childCpuPercent(err, wall), processCpu, output };
}

/** From bash's `times` (last line: children's user and system time, e.g. `0m7.81s 0m1.20s`). */
function childCpuPercent(stderr: string, wallSeconds: number): number {
  const lines = stderr.trim().split('\n');
  const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(lines[lines.length - 1]?.trim() ?? '');
  if (!m || wallSeconds <= 0) return NaN;
  const used = Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]);
  return Math.round((1000 * used) / wallSeconds) / 10;
}

/** `wrk debian/4.1.0-3+b2 [epoll] …` (wrk --version exits 1, so its status is ignored). */
export function wrkVersion(): string {
  const r = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run wrk: ${r.error.message} (apt-get install -y wrk)`);
  return (r.stdout.split('\n')[0] ?? '').replace(/\s*Copyright.*$/, '').trim();
}
