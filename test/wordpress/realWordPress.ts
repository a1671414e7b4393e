import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/site.js';

/**
 * A throwaway real WordPress: Debian's package (/usr/share/wordpress) on PHP's built-in server,
 * a database of its own in the machine's MariaDB, installed and seeded through WordPress's own
 * PHP functions (install.php, seed.php beside this file). Nothing is installed here.
 */

const here = dirname(fileURLToPath(import.meta.url));
const mysqlArgs = ['-uroot', '-h127.0.0.1', '-P3306'];

/** Why the real WordPress cannot run here, or null when it can. */
export function wordPressMissing(): string | null {
  if (spawnSync('php', ['-v']).status !== 0) return 'php is not installed (apt-get install php-cli php-mysql)';
  if (!existsSync('/usr/share/wordpress/wp-load.php')) return "Debian's wordpress package is not installed (apt-get install wordpress)";
  if (spawnSync('php', ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);']).status !== 0) return 'php-mysql is not installed';
  if (spawnSync('mysql', [...mysqlArgs, '-e', 'select 1']).status !== 0) return 'MariaDB does not answer on 127.0.0.1:3306 as root';
  return null;
}

export interface RealWordPress {
  url: string;
  /** WordPress's wp-content/uploads of this site. */
  uploadsDir: string;
  /** What seed.php made: WordPress ids by name. */
  seeded: {
    posts: Record<'rain' | 'cricket' | 'gujarat' | 'ahmedabad2' | 'future' | 'draft' | 'about', number>;
    attachment: number;
    categories: Record<'gujarat' | 'ahmedabad' | 'sports' | 'cricket', number>;
    users: Record<'ramesh' | 'kavya', number>;
  };
  /** Runs export_wp() and returns the WXR text. */
  exportWxr(): string;
  /** Runs a PHP file of this folder against the site, returning its standard output. */
  php(script: string, env?: Record<string, string>): string;
  stop(): Promise<void>;
}

export async function startWordPress(): Promise<RealWordPress> {
  const name = `khabaroracle${process.pid}`;
  const database = `khabar_wp_${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'khabar-wp-'));
  const content = join(dir, 'wp-content');
  mkdirSync(join(content, 'uploads'), { recursive: true });
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}`;
  const config = `/etc/wordpress/config-${name}.php`;
  const sql = (statement: string) => {
    const r = spawnSync('mysql', [...mysqlArgs, '-e', statement], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mysql: ${r.stderr}`);
  };
  sql(`drop database if exists ${database}; create database ${database} character set utf8mb4 collate utf8mb4_unicode_ci`);
  writeFileSync(
    config,
    `<?php
define('DB_NAME', '${database}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1');
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
define('WP_CONTENT_DIR', '${content}');
define('WP_CONTENT_URL', '${url}/wp-content');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
`,
  );
  const env = { ...process.env, KHABAR_WP_CONFIG: name, KHABAR_WP_HOST: host, KHABAR_WP_CONTENT: content };
  const php = (script: string, extra: Record<string, string> = {}) => {
    const r = spawnSync('php', [join(here, script)], { encoding: 'utf8', env: { ...env, ...extra }, maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`php ${script} failed (${r.status}): ${r.stderr}${r.stdout.slice(0, 2000)}`);
    return r.stdout;
  };
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(config, { force: true });
    sql(`drop database if exists ${database}`);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    php('install.php');
    const seeded = JSON.parse(php('seed.php').trim().split('\n').pop() ?? '{}') as RealWordPress['seeded'];
    server = spawn('php', ['-S', host, '-t', '/usr/share/wordpress', join(here, 'router.php')], { env: { ...env, PHP_CLI_SERVER_WORKERS: '2' }, stdio: 'ignore' });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/wp-json/`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 100) throw new Error('WordPress did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    return { url, uploadsDir: join(content, 'uploads'), seeded, exportWxr: () => php('export.php'), php, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
