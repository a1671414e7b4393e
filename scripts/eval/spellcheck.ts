// Spell-check on published news: the words of the IndicNLP news articles (valid split, the only
// one here) are checked as a reporter's story would be, with the site vocabulary made of the
// other fixture text (Wikipedia articles and headlines: the dev articles themselves are not in
// it). Prints
// - spellcheck.false_alarms: share of the Gujarati words flagged when each article is checked
//   whole, as POST /newsroom/api/spellcheck does (all of them are published, edited text, so each
//   flag is taken as a false alarm; a few real typos make this an upper bound);
// - spellcheck.false_alarms_per_word: the same with each word checked alone (no article around
//   it, so a name the article repeats counts against it): the figure printed as false_alarms
//   before the article-level check;
// - spellcheck.slips_caught: share of words given one slip (below) that are flagged (a slip may
//   make another real word or a variant spelling, which is then rightly not flagged);
// - spellcheck.suggest_top1 / top5: for correct words of that text given one slip (a vowel sign
//   dropped or changed, a letter doubled), the word is the first / among the first five suggestions.
// Nothing here was tuned on this split; the verb endings and ranking were written from grammar.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { searchKey } from '../../src/gujarati/normalize.js';
import { tokenize } from '../../src/gujarati/tokenize.js';
import { vocabularyOf } from '../../src/search/analyzer.js';
import { Spellchecker, hunspellDir } from '../../src/search/editorAids.js';
import type { EvalContext } from './context.js';

const SIGNS = ['ા', 'િ', 'ી', 'ુ', 'ૂ', 'ે', 'ો'];

/** One deterministic slip in a word, or undefined when the word has no place for one. */
function slip(word: string, n: number): string | undefined {
  const chars = [...word];
  const signs = chars.map((c, i) => (SIGNS.includes(c) ? i : -1)).filter((i) => i >= 0);
  if (signs.length === 0) return undefined;
  const at = signs[n % signs.length]!;
  if (n % 3 === 0) return [...chars.slice(0, at), ...chars.slice(at + 1)].join('');
  const other = SIGNS[(SIGNS.indexOf(chars[at]!) + 1 + (n % 5)) % SIGNS.length]!;
  return [...chars.slice(0, at), other, ...chars.slice(at + 1)].join('');
}

export function evalSpellcheck(ctx: EvalContext): void {
  const newsFile = join(ctx.guDir, 'indicnlp-news-articles.jsonl');
  const sp = new Spellchecker(hunspellDir);
  if (!sp.available) {
    ctx.note(`spellcheck: skipped, no gu_IN dictionary under ${hunspellDir} (apt-get install hunspell-gu)`);
    return;
  }
  if (!existsSync(newsFile)) {
    ctx.note(`spellcheck: skipped, ${newsFile} absent`);
    return;
  }
  const site = new Map<string, number>();
  for (const f of ['dakshina-wikipedia-articles.jsonl', 'l3cube-indicnews-headlines.jsonl'].map((x) => join(ctx.guDir, x))) {
    if (existsSync(f)) for (const d of ctx.readJsonl(f)) vocabularyOf(`${ctx.str(d.title)}\n${ctx.str(d.body)}`, site);
  }
  const known = (w: string) => site.get(w) ?? 0;
  const articles = ctx.readJsonl(newsFile).filter((d) => ctx.str(d.split) === 'valid');
  let words = 0;
  let flagged = 0;
  let flaggedAlone = 0;
  let noVocab = 0;
  const verdict = new Map<string, boolean>();
  const correct: string[] = [];
  for (const d of articles) {
    flagged += sp.check(ctx.str(d.body), known).misspelt.length;
    noVocab += sp.check(ctx.str(d.body)).misspelt.length;
    for (const tok of tokenize(ctx.str(d.body))) {
      if (tok.script !== 'gujarati') continue;
      words++;
      let ok = verdict.get(tok.text);
      if (ok === undefined) {
        ok = sp.isCorrect(tok.text, known);
        verdict.set(tok.text, ok);
        if (ok && correct.length < 2000 && [...tok.text].length >= 4) correct.push(tok.text);
      }
      if (!ok) flaggedAlone++;
    }
  }
  ctx.note(`spellcheck: ${articles.length} news articles (valid split), ${words} Gujarati words; site vocabulary ${site.size} words from the other fixture text`);
  ctx.print('spellcheck.words', words);
  ctx.print('spellcheck.false_alarms', flagged / Math.max(1, words));
  ctx.print('spellcheck.false_alarms_per_word', flaggedAlone / Math.max(1, words));
  ctx.print('spellcheck.false_alarms_without_site_vocabulary', noVocab / Math.max(1, words));
  let tried = 0;
  let n = 0;
  let t1 = 0;
  let t5 = 0;
  const times: number[] = [];
  correct.slice(0, 400).forEach((w, i) => {
    const bad = slip(w, i);
    if (!bad || site.has(searchKey(bad))) return;
    tried++;
    if (sp.isCorrect(bad, known)) return;
    n++;
    const t = performance.now();
    const s = sp.suggest(bad, 5, known).map((x) => searchKey(x));
    times.push(performance.now() - t);
    const want = searchKey(w);
    if (s[0] === want) t1++;
    if (s.includes(want)) t5++;
  });
  times.sort((a, b) => a - b);
  ctx.print('spellcheck.slips_caught', n / Math.max(1, tried));
  ctx.print('spellcheck.suggest_cases', n);
  ctx.print('spellcheck.suggest_top1', t1 / Math.max(1, n));
  ctx.print('spellcheck.suggest_top5', t5 / Math.max(1, n));
  ctx.print('spellcheck.suggest_ms_p95', times[Math.floor(0.95 * times.length)] ?? 0);
}
