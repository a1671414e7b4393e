import type { UiLocale } from './messages.js';

/** Why a section or tag change was refused (newsroom/taxonomy.ts raises them, this file words them). */
export type TaxonomyProblem =
  | { code: 'nameEmpty' }
  | { code: 'tooLong'; field: string; max: number }
  | { code: 'slugTaken'; slug: string }
  | { code: 'slugReserved'; slug: string }
  | { code: 'notFound'; id: number }
  | { code: 'parentInvalid' }
  | { code: 'parentHasParent' }
  | { code: 'hasChildren'; count: number }
  | { code: 'notEmpty'; stories: number; children: number }
  | { code: 'mergeSame' };

const guStories = (n: number) => `${n} સમાચાર`;
const guChildren = (n: number) => (n === 1 ? '1 પેટાવિભાગ' : `${n} પેટાવિભાગો`);
const enStories = (n: number) => (n === 1 ? '1 story' : `${n} stories`);
const enChildren = (n: number) => (n === 1 ? '1 sub-section' : `${n} sub-sections`);

/** Site administration: settings, their history, sections and tags. Gujarati first; English has the same keys. */
const gu = {
  settings: 'સાઇટ સેટિંગ્સ',
  history: 'ફેરફારોનો ઇતિહાસ',
  sections: 'વિભાગો',
  tags: 'ટૅગ',
  save: 'સાચવો',
  saved: 'સેટિંગ્સ સચવાઈ. સાઇટનાં બધાં પાનાં હવે નવી સેટિંગ્સ બતાવે છે.',
  nothingChanged: 'કંઈ બદલાયું નથી.',
  fixErrors: (n: number) => (n === 1 ? 'એક ખાનામાં ભૂલ છે; નીચે જુઓ. લખેલું સચવાયું નથી પણ ખાનામાં રાખ્યું છે.' : `${n} ખાનાંમાં ભૂલ છે; નીચે જુઓ. લખેલું સચવાયું નથી પણ ખાનાંમાં રાખ્યું છે.`),
  groups: {
    images: 'લોગો અને આઇકન',
    imagesHelp: 'અપલોડ કરતાં જ સચવાય છે; મીડિયા સ્ટોરમાં જરૂરી માપ બને છે.',
    identity: 'ઓળખ',
    identityHelp: 'વાચકો દરેક પાને જુએ છે તે નામ અને ટૅગલાઇન.',
    language: 'ભાષા અને સમય',
    languageHelp: 'વાચકોનાં પાનાંની ભાષા, તારીખોનો સમય-વિસ્તાર અને અંકો.',
    social: 'અમને ફૉલો કરો',
    socialHelp: 'દરેક પાનાના અંતે દેખાતી સાઇટની પોતાની ચૅનલો. ખાલી રાખેલી ચૅનલ બતાવાતી નથી.',
    publishing: 'પ્રકાશન',
    publishingHelp: 'પ્રતિભાવ, અપલોડ, URL અને સાઇટનું જાહેર સરનામું.',
  },
  fields: {
    name: 'સાઇટનું નામ',
    tagline: 'ટૅગલાઇન',
    logo: 'લોગો',
    logoHelp: 'PNG, JPEG કે WebP; હેડર, ફીડ અને શોધ-એન્જિન માટે. ઓછામાં ઓછો 512 પિક્સેલ પહોળો સારો.',
    favicon: 'સાઇટ આઇકન (favicon)',
    faviconHelp: 'ચોરસ છબી, ઓછામાં ઓછી 512 × 512. બ્રાઉઝર ટૅબ અને ફોનની હોમ-સ્ક્રીન માટે 32, 180, 192, 512 પિક્સેલનાં માપ બને છે.',
    upload: 'નવી છબી અપલોડ કરો',
    current: 'હાલની',
    locale: 'વાચકોનાં પાનાંની ભાષા',
    localeGu: 'ગુજરાતી',
    localeEn: 'English',
    timeZone: 'સમય-વિસ્તાર',
    timeZoneHelp: 'IANA નામ, જેમ કે Asia/Kolkata.',
    digits: 'અંકો',
    digitsGujarati: 'ગુજરાતી (૧૨૩)',
    digitsAscii: 'અંગ્રેજી (123)',
    telegram: 'Telegram',
    whatsapp: 'WhatsApp ચૅનલ',
    instagram: 'Instagram',
    x: 'X',
    facebook: 'Facebook',
    youtube: 'YouTube',
    commentPolicy: 'પ્રતિભાવ',
    commentOpen: 'વાચકો પ્રતિભાવ લખી શકે (મૉડરેશન પાનાની સેટિંગ્સ પ્રમાણે)',
    commentClosed: 'નવા પ્રતિભાવ બંધ (મંજૂર થયેલા દેખાતા રહે)',
    maxUpload: 'અપલોડની મર્યાદા (MB)',
    slugStyle: 'નવા સમાચારના URL',
    slugAscii: 'વાંચી શકાય એવા અંગ્રેજી અક્ષરો (rajkot-ma-varsad)',
    slugNative: 'ગુજરાતી લિપિ (રાજકોટમાં-વરસાદ)',
    publicUrl: 'સાઇટનું જાહેર સરનામું',
    publicUrlHelp: 'જેમ કે https://khabar.example. ખાલી: સર્વરનું PUBLIC_URL.',
  },
  /** Per setting, what a valid value is (shown beside the field). */
  invalid: (key: string): string => {
    if (key.startsWith('social.')) return 'http:// કે https://થી શરૂ થતું પૂરું સરનામું લખો (Telegram માટે tg:, WhatsApp માટે whatsapp: પણ ચાલે).';
    switch (key) {
      case 'name':
        return 'સાઇટનું નામ ખાલી ન રાખી શકાય.';
      case 'timeZone':
        return 'આ સમય-વિસ્તાર ઓળખાયો નહીં; Asia/Kolkata જેવું IANA નામ લખો.';
      case 'maxUploadBytes':
        return 'અપલોડની મર્યાદા 0.1થી 200 MB વચ્ચે રાખો.';
      case 'publicUrl':
        return 'https://khabar.example જેવું ફક્ત સરનામું લખો (પાછળ પાથ, ? કે # નહીં).';
      case 'logoPath':
      case 'faviconPath':
        return 'છબી સાચવી શકાઈ નહીં.';
      default:
        return 'આ કિંમત સ્વીકાર્ય નથી.';
    }
  },
  /** A setting's name in the history. */
  settingName: (key: string): string =>
    key.startsWith('social.') ? `ચૅનલ: ${key.slice(7)}` : (
      ({
        name: 'સાઇટનું નામ', tagline: 'ટૅગલાઇન', locale: 'ભાષા', timeZone: 'સમય-વિસ્તાર', digits: 'અંકો', social: 'સોશિયલ ચૅનલો',
        logoPath: 'લોગો', faviconPath: 'આઇકન', pageSize: 'પાને સમાચાર', breakingBanner: 'બ્રેકિંગ પટ્ટી', maxUploadBytes: 'અપલોડ મર્યાદા',
        slugStyle: 'URLની શૈલી', publicUrl: 'જાહેર સરનામું', commentPolicy: 'પ્રતિભાવ',
        slug: 'સ્લગ', parent_id: 'મુખ્ય વિભાગ', position: 'ક્રમ', description: 'વર્ણન', seo_title: 'SEO શીર્ષક', seo_description: 'SEO વર્ણન',
        order: 'ક્રમ', mergedInto: 'આમાં ભેળવ્યો', stories: 'સમાચાર',
      }) as Record<string, string>
    )[key] ?? key,
  historyIntro: 'સેટિંગ્સ, વિભાગો અને ટૅગમાં થયેલા ફેરફારો: કોણે, ક્યારે, શું. ગુપ્ત કિંમતો ક્યારેય બતાવાતી નથી.',
  historyEmpty: 'હજી કોઈ ફેરફાર નોંધાયો નથી.',
  when: 'ક્યારે',
  who: 'કોણ',
  what: 'શું',
  change: 'ફેરફાર',
  cli: 'કમાન્ડ લાઇન',
  removedPerson: 'કાઢી નાખેલ વ્યક્તિ',
  empty: '(ખાલી)',
  actions: {
    'settings.update': 'સેટિંગ્સ બદલી',
    'section.create': 'વિભાગ બનાવ્યો',
    'section.update': 'વિભાગ બદલ્યો',
    'section.order': 'વિભાગોનો ક્રમ બદલ્યો',
    'section.merge': 'વિભાગ ભેળવ્યો',
    'section.delete': 'વિભાગ કાઢી નાખ્યો',
    'tag.create': 'ટૅગ બનાવ્યો',
    'tag.update': 'ટૅગ બદલ્યો',
    'tag.merge': 'ટૅગ ભેળવ્યો',
    'tag.delete': 'ટૅગ કાઢી નાખ્યો',
  } as Record<string, string>,
  // Sections and tags
  sectionsIntro: 'મેનુમાં દેખાતા વિભાગો, તેમનો ક્રમ અને પેટાવિભાગો. ખેંચીને કે ↑ ↓ બટનથી ક્રમ બદલો.',
  tagsIntro: 'સમાચારના ટૅગ: નામ, URL, વર્ણન અને SEO. બે ટૅગ ભેળવી શકાય; ખાલી ટૅગ કાઢી શકાય.',
  newSection: 'નવો વિભાગ',
  newTag: 'નવો ટૅગ',
  create: 'બનાવો',
  edit: 'બદલો',
  name: 'નામ',
  slug: 'URL સ્લગ',
  slugHelp: 'ખાલી: નામમાંથી બને. બદલશો તો જૂનું URL નવા પર મોકલશે (301).',
  parent: 'મુખ્ય વિભાગ',
  topLevel: '— મુખ્ય સ્તર —',
  description: 'વર્ણન',
  descriptionHelp: 'વિભાગના પાને અને તેની RSS/Atom ફીડમાં દેખાય છે.',
  descriptionHelpTag: 'ટૅગના પાને મથાળા નીચે દેખાય છે.',
  seoTitle: 'SEO શીર્ષક',
  seoDescription: 'SEO વર્ણન',
  seoHelp: 'શોધ-એન્જિન અને શેર કરેલી લિંકમાં; ખાલી: નામ અને વર્ણન વપરાય.',
  stories: guStories,
  children: guChildren,
  moveUp: (name: string) => `${name} ઉપર ખસેડો`,
  moveDown: (name: string) => `${name} નીચે ખસેડો`,
  dragHandle: (name: string) => `${name}ને ખેંચીને ક્રમ બદલો`,
  saveOrder: 'ક્રમ સાચવો',
  merge: 'ભેળવો',
  mergeInto: 'આમાં ભેળવો',
  mergeHelp: 'બધા સમાચાર લક્ષ્યમાં જશે અને જૂનું URL લક્ષ્ય પર મોકલશે (301).',
  mergeConfirm: (from: string, to: string) => `„${from}“ને „${to}“માં ભેળવવો છે? આ પાછું વાળી શકાતું નથી.`,
  chooseTarget: '— લક્ષ્ય પસંદ કરો —',
  delete: 'કાઢી નાખો',
  deleteConfirm: (name: string) => `„${name}“ કાઢી નાખવો છે?`,
  view: 'પાનું જુઓ',
  created: (name: string) => `„${name}“ બન્યો.`,
  updated: (name: string) => `„${name}“ સચવાયો.`,
  merged: (from: string, to: string, n: number) => `„${from}“ „${to}“માં ભેળવ્યો; ${guStories(n)} ખસેડ્યા.`,
  deleted: (name: string) => `„${name}“ કાઢી નાખ્યો.`,
  ordered: 'ક્રમ સચવાયો.',
  noTags: 'હજી કોઈ ટૅગ નથી.',
  problem: (p: TaxonomyProblem): string => {
    switch (p.code) {
      case 'nameEmpty':
        return 'નામ ખાલી ન રાખી શકાય.';
      case 'tooLong':
        return `ખૂબ લાંબું: વધુમાં વધુ ${p.max} અક્ષર.`;
      case 'slugTaken':
        return `„${p.slug}“ URL (કે આ નામ) બીજે વપરાય છે; બીજું લખો.`;
      case 'slugReserved':
        return `„${p.slug}“ સાઇટનો પોતાનો શબ્દ છે (જેમ કે search, tag); બીજો સ્લગ લખો.`;
      case 'notFound':
        return 'આ વિભાગ કે ટૅગ હવે નથી; પાનું ફરી ખોલો.';
      case 'parentInvalid':
        return 'આ મુખ્ય વિભાગ પસંદ કરી શકાય નહીં.';
      case 'parentHasParent':
        return 'પેટાવિભાગ નીચે બીજો પેટાવિભાગ ન મૂકી શકાય: એક જ સ્તર.';
      case 'hasChildren':
        return `આ વિભાગ નીચે ${guChildren(p.count)} છે, એટલે તેને બીજા નીચે ન મૂકી શકાય.`;
      case 'notEmpty':
        return p.children > 0
          ? `કાઢી શકાતો નથી: તેમાં ${guStories(p.stories)} અને ${guChildren(p.children)} છે. પહેલાં ભેળવો કે ખસેડો.`
          : `કાઢી શકાતો નથી: તેમાં ${guStories(p.stories)} છે. બીજામાં ભેળવો.`;
      case 'mergeSame':
        return 'પોતાનામાં જ ભેળવી ન શકાય; બીજું લક્ષ્ય પસંદ કરો.';
    }
  },
};

export type SiteAdminMessages = typeof gu;

const en: SiteAdminMessages = {
  settings: 'Site settings',
  history: 'Change history',
  sections: 'Sections',
  tags: 'Tags',
  save: 'Save',
  saved: 'Settings saved. Every page of the site shows them now.',
  nothingChanged: 'Nothing changed.',
  fixErrors: (n) => (n === 1 ? 'One field needs fixing; see below. Nothing was saved; what you typed is kept.' : `${n} fields need fixing; see below. Nothing was saved; what you typed is kept.`),
  groups: {
    images: 'Logo and icon',
    imagesHelp: 'Saved as soon as uploaded; the sizes needed are made in the media store.',
    identity: 'Identity',
    identityHelp: 'The name and tagline readers see on every page.',
    language: 'Language and time',
    languageHelp: 'The language of reader pages, the time zone of dates, and digits.',
    social: 'Follow us',
    socialHelp: 'The site’s own channels, shown at the foot of every page. Empty ones are not shown.',
    publishing: 'Publishing',
    publishingHelp: 'Comments, uploads, URLs and the site’s public address.',
  },
  fields: {
    name: 'Site name',
    tagline: 'Tagline',
    logo: 'Logo',
    logoHelp: 'PNG, JPEG or WebP, for the header, feeds and search engines. 512 pixels wide or more is best.',
    favicon: 'Site icon (favicon)',
    faviconHelp: 'A square image, 512 × 512 or larger. Sizes 32, 180, 192 and 512 are made for browser tabs and phone home screens.',
    upload: 'Upload a new image',
    current: 'Current',
    locale: 'Language of reader pages',
    localeGu: 'ગુજરાતી',
    localeEn: 'English',
    timeZone: 'Time zone',
    timeZoneHelp: 'An IANA name such as Asia/Kolkata.',
    digits: 'Digits',
    digitsGujarati: 'Gujarati (૧૨૩)',
    digitsAscii: 'Latin (123)',
    telegram: 'Telegram',
    whatsapp: 'WhatsApp channel',
    instagram: 'Instagram',
    x: 'X',
    facebook: 'Facebook',
    youtube: 'YouTube',
    commentPolicy: 'Comments',
    commentOpen: 'Readers may comment (held or published as the moderation page says)',
    commentClosed: 'New comments closed (approved ones stay shown)',
    maxUpload: 'Upload limit (MB)',
    slugStyle: 'URLs of new stories',
    slugAscii: 'Readable Latin letters (rajkot-ma-varsad)',
    slugNative: 'Gujarati script (રાજકોટમાં-વરસાદ)',
    publicUrl: 'Public address of the site',
    publicUrlHelp: 'For example https://khabar.example. Empty: the server’s PUBLIC_URL.',
  },
  invalid: (key) => {
    if (key.startsWith('social.')) return 'Type a whole address starting with http:// or https:// (tg: for Telegram and whatsapp: for WhatsApp work too).';
    switch (key) {
      case 'name':
        return 'The site name cannot be empty.';
      case 'timeZone':
        return 'This time zone is not known; type an IANA name such as Asia/Kolkata.';
      case 'maxUploadBytes':
        return 'Keep the upload limit between 0.1 and 200 MB.';
      case 'publicUrl':
        return 'Type only the address, like https://khabar.example (no path, ? or # after it).';
      case 'logoPath':
      case 'faviconPath':
        return 'The image could not be saved.';
      default:
        return 'This value is not accepted.';
    }
  },
  settingName: (key) =>
    key.startsWith('social.') ? `Channel: ${key.slice(7)}` : (
      ({
        name: 'Site name', tagline: 'Tagline', locale: 'Language', timeZone: 'Time zone', digits: 'Digits', social: 'Social channels',
        logoPath: 'Logo', faviconPath: 'Icon', pageSize: 'Stories per page', breakingBanner: 'Breaking banner', maxUploadBytes: 'Upload limit',
        slugStyle: 'URL style', publicUrl: 'Public address', commentPolicy: 'Comments',
        slug: 'Slug', parent_id: 'Parent section', position: 'Position', description: 'Description', seo_title: 'SEO title', seo_description: 'SEO description',
        order: 'Order', mergedInto: 'Merged into', stories: 'Stories',
      }) as Record<string, string>
    )[key] ?? key,
  historyIntro: 'Changes to settings, sections and tags: who, when, what. Secret values are never shown.',
  historyEmpty: 'No changes recorded yet.',
  when: 'When',
  who: 'Who',
  what: 'What',
  change: 'Change',
  cli: 'Command line',
  removedPerson: 'Removed person',
  empty: '(empty)',
  actions: {
    'settings.update': 'Changed settings',
    'section.create': 'Created a section',
    'section.update': 'Changed a section',
    'section.order': 'Reordered sections',
    'section.merge': 'Merged a section',
    'section.delete': 'Deleted a section',
    'tag.create': 'Created a tag',
    'tag.update': 'Changed a tag',
    'tag.merge': 'Merged a tag',
    'tag.delete': 'Deleted a tag',
  },
  sectionsIntro: 'The sections in the menu, their order and sub-sections. Drag, or use ↑ ↓, to reorder.',
  tagsIntro: 'Story tags: name, URL, description and SEO. Two tags can be merged; an unused tag can be deleted.',
  newSection: 'New section',
  newTag: 'New tag',
  create: 'Create',
  edit: 'Edit',
  name: 'Name',
  slug: 'URL slug',
  slugHelp: 'Empty: made from the name. Changing it sends the old URL to the new one (301).',
  parent: 'Parent section',
  topLevel: '— Top level —',
  description: 'Description',
  descriptionHelp: 'Shown on the section front and in its RSS/Atom feed.',
  descriptionHelpTag: 'Shown under the heading of the tag page.',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  seoHelp: 'For search engines and shared links; empty: the name and description are used.',
  stories: enStories,
  children: enChildren,
  moveUp: (name) => `Move ${name} up`,
  moveDown: (name) => `Move ${name} down`,
  dragHandle: (name) => `Drag ${name} to reorder`,
  saveOrder: 'Save order',
  merge: 'Merge',
  mergeInto: 'Merge into',
  mergeHelp: 'All stories move to the target and the old URL sends readers there (301).',
  mergeConfirm: (from, to) => `Merge “${from}” into “${to}”? This cannot be undone.`,
  chooseTarget: '— Choose a target —',
  delete: 'Delete',
  deleteConfirm: (name) => `Delete “${name}”?`,
  view: 'View page',
  created: (name) => `“${name}” created.`,
  updated: (name) => `“${name}” saved.`,
  merged: (from, to, n) => `“${from}” merged into “${to}”; ${enStories(n)} moved.`,
  deleted: (name) => `“${name}” deleted.`,
  ordered: 'Order saved.',
  noTags: 'No tags yet.',
  problem: (p) => {
    switch (p.code) {
      case 'nameEmpty':
        return 'The name cannot be empty.';
      case 'tooLong':
        return `Too long: at most ${p.max} characters.`;
      case 'slugTaken':
        return `“${p.slug}” (or this name) is already used; choose another.`;
      case 'slugReserved':
        return `“${p.slug}” is one of the site’s own words (such as search, tag); choose another slug.`;
      case 'notFound':
        return 'This section or tag is gone; reload the page.';
      case 'parentInvalid':
        return 'That parent cannot be chosen.';
      case 'parentHasParent':
        return 'A sub-section cannot hold another sub-section: one level only.';
      case 'hasChildren':
        return `This section has ${enChildren(p.count)}, so it cannot go under another.`;
      case 'notEmpty':
        return p.children > 0
          ? `Cannot delete: it has ${enStories(p.stories)} and ${enChildren(p.children)}. Merge or move them first.`
          : `Cannot delete: it has ${enStories(p.stories)}. Merge it into another instead.`;
      case 'mergeSame':
        return 'Cannot merge into itself; choose another target.';
    }
  },
};

export function siteAdminMessages(locale: UiLocale): SiteAdminMessages {
  return locale === 'en' ? en : gu;
}
