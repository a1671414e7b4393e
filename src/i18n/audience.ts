import type { UiLocale } from './messages.js';
import { wpModelMessages } from './wpModel.js';

/** Why a comment was refused; coded here so that every refusal has its sentence below. */
export type CommentProblem =
  | { code: 'honeypot' }
  | { code: 'nameMissing' }
  | { code: 'nameTooLong'; max: number }
  | { code: 'emailInvalid' }
  | { code: 'textMissing' }
  | { code: 'textTooLong'; max: number }
  | { code: 'tooManyLinks'; max: number; found: number }
  | { code: 'blocked'; word: string }
  | { code: 'duplicate' }
  | { code: 'articleMissing' }
  | { code: 'replyInvalid' }
  | { code: 'closed' }
  | { code: 'closedHere' }
  | { code: 'storyLocked' }
  | { code: 'threadTooDeep'; max: number };

/**
 * Strings of the audience features: the readers' comment form and its answers, the most-read
 * block, and the newsroom's moderation and analytics pages. Gujarati first; English has the same keys.
 */
const gu = {
  mostRead: 'સૌથી વધુ વંચાયેલા',
  commentsHeading: 'વાચકોના પ્રતિભાવ',
  noComments: 'હજી કોઈ પ્રતિભાવ નથી. પહેલો પ્રતિભાવ તમે આપો.',
  writeComment: 'તમારો પ્રતિભાવ લખો',
  replyTo: (name: string) => `${name}ને જવાબ`,
  reply: 'જવાબ આપો',
  siteReply: 'સાઇટનો જવાબ',
  name: 'નામ',
  email: 'ઈમેલ (વૈકલ્પિક, ક્યારેય બતાવાશે નહીં)',
  text: 'પ્રતિભાવ',
  honeypot: 'આ ખાનું ખાલી રાખો',
  send: 'મોકલો',
  moderationNote: 'પ્રતિભાવ સંપાદકની મંજૂરી પછી દેખાશે. માત્ર લખાણ: લિંક આપોઆપ બનશે, બીજું કંઈ નહીં.',
  commentedOn: 'પ્રતિભાવ આપ્યો',
  thanksPending: 'આભાર! તમારો પ્રતિભાવ મળ્યો છે અને સંપાદકની મંજૂરી પછી દેખાશે.',
  thanksPublished: 'આભાર! તમારો પ્રતિભાવ પ્રકાશિત થયો છે.',
  refusedTitle: 'પ્રતિભાવ મોકલી શકાયો નહીં',
  fixAndRetry: 'નીચે સુધારીને ફરી મોકલો.',
  backToArticle: 'સમાચાર પર પાછા જાઓ',
  rateLimited: (seconds: string) => `તમારા જોડાણ પરથી થોડી જ વારમાં ઘણા પ્રતિભાવ આવ્યા છે. ${seconds} સેકન્ડ પછી ફરી પ્રયત્ન કરો.`,
  badRequest: 'ફોર્મ અધૂરું પહોંચ્યું. પાનું ફરી ખોલીને પ્રયત્ન કરો.',
  problem: (p: CommentProblem): string => {
    switch (p.code) {
      case 'honeypot':
        return '“આ ખાનું ખાલી રાખો” ખાનું ભરાયેલું હતું, એટલે પ્રતિભાવ સ્વયંચાલિત (બોટ) ગણાયો. તે ખાનું ખાલી રાખી ફરી મોકલો.';
      case 'nameMissing':
        return 'નામ લખો.';
      case 'nameTooLong':
        return `નામ ${p.max} અક્ષરથી લાંબું ન હોવું જોઈએ.`;
      case 'emailInvalid':
        return 'ઈમેલ સરનામું સાચું નથી (ઉદાહરણ: nam@example.com), અથવા ખાનું ખાલી રાખો.';
      case 'textMissing':
        return 'પ્રતિભાવનું લખાણ ખાલી છે.';
      case 'textTooLong':
        return `પ્રતિભાવ ${p.max} અક્ષરથી લાંબો ન હોવો જોઈએ.`;
      case 'tooManyLinks':
        return `એક પ્રતિભાવમાં વધુમાં વધુ ${p.max} લિંક હોઈ શકે; આમાં ${p.found} છે.`;
      case 'blocked':
        return `પ્રતિભાવમાં “${p.word}” છે, જે આ સાઇટ સ્વીકારતી નથી.`;
      case 'duplicate':
        return 'આ જ લખાણ આ સમાચાર પર પહેલેથી મોકલાયું છે.';
      case 'articleMissing':
        return 'આ સમાચાર હવે ઉપલબ્ધ નથી, એટલે તેના પર પ્રતિભાવ આપી શકાતો નથી.';
      case 'replyInvalid':
        return 'જે પ્રતિભાવને જવાબ આપો છો તે મળ્યો નહીં.';
      case 'closedHere':
        return wpModelMessages('gu').commentsClosedHere;
      case 'storyLocked':
        return 'આ સમાચાર પાસવર્ડથી સુરક્ષિત છે: પ્રતિભાવ આપવા પહેલાં પાસવર્ડ લખીને સમાચાર ખોલો.';
      case 'threadTooDeep':
        return `આ ચર્ચા ${p.max} સ્તરથી ઊંડી જઈ શકતી નથી: ઉપરના પ્રતિભાવને જવાબ આપો.`;
      case 'closed':
        return 'આ સાઇટ પર હાલ નવા પ્રતિભાવ બંધ છે.';
    }
  },
};

const en: typeof gu = {
  mostRead: 'Most read',
  commentsHeading: "Readers' comments",
  noComments: 'No comments yet. Be the first.',
  writeComment: 'Write a comment',
  replyTo: (name) => `Reply to ${name}`,
  reply: 'Reply',
  siteReply: 'Reply from the site',
  name: 'Name',
  email: 'Email (optional, never shown)',
  text: 'Comment',
  honeypot: 'Leave this field empty',
  send: 'Send',
  moderationNote: 'Comments appear after an editor approves them. Plain text only: links are made automatically, nothing else.',
  commentedOn: 'commented',
  thanksPending: 'Thank you! Your comment was received and will appear once an editor approves it.',
  thanksPublished: 'Thank you! Your comment is published.',
  refusedTitle: 'Your comment could not be sent',
  fixAndRetry: 'Fix the form below and send it again.',
  backToArticle: 'Back to the story',
  rateLimited: (seconds) => `Too many comments from your connection in a short time. Try again in ${seconds} seconds.`,
  badRequest: 'The form arrived incomplete. Reload the page and try again.',
  problem: (p) => {
    switch (p.code) {
      case 'honeypot':
        return 'The “leave this field empty” field was filled in, so the comment looked automated. Leave it empty and send again.';
      case 'nameMissing':
        return 'Enter your name.';
      case 'nameTooLong':
        return `The name may be at most ${p.max} characters.`;
      case 'emailInvalid':
        return 'The email address is not valid (e.g. name@example.com); or leave it empty.';
      case 'textMissing':
        return 'The comment is empty.';
      case 'textTooLong':
        return `The comment may be at most ${p.max} characters.`;
      case 'tooManyLinks':
        return `A comment may hold at most ${p.max} links; this one has ${p.found}.`;
      case 'blocked':
        return `The comment contains “${p.word}”, which this site does not accept.`;
      case 'duplicate':
        return 'The same text was already sent on this story.';
      case 'articleMissing':
        return 'This story is no longer available, so it cannot be commented on.';
      case 'replyInvalid':
        return 'The comment you are replying to was not found.';
      case 'closedHere':
        return wpModelMessages('en').commentsClosedHere;
      case 'storyLocked':
        return 'This story is password protected: open it with its password before commenting.';
      case 'threadTooDeep':
        return `This thread cannot go deeper than ${p.max} levels: reply to the comment above instead.`;
      case 'closed':
        return 'New comments are closed on this site for now.';
    }
  },
};

export type AudienceMessages = typeof gu;

export function audienceMessages(locale: UiLocale): AudienceMessages {
  return locale === 'en' ? en : gu;
}

/** Newsroom: moderation and analytics. */
const nrGu = {
  comments: 'પ્રતિભાવ',
  analytics: 'વાંચન આંકડા',
  statuses: { pending: 'બાકી', approved: 'મંજૂર', rejected: 'નામંજૂર', spam: 'સ્પામ' },
  actions: { approve: 'મંજૂર કરો', reject: 'નામંજૂર કરો', spam: 'સ્પામ', delete: 'કાઢી નાખો' },
  selected: 'પસંદ કરેલા પર',
  apply: 'લાગુ કરો',
  select: 'પસંદ કરો',
  selectAll: 'બધા પસંદ કરો',
  author: 'લખનાર',
  article: 'સમાચાર',
  text: 'લખાણ',
  when: 'ક્યારે',
  isReply: 'જવાબ',
  empty: 'અહીં કોઈ પ્રતિભાવ નથી.',
  noneSelected: 'કોઈ પ્રતિભાવ પસંદ કર્યો નથી.',
  settings: 'પ્રતિભાવ સેટિંગ',
  autoApprove: 'બધી તપાસ પસાર કરે તેવા પ્રતિભાવ તરત પ્રકાશિત કરો',
  blocklist: 'પ્રતિબંધિત શબ્દો (દરેક લીટીમાં એક)',
  maxLinks: 'એક પ્રતિભાવમાં વધુમાં વધુ લિંક',
  settingsSaved: 'સેટિંગ સચવાયાં.',
  viewsPerDay: 'છેલ્લા 30 દિવસનું દૈનિક વાંચન',
  chartDesc: (total: string, max: string, from: string, to: string) => `${from} થી ${to}: કુલ ${total} વાંચન, એક દિવસમાં સૌથી વધુ ${max}.`,
  day: 'દિવસ',
  views: 'વાંચન',
  total: 'કુલ',
  top: { day: 'આજે સૌથી વધુ વંચાયેલા', week: 'આ અઠવાડિયે (7 દિવસ)', month: 'આ મહિને (30 દિવસ)' },
  bySection: 'વિભાગ પ્રમાણે (30 દિવસ)',
  byReferrer: 'ક્યાંથી આવ્યા (30 દિવસ, માત્ર ડોમેન)',
  section: 'વિભાગ',
  domain: 'ડોમેન',
  direct: 'સીધા / અજાણ્યું',
  allTime: 'કુલ (શરૂઆતથી)',
  csv: 'CSV ડાઉનલોડ (30 દિવસ, દરેક સમાચાર દરેક દિવસ)',
  articleChart: (headline: string) => `“${headline}”: છેલ્લા 30 દિવસ`,
  noData: 'હજી કોઈ આંકડા નથી.',
  dataTable: 'આંકડા કોષ્ટક',
};

const nrEn: typeof nrGu = {
  comments: 'Comments',
  analytics: 'Analytics',
  statuses: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected', spam: 'Spam' },
  actions: { approve: 'Approve', reject: 'Reject', spam: 'Spam', delete: 'Delete' },
  selected: 'With selected',
  apply: 'Apply',
  select: 'Select',
  selectAll: 'Select all',
  author: 'Author',
  article: 'Story',
  text: 'Text',
  when: 'When',
  isReply: 'reply',
  empty: 'No comments here.',
  noneSelected: 'No comment was selected.',
  settings: 'Comment settings',
  autoApprove: 'Publish comments that pass every check at once',
  blocklist: 'Blocked words (one per line)',
  maxLinks: 'Most links per comment',
  settingsSaved: 'Settings saved.',
  viewsPerDay: 'Views per day, last 30 days',
  chartDesc: (total, max, from, to) => `${from} to ${to}: ${total} views in all, at most ${max} in one day.`,
  day: 'Day',
  views: 'Views',
  total: 'Total',
  top: { day: 'Most read today', week: 'This week (7 days)', month: 'This month (30 days)' },
  bySection: 'By section (30 days)',
  byReferrer: 'Referrers (30 days, domain only)',
  section: 'Section',
  domain: 'Domain',
  direct: 'Direct / unknown',
  allTime: 'All time',
  csv: 'Download CSV (30 days, each story each day)',
  articleChart: (headline) => `“${headline}”: last 30 days`,
  noData: 'No figures yet.',
  dataTable: 'Data table',
};

export type AudienceNewsroomMessages = typeof nrGu;

export function audienceNewsroomMessages(lang: 'gu' | 'en'): AudienceNewsroomMessages {
  return lang === 'en' ? nrEn : nrGu;
}
