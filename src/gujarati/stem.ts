// A light inflectional stemmer for Gujarati.
//
// It removes one layer of inflection: a case marker or postposition written together with the
// noun (નો ની નું ના નાં ને એ/ે માં થી માંથી થકી પર સુધી), the plural (ઓ after a vowel, ો after a
// consonant) alone or before a case marker (વિદ્યાર્થીઓને, શહેરોમાં), and a few unambiguous verb
// endings (infinitive and gerund: કરવું, કરવા, કરવાની). The stem is a real word form (not a
// truncated root): પાકિસ્તાનને, પાકિસ્તાને, પાકિસ્તાનમાં → પાકિસ્તાન.
//
// Safety rules:
// - the stem keeps at least two graphemes (counted with Intl.Segmenter, so conjuncts count once),
//   so short words (કે, છે, તે, સેના) are never cut;
// - a protected list keeps lexical words that only look inflected (ઘટના, રચના, કંપની, કહાની …)
//   and function words (માટે, સાથે, જ્યારે …) whole;
// - `ે` after `ા` + `ન` is ambiguous (પાકિસ્તાને = પાકિસ્તાન + ે, but નેતાને = નેતા + ને): a list of
//   endings decides by default, and an optional vocabulary (the index's own word counts) breaks
//   ties everywhere a choice exists.
//
// Input is expected in `searchKey` form (analyzer does that); plain Gujarati works too.

import { graphemeLength } from './tokenize.js';

/** Frequency of a word form in some vocabulary (0 or undefined when unknown). */
export type VocabularyLookup = (word: string) => number | undefined;

export interface StemOptions {
  /** Word frequencies of the index; used as a tie-breaker between candidate stems. */
  vocabulary?: VocabularyLookup | ReadonlyMap<string, number>;
  /** Minimum stem length in graphemes (default 2). */
  minStem?: number;
}

/** Case markers and postpositions written joined to the noun. */
export const CASE_MARKERS = ['માંથી', 'થકી', 'સુધી', 'નાં', 'માં', 'નું', 'નો', 'ની', 'ના', 'ને', 'થી', 'પર', 'એ', 'ે'] as const;

/** Inner markers that take a genitive or dative on top (ઘરમાંના, દિલ્હીથીની, મુંબઈસુધીનો). */
const INNER_MARKERS = ['માંથી', 'માં', 'થી', 'પર', 'સુધી'] as const;
const OUTER_MARKERS = ['નાં', 'નું', 'નો', 'ની', 'ના', 'ને'] as const;

/**
 * Lexical words that end like an inflected form but are not one. All forms are in searchKey
 * form (nasal+virama before its class written as anusvara, no nukta, plain vowels).
 */
export const PROTECTED_WORDS: ReadonlySet<string> = new Set([
  // -ના nouns (Sanskrit -anā and others)
  'ઘટના', 'રચના', 'સંરચના', 'યોજના', 'સ્થાપના', 'પ્રાર્થના', 'સૂચના', 'સાધના', 'ભાવના', 'સંભાવના',
  'કલ્પના', 'વેદના', 'તુલના', 'ગણના', 'ચેતના', 'ઉપાસના', 'આરાધના', 'વંદના', 'કામના', 'શુભકામના',
  'ઘોષણા', 'અર્ચના', 'સંવેદના', 'પ્રેરણા', 'વિડંબના', 'આલોચના', 'સમાલોચના', 'અવધારણા', 'ધારણા',
  'યાચના', 'ઘટનાક્રમ', 'સર્જના', 'વિવેચના', 'મંત્રણા', 'ભર્ત્સના', 'કરુણા', 'તૃષ્ણા', 'પ્રસ્તાવના',
  'વ્યંજના', 'કામના', 'મહિના', 'નમૂના', 'રવાના', 'ખજાના', 'જમાના', 'ઠેકાણા', 'પુરાના', 'દીવાના',
  'મસ્તાના', 'તરાના', 'નિશાના', 'બહાના', 'ખાના', 'દુકાના', 'ઘરાના', 'અફસાના', 'પરવાના', 'જુર્માના',
  'મૌલાના', 'મવલાના', 'પ્રેરણા', 'અપના', 'સપના', 'સજના', 'રંજના', 'અર્જુના', 'કૃષ્ણા', 'વીણા', 'મીના',
  'હસીના', 'મદીના', 'સકીના', 'નગીના', 'પસીના', 'મશીના', 'સીના', 'જીના', 'કરીના', 'મરીના', 'એરેના', 'અરેના',
  'વાસના', 'વાચના', 'સેના', 'ઘાના', 'કેના', 'વિયેના', 'કોરોના', 'બોના', 'લીના', 'ટીના', 'રીના', 'અર્ના', 'કર્ણાટકના',
  // -ની nouns and adjectives
  'કંપની', 'કહાની', 'રાજધાની', 'પત્ની', 'જાપાની', 'પાકિસ્તાની', 'હિંદુસ્તાની', 'અફઘાની', 'ઈરાની', 'ઇરાની',
  'કાનૂની', 'ગેરકાનૂની', 'જર્મની', 'આગેવાની', 'તોફાની', 'જવાની', 'કુરબાની', 'કુર્બાની', 'મહેરબાની',
  'નિશાની', 'પરેશાની', 'મનમાની', 'બેઈમાની', 'બેઇમાની', 'મેજબાની', 'યજમાની', 'મહેમાની', 'નાદાની',
  'રવાની', 'જુબાની', 'નિગરાની', 'કિસાની', 'આસાની', 'હેરાની', 'હેરાની', 'ચાંદની', 'રોશની', 'ચટણી',
  'ચાશની', 'છાવણી', 'કમાણી', 'ઉજાણી', 'ઉઘરાણી', 'ચૂંટણી', 'વાણી', 'રાણી', 'પાણી', 'ઘાણી', 'જાની',
  'દાની', 'ગ્લાની', 'હાની', 'ચીની', 'લેબનાની', 'સુદાની', 'બલૂચિસ્તાની', 'રાજસ્થાની', 'સ્વામિની', 'ભગિની',
  'મંદાકિની', 'રાગિણી', 'યોગિની', 'કામિની', 'દામિની', 'નંદિની', 'મોહિની', 'શાલિની', 'નલિની', 'રોહિણી',
  'પદ્મિની', 'સરોજિની', 'ઇલેક્ટ્રોની', 'એન્ટની', 'ટોની', 'સોની', 'બ્રિટની', 'મોની', 'ધોની', 'સાની',
  'ઓફની', 'અગાઉની', 'ઉની', 'ગુની', 'ફાની', 'કિડની', 'સિડની', 'બોની', 'ગિની', 'જેની', 'પેની', 'લેની',
  'મેની', 'હની', 'રાની', 'ઝાંસી',
  // -નો / -નું lexical
  'મહિનો', 'નમૂનો', 'ખજાનો', 'જમાનો', 'ઠેકાણું', 'નિશાનો', 'બહાનું', 'દીવાનો', 'પરવાનો', 'જુર્માનો',
  'નાનો', 'નાનું', 'ઘણો', 'ઘણું', 'સોનું', 'સોનો', 'જૂનો', 'જૂનું', 'પોતાનો', 'પોતાનું', 'પોતાની',
  'પોતાના', 'પોતાને', 'ટેકનો', 'સ્ટેનો', 'મેનો', 'કીનો', 'ટીનો', 'લેટિનો', 'ન્યૂટ્રિનો', 'અલ્બીનો',
  // -ને lexical / pronouns
  'બંને', 'બન્ને', 'બંન્ને', 'તમને', 'અમને', 'મને', 'તને', 'પોતાને', 'કોને', 'જેને', 'તેને', 'આને',
  'એને', 'સૌને', 'બધાને', 'કોઈને', 'કોઇને', 'સ્થાને', 'તાપમાને',
  // -ે function words and adverbs
  'માટે', 'સાથે', 'વિશે', 'વિષે', 'પાસે', 'નીચે', 'સામે', 'વચ્ચે', 'પ્રત્યે', 'તરીકે', 'રીતે',
  'જ્યારે', 'જયારે', 'ત્યારે', 'ક્યારે', 'અત્યારે', 'હવે', 'એટલે', 'કેમકે', 'જેમકે', 'જોકે', 'વગેરે',
  'આશરે', 'આખરે', 'ધીમે', 'ધીરે', 'છેલ્લે', 'પહેલે', 'ભલે', 'તેમણે', 'તેણે', 'એમણે', 'જેણે',
  'જેમણે', 'અમે', 'તમે', 'આપણે', 'પોતે', 'વડે', 'લીધે', 'ખાતે', 'મુખ્યત્વે', 'સંપૂર્ણપણે', 'રેલ્વે',
  'રેલવે', 'મોટેભાગે', 'મોટાભાગે', 'સાંજે', 'રાત્રે', 'સવારે', 'બપોરે', 'કિનારે', 'ઉપરાંત', 'તમારે',
  'મારે', 'અમારે', 'તારે', 'તેમ', 'પાછળ', 'આગળ', 'ઉપર', 'અંદર', 'બહાર', 'પછી', 'સુધી', 'થકી',
  'મોટે', 'પાયે', 'પગલે', 'મામલે', 'મુદ્દે', 'કબ્જે', 'કબજે', 'અંગે', 'દ્વારે', 'સમે', 'ટાણે',
  // -ો / -એ lexical
  'વીડિયો', 'વિડિયો', 'વિડીયો', 'વીડીયો', 'રેડિયો', 'સ્ટુડિયો', 'ઓડિયો', 'પોર્ટફોલિયો', 'સ્કોર્પિયો', 'મારિયો', 'રિયો', 'ઓન્ટારિયો', 'ઓંટારિયો', 'ફોટો', 'ટર્બો', 'મેક્સિકો', 'મોરક્કો', 'મોરોક્કો', 'ટોક્યો', 'કેસિનો',
  'ડીએનએ', 'આરએનએ', 'છીએ', 'જોઈએ', 'જોઇએ', 'કરીએ', 'જઈએ', 'જઇએ', 'રહીએ', 'થઈએ', 'થઇએ',
  // -પર lexical
  'ઉપર', 'તત્પર', 'પરસ્પર', 'પરાત્પર', 'સિંગાપર', 'જોધપર', 'દ્વાપર', 'પ્રતાપર',
  // -માં lexical
  'ક્ષમાં', 'આત્મામાં', 'શર્મા', 'વર્મા', 'બ્રહ્મા', 'આત્મા', 'મહાત્મા', 'પરમાત્મા',
  // -થી lexical
  'સાથી', 'હાથી', 'અર્થી', 'પૃથ્વી', 'વિદ્યાર્થી', 'સારથી', 'શરણાર્થી', 'ઉમેદવારથી', 'ગાંધી', 'પરમાર્થી',
  'સ્વાર્થી', 'લાભાર્થી', 'પ્રાર્થી', 'અર્થી', 'યાત્રાર્થી', 'જિજ્ઞાસાર્થી', 'તીર્થી',
  // -સુધી lexical
  'વસુધી',
]);

/** Endings before which `ને` is read as `ન` + ergative `ે` (પાકિસ્તાને, ઇમરાન ખાને, ભગવાને). */
const ERGATIVE_NE_ENDINGS = ['સ્તાને', 'ખાને', 'ભગવાને', 'જવાને', 'પહેલવાને', 'મહેમાને', 'રહેમાને', 'સુલતાને', 'તાલિબાને', 'ઈમાને', 'ઇમાને', 'ઉસ્માને', 'સલમાને', 'અરમાને', 'સન્માને', 'મકાને', 'દુકાને', 'વિમાને', 'જહાને', 'યુવાને', 'ઈરાને', 'ઇરાને', 'કપ્તાને', 'કેપ્ટને', 'હનુમાને', 'કિસાને', 'મુસલમાને', 'સુબ્રમણ્યને', 'અર્જુને', 'શાહરૂખ ખાને', 'અયાને', 'શાસને', 'પ્રધાને', 'ઉદ્યાને', 'સ્થાને'];

/** Verb endings (infinitive, gerund, gerund + case) removed to leave the verb root. */
const VERB_ENDINGS = ['વાનાં', 'વાનું', 'વાની', 'વાના', 'વાનો', 'વામાં', 'વાથી', 'વાને', 'વું', 'વા'] as const;

const PLURALS = ['ઓ', 'ો'] as const;

const CONSONANT = /[\u0A95-\u0AB9]$/u;
const VOWEL_END = /[\u0A85-\u0A94\u0ABE-\u0ACC]$/u;

function lookup(v: StemOptions['vocabulary'], w: string): number {
  if (!v) return 0;
  if (typeof v === 'function') return v(w) ?? 0;
  return v.get(w) ?? 0;
}

interface Candidate {
  stem: string;
  /** Rule preference; higher wins when the vocabulary does not decide. */
  score: number;
}

function okLength(stem: string, min: number): boolean {
  // quick reject before the grapheme count
  return stem.length >= min && graphemeLength(stem) >= min;
}

/** Candidate stems for one word, best rule first. Always includes the word itself. */
export function stemCandidates(word: string, options: StemOptions = {}): string[] {
  const min = options.minStem ?? 2;
  const cands: Candidate[] = [{ stem: word, score: 0 }];
  if (!/[\u0A80-\u0AFF]$/u.test(word) || isProtected(word) || !okLength(word, min)) {
    return [word];
  }
  const add = (stem: string, score: number) => {
    if (stem.endsWith('\u0ACD') || !okLength(stem, min)) return; // never end on a virama
    const existing = cands.find((c) => c.stem === stem);
    if (existing) existing.score = Math.max(existing.score, score);
    else cands.push({ stem, score });
  };

  // plural + case, case alone, plural alone
  for (const m of CASE_MARKERS) {
    if (!word.endsWith(m)) continue;
    const rest = word.slice(0, -m.length);
    if (m === 'ે' && !CONSONANT.test(rest)) continue; // sign ે sits on a consonant
    let plural = false;
    for (const p of PLURALS) {
      if (rest.endsWith(p) && m !== 'ે' && !PROTECTED_WORDS.has(rest)) {
        const base = rest.slice(0, -p.length);
        if (p === 'ઓ' ? VOWEL_END.test(base) : CONSONANT.test(base)) {
          add(base, 3 + m.length / 10);
          plural = true;
        }
      }
    }
    if (m === 'ને' && /ાને$/u.test(word)) {
      // નેતાને (dative) or પાકિસ્તાને (ergative of પાકિસ્તાન)?
      const ergative = ERGATIVE_NE_ENDINGS.some((e) => word.endsWith(e));
      add(word.slice(0, -1), ergative ? 2.5 : 1.5);
      add(rest, ergative ? 1.4 : 2.4);
      continue;
    }
    if (!plural) add(rest, 2 + m.length / 10);
    else add(rest, 1);
    // verb root under a case marker (કરવામાં → કર)
    for (const v of VERB_ENDINGS) {
      if (rest.endsWith(v) && v !== rest) {
        const base = rest.slice(0, -v.length);
        if (CONSONANT.test(base) || /[ા]$/u.test(base)) add(base, 3.5);
      }
    }
  }
  // two markers: inner (locative, ablative …) + outer (genitive, dative)
  for (const o of OUTER_MARKERS) {
    if (!word.endsWith(o)) continue;
    const rest = word.slice(0, -o.length);
    for (const i of INNER_MARKERS) {
      if (!rest.endsWith(i)) continue;
      let base = rest.slice(0, -i.length);
      let score = 3.6;
      for (const p of PLURALS) {
        const b = base.slice(0, -p.length);
        if (base.endsWith(p) && (p === 'ઓ' ? VOWEL_END.test(b) : CONSONANT.test(b))) {
          add(b, 3.7);
          score = 1;
        }
      }
      if (!PROTECTED_WORDS.has(rest)) add(base, score);
      break;
    }
  }
  for (const p of PLURALS) {
    if (!word.endsWith(p)) continue;
    const base = word.slice(0, -p.length);
    if (p === 'ઓ' ? VOWEL_END.test(base) : CONSONANT.test(base)) add(base, 1.8);
  }
  for (const v of VERB_ENDINGS) {
    if (!word.endsWith(v)) continue;
    const base = word.slice(0, -v.length);
    if (CONSONANT.test(base) || /[ા]$/u.test(base)) add(base, 3.5);
  }

  const vocab = options.vocabulary;
  const whole = cands[0]!;
  const stripped = cands.slice(1);
  stripped.sort((a, b) => {
    if (vocab) {
      const fa = lookup(vocab, a.stem);
      const fb = lookup(vocab, b.stem);
      // a candidate the index knows beats one it does not; among known ones the rule decides
      if ((fa > 0) !== (fb > 0)) return fa > 0 ? -1 : 1;
    }
    return b.score - a.score;
  });
  // The word stays whole when the index knows it well (≥ 5 times) but none of its stripped
  // forms ever occurs alone: a lexical word that only looks inflected (કર્યો, ઘટના).
  if (vocab && stripped.length > 0 && lookup(vocab, whole.stem) >= 5 && stripped.every((c) => lookup(vocab, c.stem) === 0)) {
    return [whole.stem, ...stripped.map((c) => c.stem)];
  }
  return [...stripped.map((c) => c.stem), whole.stem];
}

/**
 * Stem one word (Gujarati; other scripts are returned unchanged).
 * `stem('વિદ્યાર્થીઓને') === 'વિદ્યાર્થી'`, `stem('પાકિસ્તાને') === 'પાકિસ્તાન'`, `stem('ઘટના') === 'ઘટના'`.
 */
export function stem(word: string, options: StemOptions = {}): string {
  if (word === '' || !/[\u0A80-\u0AFF]/u.test(word)) return word;
  const cands = stemCandidates(word, options);
  // With a vocabulary: keep the word whole when it is known and no shorter candidate is.
  return cands[0] ?? word;
}

/**
 * True when `word` stays whole: it is on the protected list, or it ends with a protected noun of
 * three or more graphemes (કામવાસના ends with વાસના, ઇંદ્રસેના with સેના).
 */
export function isProtected(word: string): boolean {
  if (PROTECTED_WORDS.has(word)) return true;
  for (let i = 1; i < word.length - 2; i++) {
    const tail = word.slice(i);
    if (PROTECTED_ENDINGS.has(tail) && !isGujaratiMarkAt(word, i)) return true;
  }
  return false;
}

function isGujaratiMarkAt(word: string, i: number): boolean {
  const c = word.charCodeAt(i);
  return (c >= 0x0a81 && c <= 0x0a83) || (c >= 0x0abc && c <= 0x0acd && c !== 0x0abd);
}

/** Lexical -ના/-ની nouns that also protect compounds ending with them. */
const PROTECTED_ENDINGS: ReadonlySet<string> = new Set([
  'ઘટના', 'રચના', 'યોજના', 'સ્થાપના', 'પ્રાર્થના', 'સૂચના', 'સાધના', 'ભાવના', 'કલ્પના', 'વેદના', 'તુલના',
  'ગણના', 'ચેતના', 'ઉપાસના', 'આરાધના', 'વંદના', 'કામના', 'વાસના', 'સેના', 'વાચના', 'યાચના', 'ઘોષણા',
  'સંવેદના', 'પ્રેરણા', 'આલોચના', 'ધારણા', 'સર્જના', 'વિવેચના', 'કંપની', 'કહાની', 'રાજધાની', 'પત્ની',
  'કુરબાની', 'મહેરબાની', 'નિશાની', 'પરેશાની', 'આગેવાની', 'ચૂંટણી', 'સ્તાની', 'વાણી', 'પાણી', 'રાણી',
]);
