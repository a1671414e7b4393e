import type { UiLocale } from './messages.js';
import type { PostFormat } from '../db/schema.js';

/**
 * Words for what stories gained from WordPress sites: further sections, post formats, reader
 * passwords, comments open or closed per story, threaded replies. Gujarati first.
 */
const gu = {
  formats: {
    standard: 'સામાન્ય',
    video: 'વીડિયો',
    gallery: 'તસવીરો',
    audio: 'ઑડિયો',
    image: 'તસવીર',
    quote: 'અવતરણ',
    link: 'લિંક',
    aside: 'ટૂંકી નોંધ',
    status: 'સ્ટેટસ',
    chat: 'વાતચીત',
  } satisfies Record<PostFormat, string>,
  // The editor.
  otherSections: 'બીજા વિભાગો',
  otherSectionsHint: 'સમાચાર આ વિભાગોનાં પાનાં પર પણ દેખાશે; સરનામું અને બ્રેડક્રમ્બ મુખ્ય વિભાગનાં જ રહેશે.',
  format: 'રજૂઆતનો પ્રકાર',
  password: 'વાચકો માટે પાસવર્ડ',
  passwordHint: 'ખાલી રાખો તો સૌ વાંચી શકે. પાસવર્ડ હોય તો લેખ, પ્રતિભાવ અને ફીડમાંનું લખાણ પાસવર્ડ લખ્યા પછી જ દેખાય.',
  commentsOpen: 'આ સમાચાર પર પ્રતિભાવ ખુલ્લા',
  // Revisions name the fields.
  fields: { secondarySectionIds: 'બીજા વિભાગો', format: 'રજૂઆતનો પ્રકાર', password: 'પાસવર્ડ', commentsOpen: 'પ્રતિભાવ ખુલ્લા' },
  // The reader page.
  formatBadge: (name: string) => `પ્રકાર: ${name}`,
  alsoIn: 'આ વિભાગોમાં પણ',
  protectedTitle: 'આ સમાચાર પાસવર્ડથી સુરક્ષિત છે',
  protectedIntro: 'વાંચવા માટે નીચે પાસવર્ડ લખો.',
  passwordLabel: 'પાસવર્ડ',
  passwordSubmit: 'ખોલો',
  passwordWrong: 'પાસવર્ડ ખોટો છે. ફરી લખી જુઓ.',
  passwordMissing: 'પાસવર્ડ લખો.',
  notProtected: 'આ સમાચાર પાસવર્ડથી સુરક્ષિત નથી અથવા મળ્યા નહીં.',
  backToStory: 'સમાચાર પર પાછા',
  /** What feeds, search and the API say in place of a protected story's text. */
  protectedSummary: 'આ સમાચાર પાસવર્ડથી સુરક્ષિત છે; વાંચવા માટે સાઇટ પર પાસવર્ડ લખો.',
  commentsClosedHere: 'આ સમાચાર પર પ્રતિભાવ બંધ છે.',
  replyHeading: (name: string) => `${name}ને જવાબ આપો`,
  editProblem: (p: ModelEditProblem) =>
    p.code === 'noFormat' ? `„${p.format}“ કોઈ રજૂઆતનો પ્રકાર નથી.` : `પાસવર્ડ વધુમાં વધુ ${p.max} અક્ષરનો હોઈ શકે.`,
};

/** What the editor may send wrong about these fields. */
export type ModelEditProblem = { code: 'noFormat'; format: string } | { code: 'passwordTooLong'; max: number };

export type WpModelMessages = typeof gu;

const en: WpModelMessages = {
  formats: {
    standard: 'Standard',
    video: 'Video',
    gallery: 'Gallery',
    audio: 'Audio',
    image: 'Image',
    quote: 'Quote',
    link: 'Link',
    aside: 'Aside',
    status: 'Status',
    chat: 'Chat',
  },
  otherSections: 'Other sections',
  otherSectionsHint: 'The story is listed on these sections’ pages too; its address and breadcrumb stay those of the main section.',
  format: 'Format',
  password: 'Password for readers',
  passwordHint: 'Leave empty for everyone to read. With a password, the story, its comments and its text in feeds show only once it is typed.',
  commentsOpen: 'Comments open on this story',
  fields: { secondarySectionIds: 'Other sections', format: 'Format', password: 'Password', commentsOpen: 'Comments open' },
  formatBadge: (name) => `Format: ${name}`,
  alsoIn: 'Also in',
  protectedTitle: 'This story is password protected',
  protectedIntro: 'Type the password below to read it.',
  passwordLabel: 'Password',
  passwordSubmit: 'Open',
  passwordWrong: 'That password is not right. Please try again.',
  passwordMissing: 'Type the password.',
  notProtected: 'This story is not password protected, or it was not found.',
  backToStory: 'Back to the story',
  protectedSummary: 'This story is password protected; type the password on the site to read it.',
  commentsClosedHere: 'Comments are closed on this story.',
  replyHeading: (name) => `Reply to ${name}`,
  editProblem: (p) => (p.code === 'noFormat' ? `"${p.format}" is not a format.` : `The password can be at most ${p.max} characters long.`),
};

export function wpModelMessages(locale: UiLocale): WpModelMessages {
  return locale === 'en' ? en : gu;
}
