import type { UiLocale } from './messages.js';

/** The people list's paging and search, the home page's reordering, and the featured image chosen without a script. */
const gu = {
  peopleSearch: 'નામ, હોદ્દો કે ઈમેલથી શોધો',
  peopleSearchHint: 'ગુજરાતી કે Latin (rajesh)',
  search: 'શોધો',
  clearSearch: 'શોધ કાઢો',
  peopleFound: (n: number) => (n === 1 ? '1 વ્યક્તિ મળી' : `${n} વ્યક્તિઓ મળી`),
  peopleTotal: (n: number) => `કુલ ${n} વ્યક્તિઓ`,
  noPeopleFound: 'આ શોધથી કોઈ વ્યક્તિ મળી નહીં.',
  pinAdded: (headline: string, position: number) => `“${headline}” ટોચના સમાચારમાં ઉમેર્યો: હવે સ્થાન ${position} પર.`,
  pinRemoved: (headline: string) => `“${headline}” ટોચના સમાચારમાંથી કાઢ્યો.`,
  pinMoved: (headline: string, from: number, to: number) => `“${headline}” સ્થાન ${from} પરથી સ્થાન ${to} પર ખસેડ્યો.`,
  pinsReordered: 'ટોચના સમાચારનો નવો ક્રમ સાચવ્યો.',
  pinsUnchanged: 'ક્રમ એ જ રહ્યો: કંઈ બદલાયું નહીં.',
  dragHint: 'ક્રમ બદલવા હારને ખેંચો, કે ↑ ↓ બટન વાપરો.',
  dragHandle: (headline: string) => `“${headline}” ખેંચીને ખસેડો`,
  chooseFromLibrary: 'મીડિયા લાઇબ્રેરીમાંથી પસંદ કરો',
  changeFeatured: 'બીજી છબી પસંદ કરો',
  clearFeatured: 'ફીચર્ડ છબી કાઢો',
  noFeatured: 'હજી કોઈ ફીચર્ડ છબી નથી.',
  saveFirst: 'છબી પસંદ કરવા પહેલાં લેખ એક વાર સાચવો.',
  choosingFor: (headline: string) => `“${headline}” માટે ફીચર્ડ છબી પસંદ કરો`,
  chooseThis: 'આ છબી પસંદ કરો',
  backToStory: '← લેખ પર પાછા',
  featuredChosen: 'ફીચર્ડ છબી પસંદ કરી.',
  featuredCleared: 'ફીચર્ડ છબી કાઢી.',
  featuredPending: 'લાઇવ લેખ માટે આ ફેરફાર અપ્રકાશિત છે: "અપડેટ કરો" દબાવો ત્યારે વાચકો જોશે.',
};

export type NewsroomRestMessages = typeof gu;

const en: NewsroomRestMessages = {
  peopleSearch: 'Search by name, title or e-mail',
  peopleSearchHint: 'Gujarati or Latin (rajesh)',
  search: 'Search',
  clearSearch: 'Clear search',
  peopleFound: (n) => (n === 1 ? '1 person found' : `${n} people found`),
  peopleTotal: (n) => `${n} people in all`,
  noPeopleFound: 'Nobody matches this search.',
  pinAdded: (headline, position) => `Added “${headline}” to the top stories, at position ${position}.`,
  pinRemoved: (headline) => `Removed “${headline}” from the top stories.`,
  pinMoved: (headline, from, to) => `Moved “${headline}” from position ${from} to position ${to}.`,
  pinsReordered: 'Saved the new order of the top stories.',
  pinsUnchanged: 'The order is the same: nothing changed.',
  dragHint: 'Drag a row to reorder, or use the ↑ ↓ buttons.',
  dragHandle: (headline) => `Drag to move “${headline}”`,
  chooseFromLibrary: 'Choose from the media library',
  changeFeatured: 'Choose another image',
  clearFeatured: 'Remove the featured image',
  noFeatured: 'No featured image yet.',
  saveFirst: 'Save the story once before choosing an image.',
  choosingFor: (headline) => `Choose the featured image for “${headline}”`,
  chooseThis: 'Choose this image',
  backToStory: '← Back to the story',
  featuredChosen: 'Featured image chosen.',
  featuredCleared: 'Featured image removed.',
  featuredPending: 'For a live story this change is unpublished: readers see it after "Update".',
};

export function newsroomRestMessages(locale: UiLocale | 'gu' | 'en'): NewsroomRestMessages {
  return locale === 'en' ? en : gu;
}
