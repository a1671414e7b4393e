// Gujarati → Latin.
//
// - `romanizeIso(text)`: ISO 15919-style, lossless enough for display and sorting
//   (પાકિસ્તાન → pākistāna, ઑગસ્ટ → ôgasṭa). Other characters pass through.
// - `romanizeReadable(text)`: plain ASCII as people write Gujarati in Latin letters, with
//   Gujarati schwa deletion (રશિયાના → rashiyana, નરેન્દ્ર → narendra, સરકાર → sarkar) and an
//   override table for names and loanwords (ગુજરાત → gujarat, ડૉક્ટર → doctor). Used for slugs.

import { devanagariToGujarati, normalize, searchKey } from './normalize.js';
import { toAsciiDigits } from './numerals.js';
import { stem } from './stem.js';

interface Letter {
  iso: string;
  read: string;
}

const VOWELS: Record<string, Letter> = {
  અ: { iso: 'a', read: 'a' },
  આ: { iso: 'ā', read: 'a' },
  ઇ: { iso: 'i', read: 'i' },
  ઈ: { iso: 'ī', read: 'i' },
  ઉ: { iso: 'u', read: 'u' },
  ઊ: { iso: 'ū', read: 'u' },
  ઋ: { iso: 'r̥', read: 'ru' },
  ૠ: { iso: 'r̥̄', read: 'ru' },
  ઌ: { iso: 'l̥', read: 'lu' },
  ૡ: { iso: 'l̥̄', read: 'lu' },
  ઍ: { iso: 'ê', read: 'e' },
  એ: { iso: 'e', read: 'e' },
  ઐ: { iso: 'ai', read: 'ai' },
  ઑ: { iso: 'ô', read: 'o' },
  ઓ: { iso: 'o', read: 'o' },
  ઔ: { iso: 'au', read: 'au' },
};

const SIGNS: Record<string, Letter> = {
  'ા': { iso: 'ā', read: 'a' },
  'િ': { iso: 'i', read: 'i' },
  'ી': { iso: 'ī', read: 'i' },
  'ુ': { iso: 'u', read: 'u' },
  'ૂ': { iso: 'ū', read: 'u' },
  'ૃ': { iso: 'r̥', read: 'ru' },
  'ૄ': { iso: 'r̥̄', read: 'ru' },
  'ૢ': { iso: 'l̥', read: 'lu' },
  'ૣ': { iso: 'l̥̄', read: 'lu' },
  'ૅ': { iso: 'ê', read: 'e' },
  'ે': { iso: 'e', read: 'e' },
  'ૈ': { iso: 'ai', read: 'ai' },
  'ૉ': { iso: 'ô', read: 'o' },
  'ો': { iso: 'o', read: 'o' },
  'ૌ': { iso: 'au', read: 'au' },
};

const CONSONANTS: Record<string, Letter> = {
  ક: { iso: 'k', read: 'k' },
  ખ: { iso: 'kh', read: 'kh' },
  ગ: { iso: 'g', read: 'g' },
  ઘ: { iso: 'gh', read: 'gh' },
  ઙ: { iso: 'ṅ', read: 'n' },
  ચ: { iso: 'c', read: 'ch' },
  છ: { iso: 'ch', read: 'chh' },
  જ: { iso: 'j', read: 'j' },
  ઝ: { iso: 'jh', read: 'jh' },
  ઞ: { iso: 'ñ', read: 'n' },
  ટ: { iso: 'ṭ', read: 't' },
  ઠ: { iso: 'ṭh', read: 'th' },
  ડ: { iso: 'ḍ', read: 'd' },
  ઢ: { iso: 'ḍh', read: 'dh' },
  ણ: { iso: 'ṇ', read: 'n' },
  ત: { iso: 't', read: 't' },
  થ: { iso: 'th', read: 'th' },
  દ: { iso: 'd', read: 'd' },
  ધ: { iso: 'dh', read: 'dh' },
  ન: { iso: 'n', read: 'n' },
  પ: { iso: 'p', read: 'p' },
  ફ: { iso: 'ph', read: 'f' },
  બ: { iso: 'b', read: 'b' },
  ભ: { iso: 'bh', read: 'bh' },
  મ: { iso: 'm', read: 'm' },
  ય: { iso: 'y', read: 'y' },
  ર: { iso: 'r', read: 'r' },
  લ: { iso: 'l', read: 'l' },
  ળ: { iso: 'ḷ', read: 'l' },
  વ: { iso: 'v', read: 'v' },
  શ: { iso: 'ś', read: 'sh' },
  ષ: { iso: 'ṣ', read: 'sh' },
  સ: { iso: 's', read: 's' },
  હ: { iso: 'h', read: 'h' },
  ૹ: { iso: 'z', read: 'z' },
};

/** Consonant + nukta (Urdu/Persian/English sounds). */
const NUKTA_FORMS: Record<string, Letter> = {
  ક: { iso: 'q', read: 'k' },
  ખ: { iso: 'k͟h', read: 'kh' },
  ગ: { iso: 'ġ', read: 'g' },
  જ: { iso: 'z', read: 'z' },
  ફ: { iso: 'f', read: 'f' },
  ડ: { iso: 'ṛ', read: 'd' },
  ઢ: { iso: 'ṛh', read: 'dh' },
};

const LABIALS = new Set(['પ', 'ફ', 'બ', 'ભ', 'મ']);

/** One unit of a Gujarati word: a consonant (with its vowel) or an independent vowel. */
interface Unit {
  kind: 'C' | 'V' | 'other';
  text: string; // romanized consonant or vowel
  vowel: string; // romanized vowel after a consonant ('' with virama, 'a' inherent)
  inherent: boolean; // vowel is the inherent a
  nasal: '' | 'anusvara' | 'candrabindu';
  visarga: boolean;
  /** True when the consonant closes a conjunct (the previous consonant had a virama). */
  afterVirama: boolean;
  consonant?: string; // the Gujarati consonant letter, for the anusvara's place
}

function parse(word: string, mode: 'iso' | 'read'): Unit[] {
  const units: Unit[] = [];
  const chars = [...word];
  let i = 0;
  let prevVirama = false;
  while (i < chars.length) {
    const ch = chars[i]!;
    const cons = CONSONANTS[ch];
    if (cons) {
      let letter = cons;
      let j = i + 1;
      if (chars[j] === '઼') {
        letter = NUKTA_FORMS[ch] ?? cons;
        j++;
      }
      const u: Unit = { kind: 'C', text: letter[mode], vowel: 'a', inherent: true, nasal: '', visarga: false, afterVirama: prevVirama, consonant: ch };
      prevVirama = false;
      const sign = chars[j];
      if (sign === '્') {
        u.vowel = '';
        u.inherent = false;
        prevVirama = true;
        j++;
      } else if (sign !== undefined && SIGNS[sign]) {
        u.vowel = SIGNS[sign]![mode];
        u.inherent = false;
        j++;
      }
      j = marks(chars, j, u);
      units.push(u);
      i = j;
      continue;
    }
    const vow = VOWELS[ch];
    if (vow) {
      const u: Unit = { kind: 'V', text: '', vowel: vow[mode], inherent: false, nasal: '', visarga: false, afterVirama: false };
      i = marks(chars, i + 1, u);
      units.push(u);
      prevVirama = false;
      continue;
    }
    // stray sign, avagraha, joiners, digits, anything else
    prevVirama = false;
    let text = ch;
    if (ch === 'ઽ') text = mode === 'iso' ? '’' : '';
    else if (ch === '\u200C' || ch === '\u200D' || ch === '઼' || ch === '્') text = '';
    else if (SIGNS[ch]) text = SIGNS[ch]![mode];
    else if (ch === 'ં' || ch === 'ઁ') text = mode === 'iso' ? (ch === 'ં' ? 'ṁ' : 'm̐') : 'n';
    else if (ch === 'ઃ') text = mode === 'iso' ? 'ḥ' : 'h';
    else if (/[૦-૯]/u.test(ch)) text = toAsciiDigits(ch);
    else if (ch === '૰') text = '.';
    units.push({ kind: 'other', text, vowel: '', inherent: false, nasal: '', visarga: false, afterVirama: false });
    i++;
  }
  return units;
}

function marks(chars: string[], j: number, u: Unit): number {
  for (;;) {
    const m = chars[j];
    if (m === 'ં') u.nasal = 'anusvara';
    else if (m === 'ઁ') u.nasal = 'candrabindu';
    else if (m === 'ઃ') u.visarga = true;
    else if (m === '\u200C' || m === '\u200D') {
      /* joiners: nothing to write */
    } else return j;
    j++;
  }
}

function isoWord(word: string): string {
  let out = '';
  for (const u of parse(word, 'iso')) {
    out += u.text + u.vowel;
    if (u.nasal === 'anusvara') out += 'ṁ';
    else if (u.nasal === 'candrabindu') out += 'm̐';
    if (u.visarga) out += 'ḥ';
  }
  return out;
}

/** ISO 15919-style romanization (with diacritics). Non-Gujarati text passes through unchanged. */
export function romanizeIso(text: string): string {
  const s = normalize(devanagariToGujarati(text));
  return s.replace(/[\u0A80-\u0AFF\u200C\u200D]+/gu, (w) => isoWord(w));
}

/** Readable romanizations for names and loanwords, keyed by searchKey form. */
export const READABLE_OVERRIDES: ReadonlyMap<string, string> = new Map([
  ['ગુજરાત', 'gujarat'],
  ['ગુજરાતી', 'gujarati'],
  ['અમદાવાદ', 'ahmedabad'],
  ['ડોક્ટર', 'doctor'],
  ['ડોકટર', 'doctor'],
  ['સુરત', 'surat'],
  ['વડોદરા', 'vadodara'],
  ['રાજકોટ', 'rajkot'],
  ['ભાવનગર', 'bhavnagar'],
  ['ગાંધીનગર', 'gandhinagar'],
  ['જામનગર', 'jamnagar'],
  ['કચ્છ', 'kutch'],
  ['સૌરાષ્ટ્ર', 'saurashtra'],
  ['મુંબઈ', 'mumbai'],
  ['મુંબઇ', 'mumbai'],
  ['દિલ્હી', 'delhi'],
  ['કોલકાતા', 'kolkata'],
  ['ચેન્નાઈ', 'chennai'],
  ['બેંગલુરુ', 'bengaluru'],
  ['હૈદરાબાદ', 'hyderabad'],
  ['ભારત', 'bharat'],
  ['પાકિસ્તાન', 'pakistan'],
  ['ચીન', 'china'],
  ['જાપાન', 'japan'],
  ['ઇંગ્લેન્ડ', 'england'],
  ['ઇંગ્લેંડ', 'england'],
  ['મોદી', 'modi'],
  ['નરેન્દ્ર', 'narendra'],
  ['નરેંદ્ર', 'narendra'],
  ['કોંગ્રેસ', 'congress'],
  ['ભાજપ', 'bjp'],
  ['પોલીસ', 'police'],
  ['પોલિસ', 'police'],
  ['સરકાર', 'sarkar'],
  ['ક્રિકેટ', 'cricket'],
  ['મેચ', 'match'],
  ['ટીમ', 'team'],
  ['કોરોના', 'corona'],
  ['વેક્સિન', 'vaccine'],
  ['ફિલ્મ', 'film'],
  ['હોસ્પિટલ', 'hospital'],
  ['સ્કૂલ', 'school'],
  ['કોલેજ', 'college'],
  ['યુનિવર્સિટી', 'university'],
  ['કંપની', 'company'],
  ['બેંક', 'bank'],
  ['શેર', 'share'],
  ['માર્કેટ', 'market'],
  ['ઓગસ્ટ', 'august'],
  ['સપ્ટેમ્બર', 'september'],
  ['સપ્ટેંબર', 'september'],
  ['ઓક્ટોબર', 'october'],
  ['નવેમ્બર', 'november'],
  ['નવેંબર', 'november'],
  ['ડિસેમ્બર', 'december'],
  ['ડિસેંબર', 'december'],
  ['જાન્યુઆરી', 'january'],
  ['ફેબ્રુઆરી', 'february'],
  ['માર્ચ', 'march'],
  ['એપ્રિલ', 'april'],
  ['મે', 'may'],
  ['જૂન', 'june'],
  ['જુલાઈ', 'july'],
  ['જુલાઇ', 'july'],
]);

function readableWordRaw(word: string): string {
  const units = parse(word, 'read');
  // Schwa deletion, right to left: the final inherent a goes (unless the word is one
  // consonant, or ends in a conjunct with ર/ય/વ: નરેન્દ્ર → narendra), and a medial one goes in the
  // context V C _ C V (સરકાર → sarkar, અમદાવાદ → amdavad).
  const keep = units.map(() => true);
  const isCons = (k: number) => units[k]?.kind === 'C';
  const hasVowel = (k: number) => {
    const u = units[k];
    if (!u) return false;
    if (u.kind === 'V') return true;
    if (u.kind !== 'C') return false;
    return u.vowel !== '' && (!u.inherent || keep[k] === true);
  };
  const last = units.length - 1;
  for (let k = last; k >= 0; k--) {
    const u = units[k]!;
    if (u.kind !== 'C' || !u.inherent || u.nasal || u.visarga) continue;
    if (k === last) {
      const single = units.filter((x) => x.kind !== 'other').length === 1;
      // ...but -iya keeps it (ભારતીય → bharatiya, ક્ષત્રિય → kshatriya)
      const iya = u.consonant === 'ય' && k >= 1 && /^i$/u.test(units[k - 1]?.vowel ?? '');
      // a conjunct ending in ર ય વ keeps it (મિત્ર → mitra, સત્ય → satya); others drop it
      // (ટેસ્ટ → test, લોન્ચ → lonch, ધર્મ → dharm)
      const heavy = u.afterVirama && (u.consonant === 'ર' || u.consonant === 'ય' || u.consonant === 'વ');
      if (!single && !heavy && !iya) keep[k] = false;
      continue;
    }
    // medial: previous unit is a simple consonant (not a conjunct end) preceded by a vowel,
    // next unit is a simple consonant that carries a vowel
    if (u.afterVirama) continue;
    const next = units[k + 1];
    if (k >= 1 && isCons(k - 1) === false && units[k - 1]?.kind === 'V' && next && next.kind === 'C' && !next.afterVirama && hasVowel(k + 1)) {
      // V C _ C V with the first V an independent vowel letter (અમદાવાદ → amdavad)
      keep[k] = false;
      continue;
    }
    if (k >= 1 && hasVowel(k - 1) && next && next.kind === 'C' && !next.afterVirama && hasVowel(k + 1)) {
      keep[k] = false;
    }
  }
  let out = '';
  units.forEach((u, k) => {
    let vowel = u.vowel;
    if (u.kind === 'C' && u.inherent && !keep[k]) vowel = '';
    out += u.text + vowel;
    if (u.nasal) {
      const next = units[k + 1];
      if (k === last) {
        // word-final nasalization is usually not written (માં → ma)
      } else out += next?.consonant && LABIALS.has(next.consonant) ? 'm' : 'n';
    }
    if (u.visarga) out += 'h';
  });
  return out;
}

function readableWord(word: string, overrides = true): string {
  if (!overrides) return readableWordRaw(word);
  const key = searchKey(word);
  const o = READABLE_OVERRIDES.get(key);
  if (o) return o;
  // an inflected form of an override: the override plus the romanized ending
  const s = stem(key);
  if (s !== key && key.startsWith(s)) {
    const base = READABLE_OVERRIDES.get(s);
    if (base) return base + readableWordRaw(key.slice(s.length)).replace(/^a(?=.)/u, '');
  }
  return readableWordRaw(word);
}

/**
 * Readable ASCII romanization with schwa deletion. Non-Gujarati characters pass through
 * (Latin stays Latin; Devanagari is read as Gujarati). `overrides: false` skips the table.
 */
export function romanizeReadable(text: string, options: { overrides?: boolean } = {}): string {
  const s = normalize(devanagariToGujarati(text));
  const ov = options.overrides ?? true;
  return s.replace(/[\u0A80-\u0AFF\u200C\u200D]+/gu, (w) => (/[\u0A85-\u0AB9]/u.test(w) ? readableWord(w, ov) : readableWordRaw(w)));
}
