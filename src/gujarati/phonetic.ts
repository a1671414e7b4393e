// Phonetic keys under which Latin, Devanagari and Gujarati spellings of one word meet.
//
// Gujarati and Devanagari are first romanized (readable form with schwa deletion, no override
// table); Latin is taken as typed. Both then go through one Latin folder:
//   aspiration dropped (kh→k, bh→b, chh/ch→c, th→t …), sh/ṣ→s, ph→f, w→v, z→j, q→k, x→ks,
//   c→k or s, long vowels shortened (aa→a, ee→i, oo→u), ai→e, au→o, doubled letters single.
// `phoneticKey` keeps the vowels (a fine key, compared with an edit distance);
// `skeletonKey` drops them (and y, h, a final nasal) except for a marker of an initial vowel (a coarse key, used to
// look candidates up): pakistan ~ પાકિસ્તાન ~ पाकिस्तान → "pkstn"; imran, Imraan, ઇમરાન,
// ઈમરાન → "amrn".

import { devanagariToGujarati, searchKey } from './normalize.js';
import { romanizeReadable } from './romanize.js';

/** English exonyms and common Latin spellings whose Gujarati word a key cannot find. */
export const EXONYMS: ReadonlyMap<string, string> = new Map([
  ['russia', 'રશિયા'],
  ['ahmedabad', 'અમદાવાદ'],
  ['amdavad', 'અમદાવાદ'],
  ['india', 'ભારત'],
  ['bharat', 'ભારત'],
  ['america', 'અમેરિકા'],
  ['usa', 'અમેરિકા'],
  ['us', 'અમેરિકા'],
  ['china', 'ચીન'],
  ['england', 'ઇંગ્લેન્ડ'],
  ['britain', 'બ્રિટન'],
  ['uk', 'બ્રિટન'],
  ['germany', 'જર્મની'],
  ['france', 'ફ્રાન્સ'],
  ['japan', 'જાપાન'],
  ['nepal', 'નેપાળ'],
  ['bengal', 'બંગાળ'],
  ['kerala', 'કેરળ'],
  ['tamilnadu', 'તમિલનાડુ'],
  ['mumbai', 'મુંબઈ'],
  ['bombay', 'મુંબઈ'],
  ['delhi', 'દિલ્હી'],
  ['baroda', 'વડોદરા'],
  ['vadodara', 'વડોદરા'],
  ['kutch', 'કચ્છ'],
  ['kachchh', 'કચ્છ'],
  ['saurashtra', 'સૌરાષ્ટ્ર'],
  ['gujarat', 'ગુજરાત'],
  ['doctor', 'ડોક્ટર'],
  ['police', 'પોલીસ'],
  ['corona', 'કોરોના'],
  ['covid', 'કોવિડ'],
  ['vaccine', 'વેક્સિન'],
  ['cricket', 'ક્રિકેટ'],
  ['film', 'ફિલ્મ'],
  ['school', 'સ્કૂલ'],
  ['college', 'કોલેજ'],
  ['hospital', 'હોસ્પિટલ'],
  ['bjp', 'ભાજપ'],
  ['congress', 'કોંગ્રેસ'],
  ['europe', 'યુરોપ'],
  ['africa', 'આફ્રિકા'],
  ['australia', 'ઓસ્ટ્રેલિયા'],
  ['canada', 'કેનેડા'],
  ['london', 'લંડન'],
  ['ukraine', 'યુક્રેન'],
  ['afghanistan', 'અફઘાનિસ્તાન'],
  ['bangladesh', 'બાંગ્લાદેશ'],
  ['sri', 'શ્રી'],
  ['shri', 'શ્રી'],
]);

const VOWEL = /[aeiou]/;

/** Fold a Latin (ASCII, lowercase or not) spelling into the fine phonetic key. */
export function foldLatin(word: string): string {
  let s = word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/gu, '')
    .replace(/[^a-z0-9]/gu, '');
  if (s === '') return '';
  s = s
    .replace(/chh|ch/g, 'C')
    .replace(/sh/g, 's')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/z/g, 'j')
    .replace(/ti(?=on)/g, 's')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/C/g, 'c')
    // aspiration: h after a consonant
    .replace(/([kgcjtdpbrs])h+/g, '$1')
    // long vowels and diphthongs
    .replace(/a+/g, 'a')
    .replace(/(?:ee|ii|ie|ea|ey|iy(?![aeiou]))/g, 'i')
    .replace(/(?:oo|uu)/g, 'u')
    .replace(/ai|ay(?![aeiou])|ei/g, 'e')
    .replace(/au|aw|ou/g, 'o')
    // m before a labial is the anusvara
    .replace(/m(?=[pbf])/g, 'n')
    // doubled letters
    .replace(/(.)\1+/g, '$1');
  return s;
}

/** The coarse key from a fine key: vowels dropped, an initial vowel kept as 'a'. */
export function skeletonOf(fine: string): string {
  if (fine === '') return '';
  const first = VOWEL.test(fine[0]!) ? 'a' : '';
  const rest = fine
    .replace(/(?<=[aeiou])n$/, '') // final nasal: maa / maan / માં
    .replace(/[aeiouyh]/g, '')
    .replace(/(.)\1+/g, '$1');
  return first + rest;
}

function isLatinWord(w: string): boolean {
  return /^[\p{Script=Latin}0-9'’]+$/u.test(w);
}

/** Readable romanization of one Gujarati/Devanagari word, or the Latin word itself. */
function romanOf(word: string): string {
  if (isLatinWord(word)) return word;
  const gu = searchKey(devanagariToGujarati(word));
  return romanizeReadable(gu, { overrides: false });
}

/** The fine phonetic key of one word (Latin, Gujarati or Devanagari). */
export function phoneticKey(word: string): string {
  return foldLatin(romanOf(word));
}

/**
 * A detailed key that keeps what the fine key folds away (aspiration, sh/s, doubled letters):
 * the readable romanization of a Gujarati word, or a Latin word with long vowels written once.
 * Compared with a plain edit distance it breaks ties between words of one fine key
 * (stavar: સ્તાવાર before સ્થાવર; harran: હર્રાન before હરણ).
 */
export function detailKey(word: string): string {
  const roman = isLatinWord(word) ? word.toLowerCase() : romanOf(word).toLowerCase();
  return roman
    .replace(/[^a-z]/g, '')
    .replace(/w/g, 'v')
    .replace(/aa+/g, 'a')
    .replace(/ee+|ii+/g, 'i')
    .replace(/oo+|uu+/g, 'u');
}

/** The coarse (consonant-skeleton) key of one word. */
export function skeletonKey(word: string): string {
  return skeletonOf(phoneticKey(word));
}

/** Keys of every word of a phrase, in order: `"imran khan"` → `["imran", "kan"]`. */
export function phoneticKeys(text: string): string[] {
  return (text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map(phoneticKey).filter(Boolean);
}

/** True when two spellings (any script) share a skeleton key. */
export function soundsAlike(a: string, b: string): boolean {
  const ka = phoneticKeys(a).map(skeletonOf).join(' ');
  return ka !== '' && ka === phoneticKeys(b).map(skeletonOf).join(' ');
}
