// Search precision: a query whose story is not in the index must not be answered as `all`.
//
// Queries are the 1–3 longest words of a sentence of the Dakshina romanized set, in Latin (as a
// person romanized it) and in Devanagari (the Gujarati words moved to the Devanagari block).
// The sentences of a split are cut into folds; each fold's sentences are queried against an
// index of the other folds, so a query's own story is never there. A query is left out when
// another story does hold all its words (the aligned Gujarati word's stem, vowel length
// aside: `spellingTerm`), since `all` is then right. Names absent from the corpus are queried too. Answers come from the production query
// path (`parseSearch`, `searchTiers`) over an in-memory index of the analyzer's terms; the
// engines hold the same terms.
//
// Printed per split: `precision.<split>.false_all` (share of queries answered `all`), with the
// Latin and Devanagari parts, `precision.<split>.own_in_answer` (with its own story indexed,
// share of queries whose story is among the answering tier's matches) and the names' figures.

import { analyze, buildQueryIndex, decodeTerm, encodeGujarati, vocabularyOf, type AnalyzedQuery } from '../../src/search/analyzer.js';
import { parseSearch, searchTiers, type MatchTier } from '../../src/search/query.js';
import type { TransliterationIndex } from '../../src/gujarati/transliterate.js';

export interface Sentence {
  native: string;
  roman: string;
  split: string;
}

type Print = (name: string, value: string | number) => void;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const FOLDS = 10;

/** Gujarati letters → Devanagari (the blocks are parallel, 0x180 apart). */
export function toDevanagari(gujarati: string): string {
  return gujarati.replace(/[\u0A81-\u0AEF]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x180));
}

/** Names (Latin, Devanagari) used as absent-name queries when the split's text lacks them. */
const NAME_QUERIES: ReadonlyArray<readonly [string, string]> = [
  ['imran khan', 'इमरान खान'],
  ['khan', 'खान'],
  ['imran', 'इमरान'],
  ['modi', 'मोदी'],
  ['narendra modi', 'नरेन्द्र मोदी'],
  ['shehbaz sharif', 'शहबाज शरीफ'],
  ['xi jinping', 'शी जिनपिंग'],
  ['joe biden', 'जो बाइडन'],
  ['kamala harris', 'कमला हैरिस'],
  ['rishi sunak', 'ऋषि सुनक'],
  ['elon musk', 'एलन मस्क'],
  ['virat kohli', 'विराट कोहली'],
  ['rohit sharma', 'रोहित शर्मा'],
  ['mamata banerjee', 'ममता बनर्जी'],
  ['arvind kejriwal', 'अरविंद केजरीवाल'],
  ['bhupendra patel', 'भूपेंद्र पटेल'],
  ['hardik pandya', 'हार्दिक पांड्या'],
  ['shubman gill', 'शुभमन गिल'],
  ['jasprit bumrah', 'जसप्रीत बुमराह'],
  ['gautam adani', 'गौतम अदाणी'],
  ['mukesh ambani', 'मुकेश अंबानी'],
  ['volodymyr zelensky', 'वोलोदिमिर जेलेंस्की'],
  ['vladimir putin', 'व्लादिमीर पुतिन'],
  ['donald trump', 'डोनाल्ड ट्रम्प'],
  ['yogi adityanath', 'योगी आदित्यनाथ'],
  ['nitish kumar', 'नीतीश कुमार'],
  ['sharad pawar', 'शरद पवार'],
  ['uddhav thackeray', 'उद्धव ठाकरे'],
  ['priyanka chopra', 'प्रियंका चोपड़ा'],
  ['deepika padukone', 'दीपिका पादुकोण'],
  ['shah rukh khan', 'शाहरुख खान'],
  ['salman khan', 'सलमान खान'],
  ['aamir khan', 'आमिर खान'],
  ['ranveer singh', 'रणवीर सिंह'],
  ['neeraj chopra', 'नीरज चोपड़ा'],
  ['smriti mandhana', 'स्मृति मंधाना'],
  ['sundar pichai', 'सुंदर पिचाई'],
  ['satya nadella', 'सत्या नडेला'],
  ['greta thunberg', 'ग्रेटा थनबर्ग'],
  ['benjamin netanyahu', 'बेंजामिन नेतन्याहू'],
];

/**
 * A stem term with vowel length folded (`s…`, never a query term): for the eval's ground truth
 * only, so that another story spelling the same word મદુરાઈ / મદુરઈ counts as having it.
 */
function spellingTerm(term: string): string {
  const folded = decodeTerm(term)
    .replace(/ી/gu, 'િ')
    .replace(/ૂ/gu, 'ુ')
    .replace(/ઈ/gu, 'ઇ')
    .replace(/ઊ/gu, 'ઉ')
    .replace(/ા?[ઈઇ]$/u, 'ઇ')
    .replace(/[ાંઃ]$/u, '')
    .replace(/ં/gu, 'ન્');
  return `s${encodeGujarati(folded).slice(1)}`;
}

/** An in-memory index: term → documents. */
class Postings {
  private readonly byTerm = new Map<string, Set<number>>();
  add(id: number, text: string): void {
    const terms = new Set(analyze(text).flatMap((t) => (t.kind === 'stem' ? [t.term, spellingTerm(t.term)] : [t.term])));
    for (const t of terms) {
      let s = this.byTerm.get(t);
      if (!s) this.byTerm.set(t, (s = new Set()));
      s.add(id);
    }
  }
  /** Documents matching the query as an engine would (every group, or at least one). */
  match(q: AnalyzedQuery, mode: 'all' | 'any'): Set<number> {
    const per = q.groups.map((g) => {
      const out = new Set<number>();
      for (const a of g.alternatives) for (const d of this.byTerm.get(a.term) ?? []) out.add(d);
      return out;
    });
    if (per.length === 0) return new Set();
    if (mode === 'any') return new Set(per.flatMap((s) => [...s]));
    per.sort((a, b) => a.size - b.size);
    return new Set([...per[0]!].filter((d) => per.every((s) => s.has(d))));
  }
}

/** The tier that answers a query, and what it found. */
function answer(text: string, idx: TransliterationIndex, index: Postings): { tier: MatchTier; found: Set<number> } {
  const parsed = parseSearch(text, idx, { sections: [], timeZone: 'UTC' });
  for (const t of searchTiers(parsed.query)) {
    const found = index.match(t.query, t.mode);
    if (found.size > 0) return { tier: t.tier, found };
  }
  return { tier: 'none', found: new Set() };
}

interface Query {
  doc: number;
  latin: string;
  devanagari: string;
  /** The index term of each query word's Gujarati original (stems as `spellingTerm`). */
  truth: string[];
}

/** 1, 2 or 3 of a sentence's longest words (by turns), when its Latin and Gujarati words align. */
function queryOf(s: Sentence, doc: number): Query | undefined {
  const native = s.native.match(WORD) ?? [];
  const roman = s.roman.match(WORD) ?? [];
  if (native.length !== roman.length || native.length === 0) return undefined;
  const n = 1 + (doc % 3);
  const picked = roman
    .map((w, i) => ({ w, i }))
    .filter((x) => x.w.length >= 3)
    .sort((a, b) => b.w.length - a.w.length || a.i - b.i)
    .slice(0, n)
    .sort((a, b) => a.i - b.i);
  if (picked.length === 0) return undefined;
  const truth = picked.map((x) => {
    const t = analyze(native[x.i]!).find((a) => a.kind !== 'phonetic');
    return t === undefined ? '' : t.kind === 'stem' ? spellingTerm(t.term) : t.term;
  });
  if (truth.some((t) => t === '')) return undefined;
  return {
    doc,
    latin: picked.map((x) => x.w).join(' '),
    devanagari: picked.map((x) => toDevanagari(native[x.i]!)).join(' '),
    truth,
  };
}

function indexOf(rows: readonly Sentence[], keep: (i: number) => boolean): { index: Postings; idx: TransliterationIndex } {
  const index = new Postings();
  const vocabulary = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!keep(i)) return;
    index.add(i, r.native);
    vocabularyOf(r.native, vocabulary);
  });
  return { index, idx: buildQueryIndex(vocabulary) };
}

export function evalPrecision(sentences: readonly Sentence[], print: Print, note: (t: string) => void): void {
  const splits = [...new Set(sentences.map((r) => r.split))];
  for (const split of splits) {
    const rows = sentences.filter((r) => r.split === split);
    const queries = rows.map((r, i) => queryOf(r, i)).filter((q): q is Query => q !== undefined);
    const started = Date.now();
    const counts = { latin: [0, 0], devanagari: [0, 0] };
    let skipped = 0;
    const examples: string[] = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      const { index, idx } = indexOf(rows, (i) => i % FOLDS !== fold);
      for (const q of queries) {
        if (q.doc % FOLDS !== fold) continue;
        // another story holds every word: `all` would be right, not a false answer
        const truth: AnalyzedQuery = { groups: q.truth.map((t) => ({ source: t, alternatives: [{ term: t, weight: 1 }] })), phrases: [], excluded: [], filters: {} };
        if (index.match(truth, 'all').size > 0) {
          skipped++;
          continue;
        }
        for (const script of ['latin', 'devanagari'] as const) {
          const a = answer(q[script], idx, index);
          const c = counts[script];
          c[0]!++;
          if (a.tier === 'all') {
            c[1]!++;
            if (examples.length < 12) examples.push(q[script]);
          }
        }
      }
    }
    const [ln, lf] = counts.latin as [number, number];
    const [dn, df] = counts.devanagari as [number, number];
    note(`precision: split ${split}: ${queries.length} aligned sentences, ${FOLDS} folds, ${skipped} queries left out (another story has all their words), ${Date.now() - started} ms`);
    print(`precision.${split}.queries`, ln + dn);
    print(`precision.${split}.latin.false_all`, lf / Math.max(1, ln));
    print(`precision.${split}.devanagari.false_all`, df / Math.max(1, dn));
    print(`precision.${split}.false_all`, (lf + df) / Math.max(1, ln + dn));
    if (examples.length > 0) note(`precision: answered all although absent: ${examples.join(' | ')}`);

    // with its own story indexed: does the answering tier still include it?
    const { index, idx } = indexOf(rows, () => true);
    let own = 0;
    let ownAll = 0;
    const sample = queries.filter((q) => q.doc % 5 === 0);
    for (const q of sample) {
      const a = answer(q.latin, idx, index);
      if (a.found.has(q.doc)) own++;
      if (a.tier === 'all' && a.found.has(q.doc)) ownAll++;
    }
    print(`precision.${split}.own_in_answer`, own / Math.max(1, sample.length));
    print(`precision.${split}.own_answered_all`, ownAll / Math.max(1, sample.length));

    // names the split's text does not have
    const romanWords = new Set(rows.flatMap((r) => (r.roman.toLowerCase().match(WORD) ?? [])));
    let names = 0;
    let namesAll = 0;
    const namesSaidAll: string[] = [];
    for (const [latin, devanagari] of NAME_QUERIES) {
      if (latin.split(' ').some((w) => romanWords.has(w))) continue;
      for (const text of [latin, devanagari]) {
        names++;
        if (answer(text, idx, index).tier === 'all') {
          namesAll++;
          namesSaidAll.push(text);
        }
      }
    }
    print(`precision.${split}.names.queries`, names);
    print(`precision.${split}.names.false_all`, namesAll / Math.max(1, names));
    if (namesSaidAll.length > 0) note(`precision: absent names answered all: ${namesSaidAll.join(' | ')}`);
  }
}
