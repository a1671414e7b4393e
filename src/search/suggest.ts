// "Did you mean": the nearest spelling the vocabulary knows for one typed word. Pure.
//
// Only near spellings are offered: the candidate must sound within `SUGGEST_DISTANCE` of what
// was typed (a vowel or one consonant off, by the weighted key distance), so "imran" is never
// answered with અમારા. Among those, names come first, then the nearer (a vowel off before a
// consonant off), then the more frequent word.

import { searchKey, devanagariToGujarati } from '../gujarati/normalize.js';
import { foldLatin, phoneticKey } from '../gujarati/phonetic.js';
import { romanizeReadable } from '../gujarati/romanize.js';
import { stem } from '../gujarati/stem.js';
import { keyDistance, type TransliterationIndex } from '../gujarati/transliterate.js';
import { NAMES } from './names.js';
import { isFunctionWord } from './query.js';

/** Farthest (weighted key distance) a suggested spelling may sound from what was typed. */
export const SUGGEST_DISTANCE = 1;

/** Candidates looked at before the distance and name checks. */
const POOL = 10;

/** Gujarati spellings of the names table: known names even before any story is tagged. */
const TABLE_NAMES: ReadonlySet<string> = new Set([...NAMES.values()].flat().map((w) => searchKey(w)));

/**
 * The nearest spelling for one typed word, or undefined when the vocabulary knows the word or
 * nothing is near enough. `names`: Gujarati words known as names (e.g. the site's tags).
 */
export function nearestSpelling(word: string, idx: TransliterationIndex, names: ReadonlySet<string> = new Set()): string | undefined {
  const folded = searchKey(devanagariToGujarati(word));
  const isName = (w: string) => names.has(w) || TABLE_NAMES.has(w) || names.has(stem(w));
  let latin: string;
  let own: string | undefined;
  if (/[\u0A80-\u0AFF]/u.test(folded)) {
    if (idx.frequency(folded) > 0 || idx.frequency(stem(folded)) > 0) return undefined;
    latin = romanizeReadable(folded, { overrides: false });
    own = stem(folded);
  } else if (/^[a-z'’]+$/iu.test(folded)) {
    latin = folded.toLowerCase().replace(/['’]/gu, '');
  } else return undefined;
  const typed = foldLatin(latin);
  if (!typed) return undefined;
  // a listed name is suggested as itself or not at all ("modi" is not મોડી, late)
  const listed = own === undefined ? NAMES.get(latin)?.map((w) => stem(searchKey(w))) : undefined;
  const near = idx
    .lookup(latin, { limit: POOL })
    .filter((c) => c.word !== folded && (own === undefined || stem(c.word) !== own))
    .filter((c) => !(isFunctionWord(c.word) && phoneticKey(c.word) !== typed))
    .filter((c) => listed === undefined || listed.includes(stem(c.word)))
    .map((c) => ({ ...c, distance: keyDistance(typed, phoneticKey(c.word), SUGGEST_DISTANCE) }))
    .filter((c) => c.distance <= SUGGEST_DISTANCE);
  // a vowel off (≤ 0.5) is nearer than a consonant off, whatever the counts
  const step = (d: number) => (d <= 0.5 ? 0 : 1);
  near.sort((a, b) => Number(isName(b.word)) - Number(isName(a.word)) || step(a.distance) - step(b.distance) || b.frequency - a.frequency);
  return near[0]?.word;
}
