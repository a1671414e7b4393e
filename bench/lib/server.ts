import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The first stdout line of a bench server script: JSON with at least `port`. */
export interface ServerReady {
  port: number;
  [key: string]: unknown;
}

export interface ServerProcess<T extends ServerReady = ServerReady> {
  pid: number;
  ready: T;
  /** VmHWM of the process in kB: its peak resident memory so far. */
  peakMemoryKb(): number;
  /** Current resident memory (VmRSS) in kB. */
  memoryKb(): number;
  /** Resident memory now, in kB: all of it, anonymous (heap, buffers) and file-backed (code, mapped files), and the peak. */
  residentKb(): { rss: number; anon: number; file: number; peak: number };
  /** stdout lines after the ready line (JSON-parsed when they parse), e.g. stats printed at exit. */
  messages: unknown[];
  /** Stops the process (SIGTERM) and waits until it has exited and its stdout is read. */
  stop(): Promise<void>;
}

/**
 * The node flags `khabar serve` runs with: those of src/main.ts's `#!/usr/bin/env -S node …` line
 * (the launcher npm links as `khabar`), so a bench server is measured as a started site runs.
 */
export function launcherNodeFlags(root: string): string[] {
  const first = readFileSync(join(root, 'src/main.ts'), 'utf8').split('\n', 1)[0]!;
  const m = /^#!\/usr\/bin\/env(?: -S)? node((?: --[\w-]+(?:=\S+)?)*)$/.exec(first);
  if (!m) throw new Error(`src/main.ts starts with "${first}", not a node launcher line`);
  return m[1]!.split(' ').filter(Boolean);
}

function statusField(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(m[1]);
}

/**
 * Starts a bench server script (TypeScript through tsx's loader, in the same node process so the
 * pid is the server's; or compiled JavaScript) pinned to one core, and waits for its ready line.
 */
export async function startServerProcess<T extends ServerReady = ServerReady>(
  script: string,
  o: {
    core?: number | null;
    env?: Record<string, string>;
    /** Arguments for the script. */
    args?: string[];
    /** Extra node flags, e.g. `--cpu-prof`. */
    nodeFlags?: string[];
    /** Working directory (tsx reads the tsconfig.json found there, e.g. for JSX). Default: this process's. */
    cwd?: string;
    startTimeoutMs?: number;
  } = {},
): Promise<ServerProcess<T>> {
  // TypeScript runs through tsx's loader; compiled JavaScript runs on node alone.
  const loader = /\.[cm]?tsx?$/.test(script) ? ['--import', 'tsx'] : [];
  const nodeArgs = [...(o.nodeFlags ?? []), ...loader, script, ...(o.args ?? [])];
  const core = o.core === undefined ? 0 : o.core;
  // taskset execs node, so the child's pid is node's own.
  const child: ChildProcess =
    core === null
      ? spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...o.env }, cwd: o.cwd })
      : spawn('taskset', ['-c', String(core), process.execPath, ...nodeArgs], {
          stdio: ['ignore', 'pipe', 'inherit'],
          env: { ...process.env, ...o.env },
          cwd: o.cwd,
        });
  // 'close', not 'exit': stdout has been read to the end by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const messages: unknown[] = [];
  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} printed no ready line within ${o.startTimeoutMs ?? 60_000} ms`));
    }, o.startTimeoutMs ?? 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.on('line', (more) => {
        try {
          messages.push(JSON.parse(more));
        } catch {
          messages.push(more);
        }
      });
      try {
        resolve(JSON.parse(line) as T);
      } catch {
        child.kill('SIGKILL');
        reject(new Error(`${script} printed "${line}", not a JSON ready line`));
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (code ${code}) before it was ready`));
    });
  });
  const pid = child.pid!;
  return {
    pid,
    ready,
    peakMemoryKb: () => statusField(pid, 'VmHWM'),
    memoryKb: () => statusField(pid, 'VmRSS'),
    residentKb: () => ({
      rss: statusField(pid, 'VmRSS'),
      anon: statusField(pid, 'RssAnon'),
      file: statusField(pid, 'RssFile'),
      peak: statusField(pid, 'VmHWM'),
    }),
    messages,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
