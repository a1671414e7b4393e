// Latin → Gujarati.
//
// 1. `TransliterationIndex` / `transliterate(latin, vocabulary)`: candidates for a word typed in
//    Latin letters, taken from a vocabulary (Gujarati word → frequency, e.g. the search index's
//    words) and ranked. Lookup uses the consonant skeleton (`skeletonKey`), a few spelling
//    variants of it (ળ typed as d, English g/j …) and skeletons one edit away (symmetric
//    deletes); ranking uses an edit distance between fine phonetic keys and the word's frequency.
//    This is what Latin search queries and the phonetic typing mode use.
// 2. `latinToGujarati(latin)`: a direct rule-based generator for words not in any vocabulary.

import { EXONYMS, detailKey, foldLatin, phoneticKey, skeletonOf } from './phonetic.js';
import { searchKey } from './normalize.js';

export interface Candidate {
  word: string;
  /** Lower is better: cost of the lookup path + weighted key distance − frequency bonus. */
  score: number;
  /** How far the word is from what was typed: key edit distance + the lookup path's cost, no frequency. */
  distance: number;
  /** The part of `score` added by the rerank of the best few (detailed key, long vowels): weak cues that break near-ties. */
  rerankCost: number;
  frequency: number;
}

export interface TransliterateOptions {
  /** How many candidates to return (default 5). */
  limit?: number;
}

/** Ranking weights. distance, frequency, skeletonEdit, variant: tuned on the fixtures' train/dev splits before issue #17; detail, nasalEdit, length: a grid on Aksharantar train only. */
export const WEIGHTS = {
  /** cost per unit of fine-key edit distance */
  distance: 1,
  /** bonus per natural-log unit of frequency */
  frequency: 0.03,
  /** cost of a skeleton one edit away */
  skeletonEdit: 1.2,
  /** cost of a skeleton one n away: an anusvara typed or left out (Aksharantar train: the most common consonant slip) */
  nasalEdit: 0.8,
  /** cost of a skeleton variant (d/l, g/j …) */
  variant: 0.6,
  /** cost per edit between detailed keys (aspiration, sh/s, doubling), applied to the best few */
  detail: 0.2,
  /** cost per long vowel typed doubled (aa, ee, oo) that the word writes short, applied to the best few */
  length: 0.35,
};

/**
 * Long vowels a Latin word spells out (aa → ા, ee/ii → ી, oo/uu → ૂ), counted by vowel: the keys fold
 * vowel length away, yet a doubled vowel is a deliberate choice. A single letter says nothing
 * (gujarat is typed for ગુજરાત), so only the doubled ones are counted.
 */
function typedLong(latin: string): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  for (const m of latin.matchAll(/aa+|ee+|ii+|oo+|uu+/g)) out[m[0][0] === 'a' ? 0 : m[0][0] === 'e' || m[0][0] === 'i' ? 1 : 2]++;
  return out;
}

/** Long vowels a Gujarati word writes (ા/આ, ી/ઈ, ૂ/ઊ), counted like `typedLong`. */
function writtenLong(word: string): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  for (const c of word) {
    if (c === 'ા' || c === 'આ') out[0]++;
    else if (c === 'ી' || c === 'ઈ') out[1]++;
    else if (c === 'ૂ' || c === 'ઊ') out[2]++;
  }
  return out;
}

/** Long vowels typed that the word does not write. */
function lengthMisses(typed: readonly number[], word: string): number {
  const w = writtenLong(word);
  return Math.max(0, typed[0]! - w[0]) + Math.max(0, typed[1]! - w[1]) + Math.max(0, typed[2]! - w[2]);
}

/** Plain Levenshtein distance (short strings). */
function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

interface Entry {
  word: string;
  fine: string;
  group: Group;
  /** detailKey, computed when the entry is first among the best few of a lookup */
  detail?: string;
  skeleton: string;
  frequency: number;
  logf: number;
}

/** The words of one skeleton that share a fine key: their key distance is computed once. */
interface Group {
  fine: string;
  entries: Entry[];
  maxLogf: number;
}

/** The words of one skeleton. `maxLogf` bounds the frequency bonus, so a bucket that cannot place is skipped whole. */
interface Bucket {
  groups: Group[];
  byFine: Map<string, Group>;
  maxLogf: number;
}

// Rows of the edit-distance table, reused: a lookup compares the query with thousands of keys.
let rowA = new Float64Array(64);
let rowB = new Float64Array(64);

/** Weighted edit distance between fine keys: vowel↔vowel and similar consonants are cheap. */
export function keyDistance(a: string, b: string, max = 8): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  // each unmatched letter costs at least the cheapest insertion or deletion (0.4, see indelCost)
  if (0.4 * Math.abs(n - m) > max) return max + 1;
  if (rowA.length <= m) {
    rowA = new Float64Array(2 * (m + 1));
    rowB = new Float64Array(2 * (m + 1));
  }
  let prev = rowA;
  let cur = rowB;
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1]! + INDEL[b.charCodeAt(j - 1) & 127]!;
  for (let i = 1; i <= n; i++) {
    const ca = a.charCodeAt(i - 1) & 127;
    const delA = INDEL[ca]!;
    const subRow = ca * 128;
    cur[0] = prev[0]! + delA;
    let rowMin = cur[0]!;
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1) & 127;
      const sub = prev[j - 1]! + SUB[subRow + cb]!;
      const del = prev[j]! + delA;
      const ins = cur[j - 1]! + INDEL[cb]!;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[m]!;
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const CLOSE: ReadonlyArray<string> = ['dl', 'gj', 'sj', 'tz', 'vb', 'nm', 'kc', 'ks', 'yi', 'ye', 'vu', 'vo', 'dr', 'rl', 'fp'];
const CLOSE_SET = new Set(CLOSE.flatMap((p) => [p, p[1]! + p[0]!]));

function subCost(x: string, y: string): number {
  if (x === y) return 0;
  if (VOWELS.has(x) && VOWELS.has(y)) return 0.5;
  if (CLOSE_SET.has(x + y)) return 0.6;
  return 1;
}

function indelCost(c: string): number {
  if (c === 'a' || c === 'h') return 0.4; // schwa, aspiration
  if (VOWELS.has(c) || c === 'y') return 0.6;
  return 1;
}

// The costs as tables over ASCII codes (fine keys are ASCII): the distance runs for every entry a lookup reaches.
const SUB = new Float64Array(128 * 128);
const INDEL = new Float64Array(128);
for (let x = 0; x < 128; x++) {
  INDEL[x] = indelCost(String.fromCharCode(x));
  for (let y = 0; y < 128; y++) SUB[x * 128 + y] = subCost(String.fromCharCode(x), String.fromCharCode(y));
}

/** Skeleton variants people produce: ળ typed d, English soft g, s for z … */
const VARIANT_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/d/g, 'l'],
  [/l/g, 'd'],
  [/g/g, 'j'],
  [/s/g, 'j'],
  [/j/g, 's'],
  [/r/g, 'd'],
  [/k/g, 's'],
  [/t/g, 's'],
];

function variants(skel: string): string[] {
  const out = new Set<string>();
  for (const [re, to] of VARIANT_RULES) {
    const matches = [...skel.matchAll(re)];
    for (const m of matches) out.add(skel.slice(0, m.index) + to + skel.slice(m.index + 1));
    if (matches.length > 1) out.add(skel.replace(re, to));
  }
  out.delete(skel);
  return [...out];
}

/** True when `longer` is `skel` with one more n. */
function hasExtraNasal(longer: string, skel: string): boolean {
  for (let i = 0; i < longer.length; i++) if (longer[i] === 'n' && longer.slice(0, i) + longer.slice(i + 1) === skel) return true;
  return false;
}

function deletes(skel: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < skel.length; i++) out.add(skel.slice(0, i) + skel.slice(i + 1));
  return [...out];
}

/** English letter names, as Gujarati spells acronyms (VCCR → વીસીસીઆર). */
const LETTER_NAMES: Record<string, string> = {
  a: 'e', b: 'bi', c: 'si', d: 'di', e: 'i', f: 'ef', g: 'ji', h: 'ech', i: 'ai', j: 'je', k: 'ke', l: 'el', m: 'em',
  n: 'en', o: 'o', p: 'pi', q: 'kyu', r: 'ar', s: 'es', t: 'ti', u: 'yu', v: 'vi', w: 'dablyu', x: 'eks', y: 'vai', z: 'jed',
};

function acronymReading(latin: string): string | undefined {
  const s = latin.toLowerCase();
  if (!/^[a-z]{2,6}$/.test(s)) return undefined;
  if (/[aeiou]/.test(s) && !/^[A-Z]+$/.test(latin)) return undefined;
  return [...s].map((c) => LETTER_NAMES[c] ?? c).join('');
}

export class TransliterationIndex {
  private readonly bySkeleton = new Map<string, Bucket>();
  private readonly byDelete = new Map<string, string[]>();
  private readonly byWord = new Map<string, Entry>();

  /** @param vocabulary Gujarati word → frequency (at least 1). */
  constructor(vocabulary: Iterable<readonly [string, number]>) {
    for (const [w, f] of vocabulary) this.add(w, f);
  }

  get size(): number {
    return this.byWord.size;
  }

  add(word: string, frequency = 1): void {
    const key = searchKey(word);
    if (!/[\u0A80-\u0AFF]/u.test(key)) return;
    const known = this.byWord.get(key);
    if (known) {
      known.frequency += frequency;
      known.logf = Math.log(1 + known.frequency);
      if (known.logf > known.group.maxLogf) known.group.maxLogf = known.logf;
      const bucket = this.bySkeleton.get(known.skeleton)!;
      if (known.logf > bucket.maxLogf) bucket.maxLogf = known.logf;
      return;
    }
    const fine = phoneticKey(key);
    if (!fine) return;
    const skeleton = skeletonOf(fine);
    let bucket = this.bySkeleton.get(skeleton);
    if (!bucket) {
      bucket = { groups: [], byFine: new Map(), maxLogf: 0 };
      this.bySkeleton.set(skeleton, bucket);
      if (skeleton.length >= 3) {
        for (const d of deletes(skeleton)) {
          const l = this.byDelete.get(d);
          if (l) l.push(skeleton);
          else this.byDelete.set(d, [skeleton]);
        }
      }
    }
    let group = bucket.byFine.get(fine);
    if (!group) {
      group = { fine, entries: [], maxLogf: 0 };
      bucket.byFine.set(fine, group);
      bucket.groups.push(group);
    }
    const logf = Math.log(1 + frequency);
    const e: Entry = { word: key, fine, group, skeleton, frequency, logf };
    this.byWord.set(key, e);
    group.entries.push(e);
    if (logf > group.maxLogf) group.maxLogf = logf;
    if (logf > bucket.maxLogf) bucket.maxLogf = logf;
  }

  /** Frequency of a (searchKey-form) word, 0 when unknown. */
  frequency(word: string): number {
    return this.byWord.get(word)?.frequency ?? 0;
  }

  /** Ranked Gujarati candidates for one Latin word. */
  lookup(latin: string, options: TransliterateOptions = {}): Candidate[] {
    const want = options.limit ?? 5;
    if (want < 1) return [];
    // a few more than asked, reranked below by the detailed key
    const limit = want + 3;
    const lower = latin.toLowerCase();
    const fine = foldLatin(lower);
    if (!fine) return [];
    const skel = skeletonOf(fine);
    // The best `limit` words so far, best first: an entry that cannot beat the last of them is
    // dropped as soon as its edit distance grows past what would be needed (most entries).
    const best: { word: string; score: number; distance: number }[] = [];
    const offer = (word: string, score: number, distance: number) => {
      const at = best.findIndex((b) => b.word === word);
      if (at >= 0) {
        if (score >= best[at]!.score) return;
        best.splice(at, 1);
      } else if (best.length >= limit && score >= best[best.length - 1]!.score) return;
      let j = best.length;
      while (j > 0 && best[j - 1]!.score > score) j--;
      best.splice(j, 0, { word, score, distance });
      if (best.length > limit) best.pop();
    };
    // What an entry with this path cost and bonus may still cost in key distance to place.
    const room = (cost: number, bonus: number) => (best.length >= limit ? (best[best.length - 1]!.score - cost + bonus) / WEIGHTS.distance : 8);
    const consider = (bucket: Bucket | undefined, cost: number, qFine: string) => {
      if (!bucket || room(cost, WEIGHTS.frequency * bucket.maxLogf) < 0) return;
      for (const g of bucket.groups) {
        const r = room(cost, WEIGHTS.frequency * g.maxLogf);
        if (r < 0) continue;
        const d = keyDistance(qFine, g.fine, Math.min(8, r));
        for (const e of g.entries) offer(e.word, cost + WEIGHTS.distance * d - WEIGHTS.frequency * e.logf, d + cost);
      }
    };
    const exonym = EXONYMS.get(lower);
    if (exonym) {
      const e = this.byWord.get(searchKey(exonym));
      if (e) offer(e.word, -100, 0);
    }
    consider(this.bySkeleton.get(skel), 0, fine);
    const acr = acronymReading(latin);
    if (acr) {
      const af = foldLatin(acr);
      consider(this.bySkeleton.get(skeletonOf(af)), 0.3, af);
    }
    for (const v of variants(skel)) consider(this.bySkeleton.get(v), WEIGHTS.variant, fine);
    if (skel.length >= 3) {
      // skeleton one edit away → its cost; an anusvara typed or left out (n) is a lighter slip
      const near = new Map<string, number>();
      const put = (s: string, cost: number) => {
        if (s !== skel && cost < (near.get(s) ?? Infinity)) near.set(s, cost);
      };
      for (let i = 0; i < skel.length; i++) {
        const d = skel.slice(0, i) + skel.slice(i + 1);
        put(d, skel[i] === 'n' ? WEIGHTS.nasalEdit : WEIGHTS.skeletonEdit); // query has an extra consonant
        for (const s of this.byDelete.get(d) ?? []) put(s, WEIGHTS.skeletonEdit); // substitution
      }
      for (const s of this.byDelete.get(skel) ?? []) put(s, hasExtraNasal(s, skel) ? WEIGHTS.nasalEdit : WEIGHTS.skeletonEdit); // query misses one
      for (const [s, cost] of [...near].sort((x, y) => x[1] - y[1])) consider(this.bySkeleton.get(s), cost, fine);
    }
    const qDetail = detailKey(lower);
    const qLong = typedLong(lower);
    return best
      .map(({ word, score, distance }) => {
        const e = this.byWord.get(word);
        if (e && e.detail === undefined) e.detail = detailKey(e.word);
        const d = e?.detail === undefined ? 0 : WEIGHTS.detail * levenshtein(qDetail, e.detail);
        const l = WEIGHTS.length * lengthMisses(qLong, word);
        return { word, score: score + d + l, distance, rerankCost: d + l, frequency: e?.frequency ?? 0 };
      })
      .sort((a, b) => a.score - b.score)
      .slice(0, want);
  }
}

/** One-off lookup against a vocabulary Map (builds an index; keep a `TransliterationIndex` for many). */
export function transliterate(latin: string, vocabulary: ReadonlyMap<string, number>, options: TransliterateOptions = {}): Candidate[] {
  return new TransliterationIndex(vocabulary).lookup(latin, options);
}

// ---------------------------------------------------------------------------------------------
// Rule-based Latin → Gujarati (for words not in the vocabulary, and for phonetic typing).

const CONS: ReadonlyArray<readonly [string, string]> = [
  ['chh', 'છ'], ['ksh', 'ક્ષ'], ['gny', 'જ્ઞ'], ['dny', 'જ્ઞ'], ['shr', 'શ્ર'],
  ['kh', 'ખ'], ['gh', 'ઘ'], ['ch', 'ચ'], ['jh', 'ઝ'], ['th', 'થ'], ['dh', 'ધ'], ['ph', 'ફ'], ['bh', 'ભ'], ['sh', 'શ'],
  ['Th', 'ઠ'], ['Dh', 'ઢ'], ['T', 'ટ'], ['D', 'ડ'], ['N', 'ણ'], ['L', 'ળ'], ['S', 'ષ'],
  ['k', 'ક'], ['g', 'ગ'], ['c', 'ક'], ['j', 'જ'], ['t', 'ત'], ['d', 'દ'], ['n', 'ન'], ['p', 'પ'], ['f', 'ફ'], ['b', 'બ'],
  ['m', 'મ'], ['y', 'ય'], ['r', 'ર'], ['l', 'લ'], ['v', 'વ'], ['w', 'વ'], ['s', 'સ'], ['h', 'હ'], ['z', 'ઝ'], ['q', 'ક'], ['x', 'ક્સ'],
];
/**
 * Latin vowel, independent letter, sign. No `ri` → ઋ / ૃ: in typed Gujarati `ri` after a
 * consonant is almost always ર + િ (mantri → મંત્રી, not મંતૃ); words with ૃ (કૃષ્ણ, ગૃહ)
 * come from the vocabulary, where the paper's own spelling is.
 */
const VOW: ReadonlyArray<readonly [string, string, string]> = [
  ['aa', 'આ', 'ા'], ['ai', 'ઐ', 'ૈ'], ['au', 'ઔ', 'ૌ'], ['ee', 'ઈ', 'ી'], ['ii', 'ઈ', 'ી'], ['oo', 'ઊ', 'ૂ'], ['uu', 'ઊ', 'ૂ'],
  ['a', 'અ', ''], ['i', 'ઇ', 'િ'], ['u', 'ઉ', 'ુ'], ['e', 'એ', 'ે'], ['o', 'ઓ', 'ો'],
];

/**
 * Direct Latin → Gujarati by rules (ITRANS-like, forgiving): `pakistan` → પકિસ્તન,
 * `paakistaan` → પાકિસ્તાન, `rashiya` → રશિયા (a final `a` is read as `ા`, a final `i` as `ી`),
 * `hindu` → હિંદુ, `mukhyamantri` → મુખ્યમંત્રી. Capitals T D N L S write retroflex ટ ડ ણ ળ ષ;
 * other capitals are read as small letters.
 */
export function latinToGujarati(latin: string): string {
  return latin.replace(/[A-Za-z]+/g, (w) => wordToGujarati(w));
}

function matchAt(word: string, i: number, latin: string): boolean {
  const part = word.slice(i, i + latin.length);
  if (part === latin) return true;
  // capitals other than the retroflex ones read as small letters
  return latin === latin.toLowerCase() && part.toLowerCase() === latin && !/[TDNLS]/.test(part);
}

function wordToGujarati(word: string): string {
  let out = '';
  let i = 0;
  let afterConsonant = false;
  while (i < word.length) {
    const vowel = VOW.find(([l]) => matchAt(word, i, l));
    if (vowel) {
      const [l, ind, sign] = vowel;
      const atEnd = i + l.length === word.length;
      if (!afterConsonant) out += ind;
      else if (atEnd && i > 1 && l === 'a') out += 'ા';
      else if (atEnd && i > 1 && l === 'i') out += 'ી';
      else out += sign;
      i += l.length;
      afterConsonant = false;
      continue;
    }
    const cons = CONS.find(([l]) => matchAt(word, i, l));
    if (!cons) {
      out += word[i];
      i++;
      afterConsonant = false;
      continue;
    }
    if (afterConsonant) {
      // consonant cluster: anusvara for a nasal before a consonant of another class, else virama
      const prev = out.slice(-1);
      if ((prev === 'ન' || prev === 'મ') && !/^[yrvwhnm]/i.test(cons[0])) out = out.slice(0, -1) + 'ં';
      else out += '્';
    }
    out += cons[1];
    i += cons[0].length;
    afterConsonant = true;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Orthography: what a candidate offered to a reporter must never be.

const SIGN = '[\u0ABE-\u0ACC\u0AE2\u0AE3]';
const ORTHOGRAPHY_RULES: ReadonlyArray<readonly [string, RegExp]> = [
  ['not-gujarati', /[^\u0A81-\u0AEF\u200C\u200D]/u],
  ['vowel-sign-after-virama', new RegExp(`\u0ACD${SIGN}`, 'u')],
  ['mark-after-virama', /\u0ACD[\u0A81-\u0A83\u0ACD]/u],
  ['independent-vowel-after-virama', /\u0ACD[\u0A85-\u0A94]/u],
  ['sign-at-start', new RegExp(`^(?:${SIGN}|[\u0A81-\u0A83\u0ABC\u0ACD])`, 'u')],
  ['vowel-sign-without-consonant', new RegExp(`[\u0A85-\u0A94\u0ABE-\u0ACC\u0A81-\u0A83]${SIGN}`, 'u')],
  ['ri-sign-on-ra', /ર\u0ABC?\u0AC3/u],
  ['ri-sign-on-conjunct-with-ra', /\u0ACDર\u0AC3/u],
  ['nukta-not-on-consonant', /(?<![\u0A95-\u0AB9])\u0ABC/u],
  ['word-ends-in-virama', /\u0ACD[\u200C\u200D]?$/u],
  ['double-virama', /\u0ACD\u0ACD/u],
];

/** The orthography rules a Gujarati word breaks (empty when it is well-formed). */
export function orthographyProblems(word: string): string[] {
  if (word === '') return ['empty'];
  return ORTHOGRAPHY_RULES.filter(([, re]) => re.test(word)).map(([name]) => name);
}

/** Names of the orthography rules, for tests and documentation. */
export const ORTHOGRAPHY_RULE_NAMES: readonly string[] = ORTHOGRAPHY_RULES.map(([n]) => n);
