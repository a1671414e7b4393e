// Runs every *.test.ts / *.test.tsx under the given folders (default: test/) with node:test
// through tsx: once on SQLite, then again on PostgreSQL when KHABAR_TEST_DATABASE_URL is set.
// Node 20's --test does not expand globs, so the file list is built here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const roots = args.length > 0 ? args : ['test'];
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? collect(r) : [r])).sort();
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
// Pure text functions touch no database; running them twice proves nothing.
const usesDatabase = (f) => !/^test[\\/](gujarati)[\\/]/.test(f) && !/analyzer\.test\.ts$/.test(f);

function run(label, list, env) {
  console.log(`\n=== ${label}: ${list.length} test files ===`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...list],
    { stdio: 'inherit', env },
  );
  return result.status ?? 1;
}

// The layer order of DESIGN.md is part of the build: a violation fails the run.
console.log('\n=== layers: dependency-cruiser ===');
const layers = spawnSync('npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { stdio: 'inherit' });

const { KHABAR_TEST_DATABASE_URL: pgUrl, ...sqliteEnv } = process.env;
let status = run('SQLite', files, sqliteEnv) || (layers.status ?? 1);
if (pgUrl) {
  status = run('PostgreSQL', files.filter(usesDatabase), process.env) || status;
} else {
  console.log('\nPostgreSQL pass SKIPPED: set KHABAR_TEST_DATABASE_URL=postgres://… to run the suite on PostgreSQL too.');
}
process.exit(status);
