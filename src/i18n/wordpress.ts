import type { UiLocale } from './messages.js';

/**
 * What the WordPress-compatible API (`/wp-json`) says beyond the shared API errors: refusals
 * of drafts and the edit context, dates it cannot read, names of types, taxonomies and statuses.
 * Gujarati first; English has the same keys. Codes stay WordPress's; only the words are ours.
 */
const gu = {
  forbiddenStatus: 'આ સ્થિતિ (status) જોવાની પરવાનગી નથી: પ્રકાશિત ન થયેલા સમાચાર API પર દેખાતા નથી.',
  forbiddenContext: 'સંપાદન (context=edit) માટે આ API ખુલ્લો નથી; જોવા માટે context=view વાપરો.',
  invalidDate: (name: string) => `${name}: તારીખ-સમય સમજાયો નહીં (દા.ત. 2026-11-27T10:00:00 અથવા 2026-11-27T10:00:00+05:30).`,
  invalidStatus: (value: string) => `status: „${value}“ કોઈ સ્થિતિ નથી (publish, future, draft, pending, private, trash, any).`,
  invalidContext: (value: string) => `context: „${value}“ ચાલશે નહીં (view, embed અથવા edit).`,
  invalidCommentId: 'અમાન્ય પ્રતિભાવ ID.',
  noType: 'આવો કોઈ પ્રકાર (post type) નથી.',
  noTaxonomy: 'આવી કોઈ વર્ગીકરણ-પદ્ધતિ (taxonomy) નથી.',
  noStatus: 'આવી કોઈ સ્થિતિ (status) નથી.',
  searchType: (value: string) => `type: „${value}“ ચાલશે નહીં (post અથવા term).`,
  invalidCallback: '_jsonp: ફંક્શનનું નામ અમાન્ય છે (ફક્ત અક્ષરો, અંકો, _ અને .).',
  taxRelation: (value: string) => `tax_relation: „${value}“ ચાલશે નહીં (AND અથવા OR).`,
  typeNames: { post: 'સમાચાર', attachment: 'મીડિયા', category: 'વિભાગો', post_tag: 'ટૅગ', publish: 'પ્રકાશિત' },
};

export type WordPressMessages = typeof gu;

const en: WordPressMessages = {
  forbiddenStatus: 'Status is forbidden: unpublished stories are not shown through the API.',
  forbiddenContext: 'This API is not open for editing (context=edit); use context=view to read.',
  invalidDate: (name) => `${name} is not a valid date-time (e.g. 2026-11-27T10:00:00 or 2026-11-27T10:00:00+05:30).`,
  invalidStatus: (value) => `status: "${value}" is not a status (publish, future, draft, pending, private, trash, any).`,
  invalidContext: (value) => `context: "${value}" is not one of view, embed, edit.`,
  invalidCommentId: 'Invalid comment ID.',
  noType: 'Invalid post type.',
  noTaxonomy: 'Invalid taxonomy.',
  noStatus: 'Invalid status.',
  searchType: (value) => `type: "${value}" is not one of post, term.`,
  invalidCallback: '_jsonp: invalid JSONP callback function (letters, digits, _ and . only).',
  taxRelation: (value) => `tax_relation: "${value}" is not one of AND, OR.`,
  typeNames: { post: 'Posts', attachment: 'Media', category: 'Categories', post_tag: 'Tags', publish: 'Published' },
};

export function wordpressMessages(locale: UiLocale): WordPressMessages {
  return locale === 'en' ? en : gu;
}
