// npm run bench:spellcheck
//
// The spell-check's first answer in a fresh process: reading hunspell-gu (/usr/share/hunspell,
// used in place) and checking one short story. Baseline in the same run: what the first check
// used to cost: nspell's parse of the .aff and .dic, then searchKey of every listed word into the
// word map, the long/short i-u set and the verb roots, as the previous loader did.

/// <reference path="../src/types/nspell.d.ts" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nspell from 'nspell';
import { searchKey } from '../src/gujarati/normalize.js';
import { Spellchecker, hunspellDir } from '../src/search/editorAids.js';

const aff = join(hunspellDir, 'gu_IN.aff');
const dic = join(hunspellDir, 'gu_IN.dic');
if (!existsSync(aff) || !existsSync(dic)) {
  console.log(`# skipped: no gu_IN dictionary under ${hunspellDir} (apt-get install hunspell-gu)`);
  process.exit(0);
}
const story = 'રાજ્યમાં વરસાદની પરિસ્થિતિ નિયંત્રણમાં છે, પણ નદીકાંઠેથી પરિવારોને ખસેડાયા. મુખ્યમંત્રીએ અધિકારીઓ સાથે બેઠક કરી.';

let t = performance.now();
const r = new Spellchecker().check(story);
const first = performance.now() - t;
t = performance.now();
new Spellchecker().check(story);
const second = performance.now() - t;

t = performance.now();
const s = nspell(readFileSync(aff), readFileSync(dic));
const words = new Map<string, string>();
const loose = new Set<string>();
const roots = new Set<string>();
for (const line of readFileSync(dic).toString('utf8').split('\n').slice(1)) {
  const w = line.split('/')[0]!.trim();
  if (!w) continue;
  const k = searchKey(w);
  if (!words.has(k)) words.set(k, w);
  loose.add(k.replace(/[\u0A88\u0AC0\u0A8A\u0AC2]/gu, (c) => (c === '\u0A88' ? '\u0A87' : c === '\u0AC0' ? '\u0ABF' : c === '\u0A8A' ? '\u0A89' : '\u0AC1')));
  if (k.endsWith('વું') && k.length > 3) roots.add(k.slice(0, -3));
}
s.correct('પરિસ્થિતિ');
const baseline = performance.now() - t;

console.log(`spellcheck.first_check_ms: ${first.toFixed(0)}`);
console.log(`spellcheck.next_check_ms: ${second.toFixed(1)}`);
console.log(`spellcheck.baseline_first_check_ms: ${baseline.toFixed(0)}`);
console.log(`spellcheck.first_check_speedup: ${(baseline / first).toFixed(2)}`);
console.log(`spellcheck.flagged_in_story: ${r.misspelt.length}`);
