import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Compiles bench/tsconfig.json (the bench servers and what they import) with the project's tsc,
 * and returns the output folder. Type errors elsewhere in the tree (work in progress) do not stop
 * it: tsc still emits, and they are reported as a warning. Throws when nothing was emitted.
 */
export function buildBenchServers(root: string, log: (line: string) => void = () => {}): string {
  const outDir = join(root, 'bench/results/build');
  const tsc = join(root, 'node_modules/.bin/tsc');
  const started = Date.now();
  const r = spawnSync(tsc, ['-p', join(root, 'bench/tsconfig.json')], { cwd: root, encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run tsc: ${r.error.message}`);
  if (r.status !== 0) {
    const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    log(`warning: tsc reported ${errors.length} type error(s); the emitted JavaScript is used anyway:\n  ${errors.slice(0, 5).join('\n  ')}`);
  }
  if (!existsSync(join(outDir, 'bench/servers'))) throw new Error(`tsc emitted nothing under ${outDir}:\n${r.stdout}${r.stderr}`);
  log(`compiled the bench servers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}
