// Real `khabar` processes for the operations tests: start, wait until serving, signal, collect.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { TestDatabase } from '../helpers/database.js';
import { freePort } from '../helpers/site.js';

/** Polls `ok` every 20 ms until it holds; fails with `what` after `ms`. */
export async function waitUntil(ok: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await ok()) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `DATABASE_URL` for a spawned command on the test database (PostgreSQL: its schema through `options`). */
export function databaseUrl(d: TestDatabase): string {
  if (d.target.kind === 'sqlite') return `sqlite:${d.target.file}`;
  const url = new URL(d.target.url);
  url.searchParams.set('options', `-c search_path=${d.target.schema}`);
  return url.toString();
}

export interface Khabar {
  child: ChildProcess;
  url: string;
  port: number;
  stdout(): string;
  stderr(): string;
  /** Resolves to the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL if it is still there after `ms`. */
  stop(ms?: number): Promise<number | string>;
}

/** Runs `khabar <args>` through tsx with `env` on top of the test's own; resolves once it prints `ready`. */
export async function startKhabar(args: string[], env: Record<string, string>, ready: RegExp = /khabar: serving /, ms = 60_000): Promise<Khabar> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', SEED_DEMO: 'off', HOST: '127.0.0.1', PORT: String(port), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let gone = false;
  void exited.then(() => (gone = true));
  const end = Date.now() + ms;
  while (!ready.test(out)) {
    if (gone) throw new Error(`khabar ${args.join(' ')} exited before it was ready:\n${out}\n${err}`);
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`khabar ${args.join(' ')} was not ready after ${ms} ms:\n${out}\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(wait = 15_000) {
      if (gone) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), wait);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs `khabar <args>` to its end. */
export function runKhabar(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', SEED_DEMO: 'off', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Why this machine's PostgreSQL cannot be restarted by a test, or undefined when it can. */
export function cannotRestartPostgres(): string | undefined {
  try {
    if (readdirSync('/etc/postgresql').length !== 1) return 'not exactly one PostgreSQL version in /etc/postgresql';
  } catch {
    return 'no /etc/postgresql (PostgreSQL is not run by this machine)';
  }
  if (spawnSync('which', ['pg_ctlcluster']).status !== 0) return 'no pg_ctlcluster';
  return undefined;
}

function run(command: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => resolve({ code: -1, stderr: err.message }));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/**
 * Restarts this machine's PostgreSQL (the one the tests use) and waits until it accepts
 * connections again; the event loop runs meanwhile, so pools notice their cut connections.
 * It is always left running: a failed restart is followed by a start.
 */
export async function restartPostgres(): Promise<void> {
  const version = readdirSync('/etc/postgresql')[0]!;
  const restart = await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart']);
  if (restart.code !== 0) await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  for (let i = 0; i < 600; i++) {
    if ((await run('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q'])).code === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`PostgreSQL did not come back after the restart: ${restart.stderr}`);
}
