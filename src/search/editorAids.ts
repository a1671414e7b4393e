// Editor aids, as functions the newsroom API exposes. Pure except the spell-checker's one-time
// dictionary load.
//
// - `suggestTags`: existing tags whose words occur in the text in any inflected form
//   (ગુજરાતમાં → ગુજરાત, નરેન્દ્ર મોદીએ → નરેન્દ્ર મોદી), matched on analyzer stems.
// - `transliterationCandidates`: Gujarati for a word typed in Latin letters: the index's own
//   words first (ranked by sound and frequency), then the rule-based generator's spelling.
// - `Spellchecker`: Gujarati spell-check over Debian's hunspell-gu word list, read with nspell
//   from the system (GPL data: used in place, never copied). Absent dictionary → `available: false`.

/// <reference path="../types/nspell.d.ts" />
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nspell from 'nspell';
import { normalize, searchKey } from '../gujarati/normalize.js';
import { stem } from '../gujarati/stem.js';
import { tokenize } from '../gujarati/tokenize.js';
import { EXONYMS } from '../gujarati/phonetic.js';
import { latinToGujarati, orthographyProblems, type TransliterationIndex } from '../gujarati/transliterate.js';
import { analyze } from './analyzer.js';

// ---------------------------------------------------------------------------------------------
// tags

export interface TagRef {
  id: number;
  slug: string;
  name: string;
}

export interface TagSuggestion extends TagRef {
  /** How often the tag's words occur (headline occurrences count three times). */
  score: number;
  /** The forms as written in the text, e.g. ગુજરાતમાં. */
  forms: string[];
}

interface TermAt {
  term: string;
  start: number;
  end: number;
}

/** Main terms (stems, Latin words, numbers) in reading order: what a tag must match in sequence. */
function mainTerms(text: string): TermAt[] {
  return analyze(text, { phonetic: false }).map((t) => ({ term: t.term, start: t.start, end: t.end }));
}

export interface TagText {
  headline?: string;
  dek?: string;
  /** Plain text of the body. */
  body?: string;
}

/**
 * Existing tags that the text mentions, best first. A tag of several words must occur as that
 * sequence of words; each word may be inflected. Tags in `exclude` (by name) are left out.
 */
export function suggestTags(text: TagText, tags: readonly TagRef[], options: { limit?: number; exclude?: readonly string[] } = {}): TagSuggestion[] {
  const exclude = new Set((options.exclude ?? []).map((n) => normalize(n.trim())));
  const fields: [string, number][] = [
    [text.headline ?? '', 3],
    [text.dek ?? '', 2],
    [text.body ?? '', 1],
  ];
  const analyzed = fields.map(([t, w]) => ({ text: t, weight: w, terms: mainTerms(t) }));
  // Where each term occurs, so a tag is checked only where its first word is.
  const positions = analyzed.map((f) => {
    const m = new Map<string, number[]>();
    f.terms.forEach((t, i) => {
      const at = m.get(t.term);
      if (at) at.push(i);
      else m.set(t.term, [i]);
    });
    return m;
  });
  const out: TagSuggestion[] = [];
  for (const tag of tags) {
    if (exclude.has(normalize(tag.name.trim()))) continue;
    const want = mainTerms(tag.name).map((t) => t.term);
    if (want.length === 0) continue;
    let score = 0;
    const forms = new Set<string>();
    analyzed.forEach((f, fi) => {
      for (const i of positions[fi]!.get(want[0]!) ?? []) {
        if (!want.every((w, k) => f.terms[i + k]?.term === w)) continue;
        score += f.weight;
        forms.add(f.text.slice(f.terms[i]!.start, f.terms[i + want.length - 1]!.end));
      }
    });
    if (score > 0) out.push({ ...tag, score, forms: [...forms] });
  }
  return out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'gu')).slice(0, options.limit ?? 10);
}

// ---------------------------------------------------------------------------------------------
// phonetic typing

export interface TypingCandidate {
  word: string;
  /** `vocabulary`: a word of published stories; `exonym`: the English-name table; `rules`: generated. */
  source: 'vocabulary' | 'exonym' | 'rules';
  frequency: number;
  /**
   * True (on the first candidate only) when Space may put it in place of the Latin word: it is
   * close to what was typed and clearly ahead of the next one. Otherwise the word stays as typed
   * and the candidates are only shown: a wrong word put in silently is worse than none.
   */
  autoReplace: boolean;
}

/** When the first candidate is sure enough for Space (tuned on the Aksharantar train split, see scripts/eval/typing.ts). */
export interface TypingConfidence {
  /** Largest distance (key edit distance + lookup cost) from the typed word. */
  maxDistance: number;
  /** Smallest lead in score over the second vocabulary candidate. */
  minMargin: number;
}

export const TYPING_CONFIDENCE: TypingConfidence = { maxDistance: 0.5, minMargin: 0.3 };

/** Gujarati candidates for one Latin word, best first (at most `limit`, default 6), each well-formed. */
export function transliterationCandidates(latin: string, idx: TransliterationIndex | undefined, limit = 6, confidence = TYPING_CONFIDENCE): TypingCandidate[] {
  const word = latin.trim().toLowerCase();
  if (!/^[a-z]+$/u.test(word)) return [];
  const out: TypingCandidate[] = [];
  const seen = new Set<string>();
  const push = (w: string, source: TypingCandidate['source'], frequency: number) => {
    if (!w || seen.has(w) || out.length >= limit || orthographyProblems(w).length > 0) return;
    seen.add(w);
    out.push({ word: w, source, frequency, autoReplace: false });
  };
  // The generator's spelling always gets a place: the word may be new to the site.
  const generated = normalize(latinToGujarati(word));
  const exonym = EXONYMS.get(word);
  if (exonym) push(exonym, 'exonym', idx?.frequency(searchKey(exonym)) ?? 0);
  // Published words with a spelling error (a vowel sign after a virama …) are never offered.
  const found = (idx?.lookup(word, { limit: limit + 2 }) ?? []).filter((c) => orthographyProblems(c.word).length === 0);
  for (const c of found) {
    if (out.length < limit - 1 || c.word === generated) push(c.word, 'vocabulary', c.frequency);
  }
  if (!seen.has(generated)) {
    if (out.length >= limit) out.pop();
    push(generated, 'rules', 0);
  }
  const first = out[0];
  if (first?.source === 'exonym') first.autoReplace = true;
  else if (first?.source === 'vocabulary') {
    const [a, b] = found;
    first.autoReplace = a !== undefined && a.distance <= confidence.maxDistance && (b === undefined || b.score - a.score >= confidence.minMargin);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// spell-check

export interface Misspelling {
  word: string;
  /** UTF-16 offsets in the text sent. */
  start: number;
  end: number;
  suggestions: string[];
}

export interface SpellcheckResult {
  available: boolean;
  misspelt: Misspelling[];
}

export const hunspellDir = '/usr/share/hunspell';

/** Gujarati letters, signs and marks tried in single edits (hunspell's own TRY order). */
const DEFAULT_TRY = 'ંાિીુૂૃેૈૉોૌ્ઃ઼ઁઅઆઇઈઉઊઋએઐઑઓઔકખગઘચછજઞટઠડઢણતથદધનપફબભમયરલવશષસહળ';

/** Longest text checked at once (UTF-16 units) and most words reported. */
export const SPELLCHECK_MAX_TEXT = 200_000;
const MAX_REPORTED = 500;
/**
 * Longest token checked (UTF-16 units; Gujarati letters are one each). Suggestions cost the
 * square of a word's length: a 4,000-letter "word" took 16 s. No Gujarati word comes near this.
 */
export const SPELLCHECK_MAX_WORD = 64;

export class Spellchecker {
  private speller: ReturnType<typeof nspell> | undefined;
  private alphabet = DEFAULT_TRY;
  private tried = false;

  constructor(private readonly dir = hunspellDir) {}

  /** True when the gu_IN dictionary is installed (loaded on first use, ~1 s). */
  get available(): boolean {
    return this.load() !== undefined;
  }

  private load(): ReturnType<typeof nspell> | undefined {
    if (this.tried) return this.speller;
    this.tried = true;
    const aff = join(this.dir, 'gu_IN.aff');
    const dic = join(this.dir, 'gu_IN.dic');
    if (!existsSync(aff) || !existsSync(dic)) return undefined;
    const affText = readFileSync(aff);
    this.speller = nspell(affText, readFileSync(dic));
    const tryLine = /^TRY\s+(\S+)/mu.exec(affText.toString('utf8'));
    if (tryLine?.[1]) this.alphabet = [...new Set(tryLine[1])].join('');
    return this.speller;
  }

  /** A word is right when the dictionary has it, its normalized form or its stem (names + case markers). */
  isCorrect(word: string, known?: (w: string) => number): boolean {
    const s = this.load();
    if (!s) return true;
    const n = normalize(word);
    if (s.correct(word) || s.correct(n)) return true;
    const st = stem(searchKey(n));
    if (st !== n && s.correct(st)) return true;
    return (known?.(searchKey(n)) ?? 0) >= 2;
  }

  /**
   * Dictionary words one edit away (delete, insert, replace, swap over the dictionary's TRY
   * letters). nspell's own `suggest` also tries two edits, which takes seconds on long Gujarati
   * words; one edit answers in milliseconds and covers the common slips (matra, nukta, anusvara).
   */
  suggest(word: string, limit = 5): string[] {
    const s = this.load();
    if (!s) return [];
    const w = normalize(word);
    const out = new Set<string>();
    const add = (c: string) => {
      if (out.size < limit && c !== w && c.length > 0 && s.correct(c)) out.add(c);
    };
    const chars = [...w];
    for (let i = 0; i <= chars.length && out.size < limit; i++) {
      const head = chars.slice(0, i).join('');
      const tail = chars.slice(i).join('');
      for (const ch of this.alphabet) {
        if (i < chars.length) add(head + ch + chars.slice(i + 1).join(''));
        add(head + ch + tail);
      }
      if (i < chars.length) add(head + chars.slice(i + 1).join(''));
      if (i + 1 < chars.length) add(head + chars[i + 1] + chars[i] + chars.slice(i + 2).join(''));
    }
    return [...out];
  }

  /** Misspelt Gujarati words of a text with suggestions; other scripts and numbers are not checked. */
  check(text: string, known?: (w: string) => number): SpellcheckResult {
    if (!this.load()) return { available: false, misspelt: [] };
    const misspelt: Misspelling[] = [];
    const verdicts = new Map<string, string[] | null>();
    for (const tok of tokenize(text.slice(0, SPELLCHECK_MAX_TEXT))) {
      if (tok.script !== 'gujarati' || tok.text.length > SPELLCHECK_MAX_WORD) continue;
      let v = verdicts.get(tok.text);
      if (v === undefined) {
        v = this.isCorrect(tok.text, known) ? null : this.suggest(tok.text);
        verdicts.set(tok.text, v);
      }
      if (v) misspelt.push({ word: tok.text, start: tok.start, end: tok.end, suggestions: v });
      if (misspelt.length >= MAX_REPORTED) break;
    }
    return { available: true, misspelt };
  }
}
