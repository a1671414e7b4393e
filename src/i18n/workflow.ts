import type { ArticleStatus } from '../db/schema.js';
import { toGujaratiDigits } from '../gujarati/numerals.js';
import type { UiLocale } from './messages.js';
import { pagesMessages } from './pages.js';
import { wpModelMessages } from './wpModel.js';

/*
 * The workflow's words: why a story may not go out, why a step does not apply, what each step
 * did, and the editor's workflow controls. The domain raises the typed problems declared here;
 * the newsroom says them in the person's language.
 */

/** A pre-publish check that failed. `warning` problems may be confirmed by the person; the others block. */
export type PublishProblem =
  | { code: 'emptyHeadline' }
  | { code: 'noSection' }
  | { code: 'featuredAltMissing' }
  | { code: 'bodyAltMissing'; count: number }
  | { code: 'emptyBody' }
  | { code: 'headlineTooLong'; length: number; max: number };

/** Problems a person may publish over after saying so (a headline-only flash, a long headline). */
export const warningCodes: ReadonlySet<PublishProblem['code']> = new Set(['emptyBody', 'headlineTooLong']);

/** The workflow steps of the editor page. */
export type WorkflowStep =
  | 'submit'
  | 'publish'
  | 'schedule'
  | 'embargo'
  | 'unpublish'
  | 'archive'
  | 'draft'
  | 'correct'
  | 'update'
  | 'discard'
  | 'restore'
  | 'sendBack';

/** Why a workflow step was refused. */
export type WorkflowProblem =
  | { code: 'wrongState'; step: WorkflowStep; status: ArticleStatus }
  | { code: 'notInFuture'; step: 'schedule' | 'embargo' }
  | { code: 'badTime' }
  | { code: 'emptyNote'; step: 'correct' | 'sendBack' }
  | { code: 'noPendingChanges' }
  | { code: 'noRevision' }
  | { code: 'pinRefused'; articleId: number; reason: 'unknown' | 'notPublic' };

/** Why what the editor sent could not be saved: something it names is not there, or a field is missing. */
export type EditProblem =
  | { code: 'noArticle'; id: number }
  | { code: 'emptyHeadline' }
  | { code: 'noSection'; id: number }
  | { code: 'noImage'; id: number }
  | { code: 'noRevision'; version: number }
  | { code: 'pageNeedsTitle' }
  | { code: 'pageSlugReserved'; slug: string }
  | { code: 'storyNeedsHeadlineAndSection' }
  | { code: 'noFormat'; format: string }
  | { code: 'passwordTooLong'; max: number };

/** The fields of a story as a revision compares them. */
export type SnapshotField =
  | 'language'
  | 'headline'
  | 'dek'
  | 'bodyHtml'
  | 'slug'
  | 'sectionId'
  | 'authorIds'
  | 'tagIds'
  | 'featuredMediaId'
  | 'featuredCaption'
  | 'featuredAlt'
  | 'seoTitle'
  | 'seoDescription'
  | 'isBreaking'
  | 'updateNote'
  | 'secondarySectionIds'
  | 'format'
  | 'password'
  | 'commentsOpen';

const guNumber = (n: number) => toGujaratiDigits(String(n));

const guStatus: Record<ArticleStatus, string> = {
  draft: 'ડ્રાફ્ટ',
  submitted: 'સમીક્ષામાં',
  scheduled: 'નિર્ધારિત',
  embargoed: 'એમ્બાર્ગોમાં',
  published: 'પ્રકાશિત',
  unpublished: 'અપ્રકાશિત',
  archived: 'આર્કાઇવમાં',
};

const guStep: Record<WorkflowStep, string> = {
  submit: 'સમીક્ષા માટે મોકલવો',
  publish: 'પ્રકાશિત કરવો',
  schedule: 'સમય નક્કી કરવો',
  embargo: 'એમ્બાર્ગો મૂકવો',
  unpublish: 'અપ્રકાશિત કરવો',
  archive: 'આર્કાઇવ કરવો',
  draft: 'ડ્રાફ્ટમાં પાછો લાવવો',
  correct: 'સુધારો ઉમેરવો',
  update: 'અપડેટ કરવો',
  discard: 'ફેરફાર રદ કરવા',
  restore: 'જૂની આવૃત્તિ પાછી લાવવી',
  sendBack: 'લેખકને પાછો મોકલવો',
};

const gu = {
  editProblem: (p: EditProblem): string => {
    switch (p.code) {
      case 'noArticle':
        return `લેખ #${guNumber(p.id)} મળ્યો નહીં; કદાચ કાઢી નખાયો છે.`;
      case 'emptyHeadline':
        return 'શીર્ષક ખાલી ન રાખી શકાય.';
      case 'noSection':
        return `વિભાગ #${guNumber(p.id)} હવે નથી; બીજો વિભાગ પસંદ કરો.`;
      case 'noImage':
        return `મુખ્ય તસવીર #${guNumber(p.id)} હવે નથી (કાઢી નખાઈ હશે); બીજી તસવીર પસંદ કરો અથવા તસવીર હટાવો. બાકીના ફેરફાર સાચવવા માટે આ સુધારવું જરૂરી છે.`;
      case 'noRevision':
        return `આવૃત્તિ ${guNumber(p.version)} મળી નહીં.`;
      case 'pageNeedsTitle':
        return 'નવા પાનાને શીર્ષક જોઈએ.';
      case 'pageSlugReserved':
        return pagesMessages('gu').slugReserved(p.slug);
      case 'noFormat':
      case 'passwordTooLong':
        return wpModelMessages('gu').editProblem(p);
      case 'storyNeedsHeadlineAndSection':
        return 'નવા લેખને શીર્ષક અને વિભાગ જોઈએ.';
    }
  },
  publishProblem: (p: PublishProblem): string => {
    switch (p.code) {
      case 'emptyHeadline':
        return 'શીર્ષક ખાલી છે.';
      case 'noSection':
        return 'વિભાગ પસંદ કરો: વિભાગ વિના સમાચાર સાઇટ પર ક્યાંય દેખાય નહીં.';
      case 'featuredAltMissing':
        return 'મુખ્ય તસવીરનું વૈકલ્પિક લખાણ (alt) ખાલી છે: ન જોઈ શકતા વાચકો માટે તસવીરમાં શું છે તે લખો.';
      case 'bodyAltMissing':
        return p.count === 1
          ? 'લેખની ૧ તસવીરમાં વૈકલ્પિક લખાણ (alt) નથી.'
          : `લેખની ${guNumber(p.count)} તસવીરોમાં વૈકલ્પિક લખાણ (alt) નથી.`;
      case 'emptyBody':
        return 'લેખ ખાલી છે: ફક્ત શીર્ષકવાળો સમાચાર પ્રકાશિત થશે.';
      case 'headlineTooLong':
        return `શીર્ષક ${guNumber(p.length)} અક્ષરનું છે. ${guNumber(p.max)} અક્ષરથી લાંબું શીર્ષક Google, WhatsApp અને Telegramના પૂર્વદર્શનમાં કપાઈ જાય છે.`;
    }
  },
  blocked: (step: WorkflowStep, reasons: string[]) => `લેખ ${guStep[step]} શક્ય નથી: ${reasons.join(' ')}`,
  confirmWarnings: 'આ ચેતવણીઓ છતાં આગળ વધવું હોય તો ફરી ખાતરી કરો:',
  confirmAnyway: 'તો પણ પ્રકાશિત કરો',
  workflowProblem: (p: WorkflowProblem): string => {
    switch (p.code) {
      case 'wrongState':
        return `આ લેખ હાલ „${guStatus[p.status]}“ છે, એટલે તેને ${guStep[p.step]} શક્ય નથી.`;
      case 'notInFuture':
        return p.step === 'schedule' ? 'પ્રકાશનનો સમય ભવિષ્યનો હોવો જોઈએ.' : 'એમ્બાર્ગોનો સમય ભવિષ્યનો હોવો જોઈએ.';
      case 'badTime':
        return 'તારીખ અને સમય પૂરાં લખો (ભારતીય સમય).';
      case 'emptyNote':
        return p.step === 'correct' ? 'સુધારાની નોંધ લખો: વાચકો તે સમાચાર નીચે વાંચશે.' : 'લેખકને શું બદલવાનું છે તે નોંધમાં લખો.';
      case 'noPendingChanges':
        return 'આ લેખમાં અપ્રકાશિત ફેરફાર નથી.';
      case 'noRevision':
        return 'એ આવૃત્તિ મળી નહીં.';
      case 'pinRefused':
        return p.reason === 'unknown'
          ? `#${guNumber(p.articleId)} નંબરનો કોઈ સમાચાર નથી.`
          : `#${guNumber(p.articleId)} નંબરનો સમાચાર પ્રકાશિત નથી.`;
    }
  },
  /** What a step did, said after it. */
  done: {
    submit: 'સમીક્ષા માટે મોકલ્યું.',
    publish: 'પ્રકાશિત થયું.',
    schedule: (when: string) => `${when}એ પ્રકાશિત થશે.`,
    embargo: (when: string) => `એમ્બાર્ગો મુકાયો: ${when} પહેલાં જાહેર નહીં થાય.`,
    unpublish: 'અપ્રકાશિત કર્યું: વાચકો હવે આ લેખ જોઈ શકતા નથી.',
    archive: 'આર્કાઇવમાં મૂક્યું.',
    draft: 'ડ્રાફ્ટમાં પાછું મૂક્યું.',
    correct: 'સુધારો ઉમેરાયો અને સમાચાર પર દેખાય છે.',
    update: 'અપડેટ પ્રકાશિત થયું.',
    discard: 'ફેરફાર રદ કર્યા: પ્રકાશિત આવૃત્તિ જેમ હતી તેમ છે.',
    restore: (version: number) => `આવૃત્તિ ${guNumber(version)} પાછી લાવી.`,
    restorePending: (version: number) => `આવૃત્તિ ${guNumber(version)} અપ્રકાશિત ફેરફાર તરીકે પાછી લાવી: "અપડેટ કરો" દબાવો ત્યારે જ વાચકો તે જોશે.`,
    sendBack: 'નોંધ સાથે લેખકને પાછું મોકલ્યું.',
  },
  view: 'જુઓ',
  /** Field names in a revision diff and a conflict. */
  fields: {
    language: 'ભાષા',
    headline: 'શીર્ષક',
    dek: 'સાર',
    bodyHtml: 'લેખ',
    slug: 'URL સ્લગ',
    sectionId: 'વિભાગ',
    authorIds: 'લેખકો',
    tagIds: 'ટૅગ',
    featuredMediaId: 'મુખ્ય તસવીર',
    featuredCaption: 'તસવીરનું કૅપ્શન',
    featuredAlt: 'તસવીરનું વૈકલ્પિક લખાણ',
    seoTitle: 'SEO શીર્ષક',
    seoDescription: 'SEO વર્ણન',
    isBreaking: 'બ્રેકિંગ',
    updateNote: 'સુધારાની નોંધ',
    ...wpModelMessages('gu').fields,
  } satisfies Record<SnapshotField, string>,
  someone: 'બીજા કોઈ',
  yes: 'હા',
  no: 'ના',
  // The editor's workflow panel.
  preview: 'પૂર્વદર્શન',
  previewLink: 'પૂર્વદર્શનની લિંક (લૉગિન વિના, ૭ દિવસ ચાલશે)',
  copyLink: 'લિંક કૉપિ કરો',
  linkCopied: 'લિંક કૉપિ થઈ',
  socialCard: 'WhatsApp / Telegram પર આ રીતે દેખાશે',
  noImage: 'તસવીર નથી',
  wordCount: (words: number, minutes: number) =>
    `${guNumber(words)} શબ્દ · આશરે ${guNumber(minutes)} મિનિટનું વાંચન`,
  scheduleAt: 'ક્યારે પ્રકાશિત કરવું (IST)',
  embargoUntil: 'એમ્બાર્ગો ક્યાં સુધી (IST)',
  correctionNote: 'સુધારાની નોંધ (વાચકો સમાચાર નીચે વાંચશે)',
  sendBack: 'નોંધ સાથે લેખકને પાછું મોકલો',
  sendBackNote: 'લેખક માટે નોંધ: શું બદલવું?',
  sentBackBy: (name: string, when: string) => `${name}એ પાછું મોકલ્યું (${when} IST):`,
  confirmTitle: 'ખાતરી કરો',
  confirmUnpublish: 'આ સમાચાર સાઇટ પરથી હટી જશે; વાચકોને લિંક ખોલતાં „પાનું મળ્યું નહીં“ દેખાશે. અપ્રકાશિત કરવું છે?',
  confirmArchive: 'આ લેખ સાઇટ પરથી અને ન્યૂઝરૂમની યાદીઓમાંથી હટી જશે. આર્કાઇવ કરવો છે?',
  confirmDiscard: 'અપ્રકાશિત ફેરફાર કાયમ માટે રદ થશે. રદ કરવા છે?',
  confirmRestore: (version: number) => `આવૃત્તિ ${guNumber(version)} પાછી લાવવી છે? હાલનું લખાણ આવૃત્તિઓમાં સચવાયેલું રહેશે.`,
  confirmYes: 'હા, આગળ વધો',
  cancel: 'રહેવા દો',
  myDrafts: 'મારા ડ્રાફ્ટ',
  sentBackToMe: 'મને પાછા મોકલાયેલા',
  sentBackNote: 'તંત્રીની નોંધ',
  previewNotice: 'પૂર્વદર્શન: આ આવૃત્તિ હજી વાચકો માટે પ્રકાશિત નથી.',
  previewExpired: 'આ પૂર્વદર્શનની લિંકની મુદત પૂરી થઈ છે. ન્યૂઝરૂમમાંથી નવી લિંક લો.',
  previewInvalid: 'આ પૂર્વદર્શનની લિંક ખોટી છે કે અધૂરી કૉપિ થઈ છે.',
  previewGone: 'આ લેખ હવે પૂર્વદર્શન માટે ઉપલબ્ધ નથી.',
  previewTitle: 'પૂર્વદર્શન ઉપલબ્ધ નથી',
};

type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : T extends string ? string : { [K in keyof T]: Widen<T[K]> };
export type WorkflowMessages = { [K in keyof typeof gu]: Widen<(typeof gu)[K]> };

const enStatus: Record<ArticleStatus, string> = {
  draft: 'a draft',
  submitted: 'in review',
  scheduled: 'scheduled',
  embargoed: 'under embargo',
  published: 'published',
  unpublished: 'unpublished',
  archived: 'archived',
};

const enStep: Record<WorkflowStep, string> = {
  submit: 'submitted for review',
  publish: 'published',
  schedule: 'scheduled',
  embargo: 'embargoed',
  unpublish: 'unpublished',
  archive: 'archived',
  draft: 'returned to draft',
  correct: 'corrected',
  update: 'updated',
  discard: 'reverted to its published version',
  restore: 'restored',
  sendBack: 'sent back to the writer',
};

const en: WorkflowMessages = {
  editProblem: (p) => {
    switch (p.code) {
      case 'noArticle':
        return `Story #${p.id} was not found; it may have been deleted.`;
      case 'emptyHeadline':
        return 'The headline cannot be empty.';
      case 'noSection':
        return `Section #${p.id} no longer exists; choose another section.`;
      case 'noImage':
        return `Featured image #${p.id} no longer exists (it may have been deleted); choose another image or remove it. Your other changes are saved once this is fixed.`;
      case 'noRevision':
        return `Revision ${p.version} was not found.`;
      case 'pageNeedsTitle':
        return 'A new page needs a title.';
      case 'pageSlugReserved':
        return pagesMessages('en').slugReserved(p.slug);
      case 'noFormat':
      case 'passwordTooLong':
        return wpModelMessages('en').editProblem(p);
      case 'storyNeedsHeadlineAndSection':
        return 'A new story needs a headline and a section.';
    }
  },
  publishProblem: (p) => {
    switch (p.code) {
      case 'emptyHeadline':
        return 'The headline is empty.';
      case 'noSection':
        return 'Choose a section: a story without one appears nowhere on the site.';
      case 'featuredAltMissing':
        return 'The featured image has no alt text: say what it shows for readers who cannot see it.';
      case 'bodyAltMissing':
        return p.count === 1 ? '1 image in the story has no alt text.' : `${p.count} images in the story have no alt text.`;
      case 'emptyBody':
        return 'The story is empty: only the headline will be published.';
      case 'headlineTooLong':
        return `The headline is ${p.length} characters. Headlines over ${p.max} are cut short in Google, WhatsApp and Telegram previews.`;
    }
  },
  blocked: (step, reasons) => `The story cannot be ${enStep[step]}: ${reasons.join(' ')}`,
  confirmWarnings: 'To go ahead despite these warnings, confirm:',
  confirmAnyway: 'Publish anyway',
  workflowProblem: (p) => {
    switch (p.code) {
      case 'wrongState':
        return `This story is ${enStatus[p.status]}, so it cannot be ${enStep[p.step]}.`;
      case 'notInFuture':
        return p.step === 'schedule' ? 'The publishing time must be in the future.' : 'The embargo time must be in the future.';
      case 'badTime':
        return 'Give the full date and time (India time).';
      case 'emptyNote':
        return p.step === 'correct' ? 'Write the correction note: readers see it under the story.' : 'Write in the note what the writer should change.';
      case 'noPendingChanges':
        return 'This story has no unpublished changes.';
      case 'noRevision':
        return 'That revision was not found.';
      case 'pinRefused':
        return p.reason === 'unknown' ? `There is no story #${p.articleId}.` : `Story #${p.articleId} is not published.`;
    }
  },
  done: {
    submit: 'Submitted for review.',
    publish: 'Published.',
    schedule: (when) => `Will be published at ${when}.`,
    embargo: (when) => `Embargoed: not public before ${when}.`,
    unpublish: 'Unpublished: readers can no longer see this story.',
    archive: 'Archived.',
    draft: 'Returned to draft.',
    correct: 'Correction added; it shows on the story.',
    update: 'Update published.',
    discard: 'Changes discarded: the published version is as it was.',
    restore: (version) => `Revision ${version} restored.`,
    restorePending: (version) => `Revision ${version} restored as an unpublished change: readers see it only after "Update".`,
    sendBack: 'Sent back to the writer with your note.',
  },
  view: 'View',
  fields: {
    language: 'Language',
    headline: 'Headline',
    dek: 'Summary',
    bodyHtml: 'Story',
    slug: 'URL slug',
    sectionId: 'Section',
    authorIds: 'Authors',
    tagIds: 'Tags',
    featuredMediaId: 'Featured image',
    featuredCaption: 'Image caption',
    featuredAlt: 'Image alt text',
    seoTitle: 'SEO title',
    seoDescription: 'SEO description',
    isBreaking: 'Breaking',
    updateNote: 'Correction note',
    ...wpModelMessages('en').fields,
  },
  someone: 'Someone',
  yes: 'Yes',
  no: 'No',
  preview: 'Preview',
  previewLink: 'Preview link (no login needed, valid 7 days)',
  copyLink: 'Copy link',
  linkCopied: 'Link copied',
  socialCard: 'How WhatsApp / Telegram will show it',
  noImage: 'No image',
  wordCount: (words, minutes) => `${words} ${words === 1 ? 'word' : 'words'} · about ${minutes} min read`,
  scheduleAt: 'Publish at (IST)',
  embargoUntil: 'Embargo until (IST)',
  correctionNote: 'Correction note (readers see it under the story)',
  sendBack: 'Send back to the writer with a note',
  sendBackNote: 'Note for the writer: what should change?',
  sentBackBy: (name, when) => `${name} sent this back (${when} IST):`,
  confirmTitle: 'Please confirm',
  confirmUnpublish: 'The story will leave the site; readers opening its link will see "page not found". Unpublish it?',
  confirmArchive: 'The story will leave the site and the newsroom’s working lists. Archive it?',
  confirmDiscard: 'The unpublished changes will be thrown away for good. Discard them?',
  confirmRestore: (version) => `Restore revision ${version}? The current text stays in the revisions.`,
  confirmYes: 'Yes, go ahead',
  cancel: 'Cancel',
  myDrafts: 'My drafts',
  sentBackToMe: 'Sent back to me',
  sentBackNote: 'Editor’s note',
  previewNotice: 'Preview: this version is not yet published for readers.',
  previewExpired: 'This preview link has expired. Get a new one from the newsroom.',
  previewInvalid: 'This preview link is wrong or was copied incompletely.',
  previewGone: 'This story is no longer available for preview.',
  previewTitle: 'Preview not available',
};

export function workflowMessages(locale: UiLocale): WorkflowMessages {
  return locale === 'en' ? en : gu;
}
