// Spawning distribution workers as real processes (test/distribution/workerProcess.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestDatabase } from '../helpers/database.js';
import type { WorkerProcessConfig, WorkerProcessReport } from './workerProcess.js';

export interface Spawned {
  child: ChildProcess;
  /** What it has printed so far. */
  output(): string;
  /** Resolves when the process ends: its report (when it finished) and how it ended. */
  done: Promise<{ report: WorkerProcessReport | null; out: string; err: string; signal: NodeJS.Signals | null; code: number | null }>;
}

export function spawnWorker(db: TestDatabase, keyText: string, cfg: WorkerProcessConfig): Spawned {
  const args = db.target.kind === 'postgres' ? ['postgres', db.target.url, db.target.schema] : ['sqlite', db.target.file, ''];
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/distribution/workerProcess.ts', ...args, JSON.stringify(cfg)], {
    env: { ...process.env, KHABAR_SECRET_KEY: keyText },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<Awaited<Spawned['done']>>((resolve) => {
    child.on('exit', (code, signal) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      let report: WorkerProcessReport | null = null;
      if (code === 0 && last.startsWith('{')) report = JSON.parse(last) as WorkerProcessReport;
      resolve({ report, out, err, signal, code });
    });
  });
  return { child, output: () => out, done };
}

/** Starts workers spawned with `waitForGo` at the same moment, once all are ready. */
export async function startTogether(workers: Spawned[]): Promise<void> {
  await until(() => workers.every((w) => w.output().includes('ready\n')), 30_000, 'the workers to be ready');
  for (const w of workers) w.child.stdin!.write('go\n');
}

/** Waits until `check` holds, polling; throws after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
