import type { UiLocale } from './messages.js';

/**
 * The reader's search page when no story has every word: what the results below are, said
 * plainly, so a reporter does not take a sound-alike for the name they typed.
 */
const gu = {
  similarHeading: 'બધા શબ્દોવાળા સમાચાર મળ્યા નથી',
  similarNote: 'નીચેના સમાચારમાં તમારા શબ્દો જેવા લાગતા કે જરા જુદી જોડણીવાળા શબ્દો છે; તમે લખેલા શબ્દો ન પણ હોય.',
  anyHeading: 'બધા શબ્દોવાળા સમાચાર મળ્યા નથી',
  anyNote: 'નીચેના સમાચારમાં તમારા શબ્દોમાંથી કેટલાક જ (કે તેના જેવા લાગતા શબ્દો) છે.',
};

export type SearchPrecisionMessages = typeof gu;

const en: SearchPrecisionMessages = {
  similarHeading: 'No story has all these words',
  similarNote: 'The stories below have words that sound like yours or are spelled a little differently; they may not contain what you typed.',
  anyHeading: 'No story has all these words',
  anyNote: 'The stories below have only some of your words (or words that sound like them).',
};

export function searchPrecisionMessages(locale: UiLocale): SearchPrecisionMessages {
  return locale === 'en' ? en : gu;
}
