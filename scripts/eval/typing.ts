// Phonetic typing as a reporter meets it: each Latin word of the transliteration pairs is typed
// and followed by Space, against a site vocabulary that holds most but not all of the words.
//
// The vocabulary is the fixture text's words (Wikipedia, news, headlines) plus 90% of the pairs'
// Gujarati words, picked by a hash of the word: a site with a large archive has published most
// words its reporters type, and the rest are new to it. Per split it prints
// - typing.<split>.top1 / top5: the wanted word is the first / among the first five candidates;
// - typing.<split>.autoreplace: Space put the first candidate in place;
// - typing.<split>.wrong_autoreplace: Space put in a word that was not the wanted one (share of
//   all words typed);
// - typing.<split>.ms_p95: time of one lookup.
// `--tune typing` searches the confidence thresholds on the train split only and prints the grid.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { searchKey } from '../../src/gujarati/normalize.js';
import { buildQueryIndex } from '../../src/search/analyzer.js';
import { TYPING_CONFIDENCE, transliterationCandidates, type TypingConfidence } from '../../src/search/editorAids.js';
import type { EvalContext } from './context.js';

interface Pair {
  latin: string;
  gujarati: string;
  split: string;
}

/** Deterministic: the same words are "published" on every run. */
function published(word: string): boolean {
  let h = 2166136261;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return (h >>> 0) % 10 !== 0;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export function evalTyping(ctx: EvalContext, tune: boolean): void {
  const sources = [
    { file: 'aksharantar-guj-translit-pairs.jsonl', latin: 'latin', native: 'gujarati' },
    { file: 'dakshina-lexicon-pairs.jsonl', latin: 'roman', native: 'native' },
  ];
  const pairs: Pair[] = [];
  for (const s of sources) {
    const f = join(ctx.guDir, s.file);
    if (!existsSync(f)) {
      ctx.note(`typing: skipped ${f} (absent)`);
      continue;
    }
    const tag = s.file.startsWith('aksharantar') ? 'aksharantar' : 'dakshina';
    for (const d of ctx.readJsonl(f)) {
      const latin = ctx.str(d[s.latin]);
      const gujarati = searchKey(ctx.str(d[s.native]));
      if (latin && gujarati) pairs.push({ latin, gujarati, split: `${tag}_${ctx.str(d.split) || 'all'}` });
    }
  }
  if (pairs.length === 0) return;
  const vocabulary = new Map(ctx.textFreq);
  for (const p of pairs) if (!vocabulary.has(p.gujarati) && published(p.gujarati)) vocabulary.set(p.gujarati, 1);
  const t0 = Date.now();
  const idx = buildQueryIndex(vocabulary);
  ctx.note(`typing: site vocabulary ${vocabulary.size} words (fixture text + 90% of the pairs' words), index of ${idx.size} built in ${Date.now() - t0} ms`);
  ctx.note('typing: confidence thresholds tuned on aksharantar_train only; aksharantar_valid and dakshina_dev were not used for tuning');

  const splits = [...new Set(pairs.map((p) => p.split))];
  for (const split of splits) {
    const ps = pairs.filter((p) => p.split === split);
    const r = run(ps, idx, TYPING_CONFIDENCE);
    const name = `typing.${split}`;
    ctx.print(`${name}.words`, ps.length);
    ctx.print(`${name}.in_vocabulary`, ps.filter((p) => vocabulary.has(p.gujarati)).length / ps.length);
    ctx.print(`${name}.top1`, r.top1);
    ctx.print(`${name}.top5`, r.top5);
    ctx.print(`${name}.autoreplace`, r.auto);
    ctx.print(`${name}.wrong_autoreplace`, r.wrong);
    ctx.print(`${name}.ms_p95`, r.p95);
  }
  if (tune) {
    const train = pairs.filter((p) => p.split === 'aksharantar_train');
    for (const maxDistance of [0.3, 0.5, 0.7, 1, 1.4]) {
      for (const minMargin of [0, 0.1, 0.2, 0.3, 0.5, 0.8]) {
        const r = run(train, idx, { maxDistance, minMargin });
        ctx.note(`tune typing train maxDistance=${maxDistance} minMargin=${minMargin}: auto ${r.auto.toFixed(4)} wrong ${r.wrong.toFixed(4)} top1 ${r.top1.toFixed(4)}`);
      }
    }
  }
}

function run(ps: Pair[], idx: ReturnType<typeof buildQueryIndex>, confidence: TypingConfidence) {
  let top1 = 0;
  let top5 = 0;
  let auto = 0;
  let wrong = 0;
  const times: number[] = [];
  for (const p of ps) {
    const t = performance.now();
    const c = transliterationCandidates(p.latin, idx, 6, confidence);
    times.push(performance.now() - t);
    const words = c.map((x) => searchKey(x.word));
    if (words[0] === p.gujarati) top1++;
    if (words.slice(0, 5).includes(p.gujarati)) top5++;
    if (c[0]?.autoReplace) {
      auto++;
      if (words[0] !== p.gujarati) wrong++;
    }
  }
  times.sort((a, b) => a - b);
  const n = Math.max(1, ps.length);
  return { top1: top1 / n, top5: top5 / n, auto: auto / n, wrong: wrong / n, p95: quantile(times, 0.95) };
}
