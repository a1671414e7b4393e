import type { UiLocale } from './messages.js';
import { workflowMessages, type PublishProblem } from './workflow.js';

/** Actions the article list applies to many stories at once (declared here, beside their sentences). */
export type DeskBulkAction = 'publish' | 'unpublish' | 'archive' | 'move' | 'tag';

/** Why one story of a bulk action was left as it was. */
export type DeskRefusal = { kind: 'notAllowed' } | { kind: 'missing' } | { kind: 'already' } | { kind: 'pendingChanges' } | { kind: 'blocked'; problems: PublishProblem[] };

/** Gujarati verbs agree with the count: singular for one, plural for more. */
const guVerb = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The newsroom's lists (stories, comments): paging, filters, bulk actions, moderation. */
const gu = {
  statusColumn: 'સ્થિતિ',
  dateColumn: 'તારીખ (IST)',
  changedFrom: 'ફેરફાર: તારીખથી',
  changedTo: 'તારીખ સુધી',
  applyFilters: 'શોધો',
  clearFilters: 'બધા ફિલ્ટર કાઢો',
  searchHint: 'મથાળું કે સાર: ગુજરાતી કે Latin (narmada)',
  found: (n: number) => (n === 1 ? '1 લેખ મળ્યો' : `${n} લેખ મળ્યા`),
  foundMore: (n: number) => `${n}થી વધુ લેખ મળ્યા`,
  pageOf: (page: number, pages: number, more: boolean) => `પાનું ${page} / ${pages}${more ? '+' : ''}`,
  pages: 'પાનાં',
  previous: '← આગળનું',
  next: 'પછીનું →',
  select: 'પસંદ કરો',
  selectAll: 'આ પાનાના બધા પસંદ કરો',
  withSelected: 'પસંદ કરેલા લેખ પર',
  bulkActions: { publish: 'પ્રકાશિત કરો', unpublish: 'સાઇટ પરથી હટાવો', archive: 'આર્કાઇવ કરો', move: 'વિભાગ બદલો', tag: 'ટૅગ ઉમેરો' } satisfies Record<DeskBulkAction, string>,
  toSection: 'નવો વિભાગ',
  tagName: 'ટૅગ',
  proceed: 'આગળ વધો…',
  noneSelected: 'કોઈ લેખ પસંદ કર્યો નથી: યાદીમાં ખાનાં પર ટિક કરો.',
  needSection: 'વિભાગ બદલવા નવો વિભાગ પસંદ કરો.',
  needTag: 'ઉમેરવાનો ટૅગ લખો.',
  confirmTitle: 'ખાતરી કરો',
  confirmQuestion: (action: DeskBulkAction, n: number, target: string) => {
    const stories = n === 1 ? 'આ 1 લેખ' : `આ ${n} લેખ`;
    switch (action) {
      case 'publish':
        return `${stories} હમણાં જ વાચકો માટે પ્રકાશિત કરવા છે?`;
      case 'unpublish':
        return `${stories} સાઇટ પરથી હટાવવા છે? તેમની લિંક ફરી પ્રકાશન સુધી બંધ રહેશે.`;
      case 'archive':
        return `${stories} આર્કાઇવ કરવા છે? તે સાઇટ પરથી અને કામની યાદીઓમાંથી હટશે.`;
      case 'move':
        return `${stories} “${target}” વિભાગમાં ખસેડવા છે? પ્રકાશિત લેખોની લિંક બદલાશે.`;
      case 'tag':
        return `${stories}માં “${target}” ટૅગ ઉમેરવો છે?`;
    }
  },
  confirmButton: (action: DeskBulkAction, n: number) => {
    const count = n === 1 ? '1 લેખ' : `${n} લેખ`;
    return `હા, ${count}: ${gu.bulkActions[action]}`;
  },
  cancel: 'ના, પાછા જાઓ',
  done: (action: DeskBulkAction, n: number) => {
    switch (action) {
      case 'publish':
        return guVerb(n, 'લેખ પ્રકાશિત થયો', 'લેખ પ્રકાશિત થયા');
      case 'unpublish':
        return guVerb(n, 'લેખ સાઇટ પરથી હટાવાયો', 'લેખ સાઇટ પરથી હટાવાયા');
      case 'archive':
        return guVerb(n, 'લેખ આર્કાઇવ થયો', 'લેખ આર્કાઇવ થયા');
      case 'move':
        return guVerb(n, 'લેખનો વિભાગ બદલાયો', 'લેખના વિભાગ બદલાયા');
      case 'tag':
        return guVerb(n, 'લેખમાં ટૅગ ઉમેરાયો', 'લેખમાં ટૅગ ઉમેરાયો');
    }
  },
  notDone: (n: number) => (n === 1 ? '1 ન થયો' : `${n} ન થયા`),
  refusal: (r: DeskRefusal) => {
    switch (r.kind) {
      case 'notAllowed':
        return 'તમને આ લેખ માટે આ કરવાની પરવાનગી નથી';
      case 'missing':
        return 'લેખ મળ્યો નહીં (કાઢી નખાયો હશે)';
      case 'already':
        return 'પહેલેથી જ એમ છે';
      case 'pendingChanges':
        return 'આ લેખમાં અપ્રકાશિત ફેરફાર બાકી છે: એડિટરમાં ખોલીને “અપડેટ” કે રદ કરો, પછી ફરી પ્રયત્ન કરો';
      case 'blocked':
        return `પ્રકાશન પહેલાંની તપાસ પાસ ન થઈ: ${r.problems.map(workflowMessages('gu').publishProblem).join('; ')}`;
    }
  },
  untitled: '(મથાળું નથી)',
  backToList: '← લેખોની યાદીમાં પાછા',
  // moderation
  commentsChanged: (n: number) => (n === 1 ? '1 પ્રતિભાવ બદલાયો.' : `${n} પ્રતિભાવ બદલાયા.`),
  approve: 'મંજૂર કરો',
  confirmSpam: 'આ પ્રતિભાવ સ્પામ ગણવો છે?',
  confirmDelete: 'આ પ્રતિભાવ કાયમ માટે કાઢી નાખવો છે? પાછો નહીં મળે.',
  confirmBulk: 'પસંદ કરેલા પ્રતિભાવ પર આ કરવું છે?',
  reply: 'સાઇટ તરફથી જવાબ',
  replyLabel: (site: string) => `${site} તરફથી જવાબ`,
  sendReply: 'જવાબ પ્રકાશિત કરો',
  replied: 'જવાબ પ્રકાશિત થયો.',
  replyEmpty: 'જવાબ ખાલી છે: કંઈક લખો.',
  replyTooLong: (max: number) => `જવાબ ${max} અક્ષરથી લાંબો ન હોવો જોઈએ.`,
  siteReplyBadge: 'સાઇટનો જવાબ',
  shortcuts: 'કીબોર્ડ શૉર્ટકટ',
  shortcutList: [
    ['j', 'નીચેનો પ્રતિભાવ'],
    ['k', 'ઉપરનો પ્રતિભાવ'],
    ['a', 'મંજૂર કરો'],
    ['s', 'સ્પામ (ખાતરી પૂછીને)'],
    ['x', 'પસંદ કરો / પસંદગી કાઢો'],
  ] as [string, string][],
};

export type DeskMessages = typeof gu;

const enVerb = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en: DeskMessages = {
  statusColumn: 'Status',
  dateColumn: 'Date (IST)',
  changedFrom: 'Changed from',
  changedTo: 'to',
  applyFilters: 'Search',
  clearFilters: 'Clear filters',
  searchHint: 'Headline or summary: Gujarati or Latin (narmada)',
  found: (n) => enVerb(n, 'story found', 'stories found'),
  foundMore: (n) => `More than ${n} stories found`,
  pageOf: (page, pages, more) => `Page ${page} of ${pages}${more ? '+' : ''}`,
  pages: 'Pages',
  previous: '← Previous',
  next: 'Next →',
  select: 'Select',
  selectAll: 'Select all on this page',
  withSelected: 'With the selected stories',
  bulkActions: { publish: 'Publish', unpublish: 'Unpublish', archive: 'Archive', move: 'Move to section', tag: 'Add tag' },
  toSection: 'New section',
  tagName: 'Tag',
  proceed: 'Continue…',
  noneSelected: 'No story was selected: tick the boxes in the list.',
  needSection: 'Choose the section to move them to.',
  needTag: 'Type the tag to add.',
  confirmTitle: 'Please confirm',
  confirmQuestion: (action, n, target) => {
    const stories = n === 1 ? 'this story' : `these ${n} stories`;
    switch (action) {
      case 'publish':
        return `Publish ${stories} to readers now?`;
      case 'unpublish':
        return `Take ${stories} off the site? Their links stay closed until they are published again.`;
      case 'archive':
        return `Archive ${stories}? They leave the site and the working lists.`;
      case 'move':
        return `Move ${stories} to “${target}”? Links of published stories change.`;
      case 'tag':
        return `Add the tag “${target}” to ${stories}?`;
    }
  },
  confirmButton: (action, n) => `Yes, ${en.bulkActions[action].toLowerCase()} ${n === 1 ? '1 story' : `${n} stories`}`,
  cancel: 'No, go back',
  done: (action, n) => {
    switch (action) {
      case 'publish':
        return enVerb(n, 'story published', 'stories published');
      case 'unpublish':
        return enVerb(n, 'story unpublished', 'stories unpublished');
      case 'archive':
        return enVerb(n, 'story archived', 'stories archived');
      case 'move':
        return enVerb(n, 'story moved', 'stories moved');
      case 'tag':
        return enVerb(n, 'story tagged', 'stories tagged');
    }
  },
  notDone: (n) => `${n} not`,
  refusal: (r) => {
    switch (r.kind) {
      case 'notAllowed':
        return 'you may not do this to this story';
      case 'missing':
        return 'story not found (it may have been deleted)';
      case 'already':
        return 'already so';
      case 'pendingChanges':
        return 'it has unpublished changes waiting: Update or discard them in the editor, then try again';
      case 'blocked':
        return `the pre-publish checks failed: ${r.problems.map(workflowMessages('en').publishProblem).join('; ')}`;
    }
  },
  untitled: '(no headline)',
  backToList: '← Back to the story list',
  commentsChanged: (n) => enVerb(n, 'comment changed.', 'comments changed.'),
  approve: 'Approve',
  confirmSpam: 'Mark this comment as spam?',
  confirmDelete: 'Delete this comment for good? It cannot be brought back.',
  confirmBulk: 'Do this to the selected comments?',
  reply: 'Reply as the site',
  replyLabel: (site) => `Reply from ${site}`,
  sendReply: 'Publish reply',
  replied: 'Reply published.',
  replyEmpty: 'The reply is empty: write something.',
  replyTooLong: (max) => `The reply may be at most ${max} characters.`,
  siteReplyBadge: 'The site’s reply',
  shortcuts: 'Keyboard shortcuts',
  shortcutList: [
    ['j', 'next comment'],
    ['k', 'previous comment'],
    ['a', 'approve'],
    ['s', 'spam (asks first)'],
    ['x', 'select / unselect'],
  ],
};

export function deskMessages(locale: UiLocale | 'gu' | 'en'): DeskMessages {
  return locale === 'en' ? en : gu;
}
