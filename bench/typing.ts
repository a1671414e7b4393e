// npm run bench:typing [-- --words N] [--queries N]
//
// The phonetic typing aid's answer time per word (what GET /newsroom/api/transliterate does:
// `transliterationCandidates` over the site's query index) at the vocabulary of a 100,000-story
// archive. That vocabulary is built from the fixture text's words (read in place from
// ../shared/fixtures/gujarati) and their inflected forms (word + case marker, as an archive has
// them) up to N words (default 400,000). Queries are the Latin words of the Dakshina dev pairs.
// Baseline in the same run: the same queries over the fixture vocabulary alone; the ratio says
// what the archive's size costs. Target: p95 ≤ 20 ms per word at 100,000 stories.
// Each word is timed twice over: wall time (what a reporter waits, inflated when other processes
// share the cores) and this process's CPU time (`cpu_` lines: the lookup's own work, which load
// on the machine does not inflate).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildQueryIndex, vocabularyOf } from '../src/search/analyzer.js';
import { transliterationCandidates } from '../src/search/editorAids.js';
import type { TransliterationIndex } from '../src/gujarati/transliterate.js';

const { values } = parseArgs({ options: { words: { type: 'string', default: '400000' }, queries: { type: 'string', default: '3000' } } });
const target = Number(values.words);
const nQueries = Number(values.queries);
const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/fixtures/gujarati');
if (!existsSync(join(dir, 'dakshina-lexicon-pairs.jsonl'))) {
  console.log(`# skipped: fixtures not found under ${dir}`);
  process.exit(0);
}
const lines = (f: string) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>);

const text = new Map<string, number>();
for (const f of ['dakshina-wikipedia-articles.jsonl', 'indicnlp-news-articles.jsonl', 'l3cube-indicnews-headlines.jsonl']) {
  for (const d of lines(f)) vocabularyOf(`${d.title ?? ''}\n${d.body ?? ''}`, text);
}
const archive = new Map(text);
const markers = ['માં', 'ના', 'ની', 'નો', 'નું', 'ને', 'થી', 'એ', 'ઓ', 'ઓને', 'ઓમાં', 'માંથી'];
outer: for (const m of markers) {
  for (const [w, f] of text) {
    if (archive.size >= target) break outer;
    if (!archive.has(w + m)) archive.set(w + m, Math.max(1, Math.round(f / 4)));
  }
}
const queries = lines('dakshina-lexicon-pairs.jsonl').map((d) => d.roman!).filter((w) => /^[a-z]+$/u.test(w)).slice(0, nQueries);

interface Times {
  p50: number;
  p95: number;
  p99: number;
  cpuP50: number;
  cpuP95: number;
}

function measure(idx: TransliterationIndex): Times {
  for (const q of queries.slice(0, 200)) transliterationCandidates(q, idx); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const q of queries) {
    const c = process.cpuUsage();
    const t = performance.now();
    transliterationCandidates(q, idx);
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const at = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  return { p50: at(wall, 0.5), p95: at(wall, 0.95), p99: at(wall, 0.99), cpuP50: at(cpu, 0.5), cpuP95: at(cpu, 0.95) };
}

const print = (name: string, v: number) => console.log(`${name}: ${Number.isInteger(v) ? v : v.toFixed(3)}`);
let t = Date.now();
const base = buildQueryIndex(text);
print('typing.baseline.index_ms', Date.now() - t);
print('typing.baseline.words', base.size);
const b = measure(base);
t = Date.now();
const big = buildQueryIndex(archive);
print('typing.archive.index_ms', Date.now() - t);
print('typing.archive.words', big.size);
const a = measure(big);
print('typing.queries', queries.length);
print('typing.baseline.ms_p50', b.p50);
print('typing.baseline.ms_p95', b.p95);
print('typing.archive.ms_p50', a.p50);
print('typing.archive.ms_p95', a.p95);
print('typing.archive.ms_p99', a.p99);
print('typing.ratio_p95', a.p95 / b.p95);
print('typing.baseline.cpu_ms_p50', b.cpuP50);
print('typing.baseline.cpu_ms_p95', b.cpuP95);
print('typing.archive.cpu_ms_p50', a.cpuP50);
print('typing.archive.cpu_ms_p95', a.cpuP95);
print('typing.ratio_cpu_p95', a.cpuP95 / b.cpuP95);
