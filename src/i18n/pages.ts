import type { UiLocale } from './messages.js';

/** Why a menu edit was refused (declared here, beside its sentences). */
export type MenuErrorReason = 'unknown_target' | 'bad_url' | 'unknown_item' | 'bad_order' | 'too_many';

/** Static pages and menus: the reader's footer and the newsroom's page and menu screens. Gujarati first; English has the same keys. */
const gu = {
  footerNav: 'સાઇટનાં પાનાં',
  newPage: 'નવું પાનું',
  pageKind: 'પાનું',
  storyKind: 'સમાચાર',
  kindAll: 'બધું',
  kindStories: 'સમાચાર',
  kindPages: 'પાનાં',
  kindFilter: 'પ્રકાર',
  pageAddress: 'પાનાનું સરનામું',
  pageNote: 'પાનું વિભાગ, તારીખ કે ટૅગ વગરનું હોય છે અને ફીડ કે તાજા સમાચારમાં આવતું નથી.',
  slugReserved: (slug: string) => `/${slug} સરનામું સાઇટના પોતાના ભાગ કે કોઈ વિભાગ માટે અનામત છે; બીજું સરનામું લખો.`,
  menus: 'મેનુ',
  menusIntro: 'વાચકોને દરેક પાને ઉપર (હેડર) અને નીચે (ફૂટર) દેખાતી લિંક.',
  menuTitle: (menu: 'header' | 'footer'): string => (menu === 'header' ? 'ઉપરનું મેનુ (હેડર)' : 'નીચેનું મેનુ (ફૂટર)'),
  menuEmpty: (menu: 'header' | 'footer'): string =>
    menu === 'header' ? 'કોઈ વસ્તુ નથી: વાચકોને વિભાગોનું મેનુ દેખાય છે.' : 'કોઈ વસ્તુ નથી: વાચકોને પ્રકાશિત પાનાંની યાદી દેખાય છે.',
  itemCount: (n: number, digits: (n: number) => string) => (n === 1 ? `${digits(1)} વસ્તુ` : `${digits(n)} વસ્તુઓ`),
  dragHint: 'ક્રમ બદલવા વસ્તુને ખેંચો, અથવા ↑ ↓ બટન વાપરો.',
  moveUp: (label: string) => `${label} ઉપર ખસેડો`,
  moveDown: (label: string) => `${label} નીચે ખસેડો`,
  remove: (label: string) => `${label} મેનુમાંથી કાઢો`,
  /** Said after an in-place move; `{label}` and `{n}` are filled in by the page script. */
  movedTemplate: '{label} હવે ક્રમ {n} પર (સચવાયું).',
  removeShort: 'કાઢો',
  addItem: 'મેનુમાં ઉમેરો',
  addTo: (menu: 'header' | 'footer'): string => (menu === 'header' ? 'ઉપરના મેનુમાં ઉમેરો' : 'નીચેના મેનુમાં ઉમેરો'),
  itemKind: { section: 'વિભાગ', page: 'પાનું', tag: 'ટૅગ', link: 'બહારની લિંક' },
  target: 'શેની લિંક',
  choose: '— પસંદ કરો —',
  label: 'લેબલ (ખાલી રાખો તો નામ જ દેખાશે)',
  url: 'બહારની લિંકનું સરનામું (https://…)',
  notPublic: 'પ્રકાશિત નથી: વાચકોને દેખાતું નથી',
  saved: 'મેનુ બદલાયું.',
  chooseTarget: 'વિભાગ, પાનું કે ટૅગ પસંદ કરો, અથવા બહારની લિંકનું સરનામું લખો.',
  menuError: (reason: MenuErrorReason): string => {
    switch (reason) {
      case 'unknown_target':
        return 'પસંદ કરેલો વિભાગ, પાનું કે ટૅગ મળ્યો નહીં.';
      case 'bad_url':
        return 'લિંક http:// કે https:// થી શરૂ થતું પૂરું સરનામું હોવું જોઈએ.';
      case 'unknown_item':
        return 'આ વસ્તુ હવે મેનુમાં નથી; પાનું ફરી ખોલો.';
      case 'bad_order':
        return 'ક્રમ દરમિયાન મેનુ બદલાયું છે; પાનું ફરી ખોલો.';
      case 'too_many':
        return 'એક મેનુમાં વધુમાં વધુ ૩૦ વસ્તુ રાખી શકાય.';
    }
  },
};

export type PagesMessages = typeof gu;

const en: PagesMessages = {
  footerNav: 'Site pages',
  newPage: 'New page',
  pageKind: 'Page',
  storyKind: 'Story',
  kindAll: 'All',
  kindStories: 'Stories',
  kindPages: 'Pages',
  kindFilter: 'Type',
  pageAddress: 'Page address',
  pageNote: 'A page has no section, date or tags and never appears in feeds or the latest news.',
  slugReserved: (slug) => `The address /${slug} is reserved for the site or a section; choose another.`,
  menus: 'Menus',
  menusIntro: 'The links readers see at the top (header) and bottom (footer) of every page.',
  menuTitle: (menu) => (menu === 'header' ? 'Header menu' : 'Footer menu'),
  menuEmpty: (menu) => (menu === 'header' ? 'No items: readers see the section menu.' : 'No items: readers see the list of published pages.'),
  itemCount: (n, digits) => (n === 1 ? `${digits(1)} item` : `${digits(n)} items`),
  dragHint: 'Drag an item to reorder it, or use the ↑ ↓ buttons.',
  moveUp: (label) => `Move ${label} up`,
  moveDown: (label) => `Move ${label} down`,
  remove: (label) => `Remove ${label} from the menu`,
  movedTemplate: '{label} is now number {n} (saved).',
  removeShort: 'Remove',
  addItem: 'Add to the menu',
  addTo: (menu) => (menu === 'header' ? 'Add to the header menu' : 'Add to the footer menu'),
  itemKind: { section: 'Section', page: 'Page', tag: 'Tag', link: 'External link' },
  target: 'Links to',
  choose: '— choose —',
  label: 'Label (leave empty to show the name)',
  url: 'External link address (https://…)',
  notPublic: 'Not published: readers do not see it',
  saved: 'Menu changed.',
  chooseTarget: 'Choose a section, page or tag, or type the address of an external link.',
  menuError: (reason) => {
    switch (reason) {
      case 'unknown_target':
        return 'The chosen section, page or tag was not found.';
      case 'bad_url':
        return 'A link must be a full address starting with http:// or https://.';
      case 'unknown_item':
        return 'That item is no longer in the menu; reload the page.';
      case 'bad_order':
        return 'The menu changed meanwhile; reload the page.';
      case 'too_many':
        return 'A menu holds at most 30 items.';
    }
  },
};

export function pagesMessages(locale: UiLocale): PagesMessages {
  return locale === 'en' ? en : gu;
}
