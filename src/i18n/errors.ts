import type { UiLocale } from './messages.js';

/** Why a value in a request was not accepted: what the schema asked for, said in words. */
export type InputRule =
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'string' }
  | { kind: 'list' }
  | { kind: 'min'; limit: number }
  | { kind: 'max'; limit: number }
  | { kind: 'minLength'; limit: number }
  | { kind: 'maxLength'; limit: number }
  | { kind: 'maxItems'; limit: number }
  | { kind: 'oneOf'; values: string[] }
  | { kind: 'format'; format: string }
  | { kind: 'shape' };

/**
 * The answers every surface gives when a request cannot be served: not found, bad input,
 * signed out, refused, too large, too many, our own fault. Gujarati first; English has the
 * same keys. Parameter names and values stay as sent, so a developer can find them.
 */
const gu = {
  badRequestTitle: 'વિનંતી સમજાઈ નહીં',
  notFound: 'આ સરનામે કંઈ નથી.',
  noRoute: (method: string, path: string) => `${method} ${path}: આવો કોઈ API માર્ગ નથી.`,
  missing: (name: string) => `${name} આપવું જરૂરી છે.`,
  notAccepted: (name: string) => `${name} અહીં સ્વીકાર્ય નથી.`,
  invalid: (name: string, value: string, rule: InputRule) => `${name}: „${value}“ ચાલશે નહીં — ${guRule(rule)}.`,
  unreadableBody: 'વિનંતીનું લખાણ સમજાયું નહીં (ખોટું JSON અથવા ફોર્મ).',
  tooLarge: 'વિનંતી બહુ મોટી છે.',
  unsupportedType: 'આ પ્રકારનું લખાણ (Content-Type) અહીં સ્વીકાર્ય નથી.',
  rateLimited: 'થોડી જ વારમાં ઘણી વિનંતીઓ આવી છે. થોડી વાર પછી ફરી પ્રયત્ન કરો.',
  internal: 'અમારી બાજુએ ભૂલ થઈ છે. થોડી વાર પછી ફરી પ્રયત્ન કરો.',
  unavailable: 'સાઇટ થોડી ક્ષણો માટે ઉપલબ્ધ નથી. થોડી સેકન્ડ પછી ફરી પ્રયત્ન કરો.',
  signInFirst: 'પહેલાં પ્રવેશ કરો.',
  csrf: 'સુરક્ષા ટોકન ખૂટે છે અથવા ખોટો છે: પાનું ફરી ખોલીને પ્રયત્ન કરો.',
  forbidden: (action: string) => `તમારી ભૂમિકાને આ કરવાની પરવાનગી નથી (${action}).`,
  unknownSection: (slug: string) => `„${slug}“ નામનો કોઈ વિભાગ નથી.`,
  unknownTag: (slug: string) => `„${slug}“ નામનો કોઈ ટૅગ નથી.`,
  unknownAuthor: (slug: string) => `„${slug}“ નામના કોઈ લેખક નથી.`,
  noStory: (slug: string) => `„${slug}“ સ્લગવાળો કોઈ પ્રકાશિત સમાચાર નથી.`,
  noStoryId: (id: number) => `${id} નંબરનો કોઈ પ્રકાશિત સમાચાર નથી.`,
  badSearchDate: (name: string, value: string) => `${name}: „${value}“ તારીખ સમજાઈ નહીં (YYYY-MM-DD લખો).`,
  wp: {
    invalidId: 'અમાન્ય ID.',
    noTerm: 'આવો કોઈ શબ્દ (term) નથી.',
    invalidUserId: 'અમાન્ય વપરાશકર્તા ID.',
    noRoute: 'URL અને વિનંતીની રીતને મળતો કોઈ માર્ગ મળ્યો નહીં.',
    invalidParam: (names: string) => `અમાન્ય પરિમાણ: ${names}`,
    pageBeyond: 'માગેલો પાનાં નંબર ઉપલબ્ધ પાનાંની સંખ્યા કરતાં મોટો છે.',
  },
};

function guRule(r: InputRule): string {
  switch (r.kind) {
    case 'integer':
      return 'પૂર્ણ સંખ્યા જોઈએ';
    case 'number':
      return 'સંખ્યા જોઈએ';
    case 'boolean':
      return 'true અથવા false જોઈએ';
    case 'string':
      return 'લખાણ જોઈએ';
    case 'list':
      return 'યાદી જોઈએ';
    case 'min':
      return `ઓછામાં ઓછું ${r.limit} જોઈએ`;
    case 'max':
      return `વધુમાં વધુ ${r.limit} ચાલે`;
    case 'minLength':
      return `ઓછામાં ઓછા ${r.limit} અક્ષર જોઈએ`;
    case 'maxLength':
      return `વધુમાં વધુ ${r.limit} અક્ષર ચાલે`;
    case 'maxItems':
      return `વધુમાં વધુ ${r.limit} ચાલે`;
    case 'oneOf':
      return `આમાંથી એક જોઈએ: ${r.values.join(', ')}`;
    case 'format':
      return r.format === 'date-time' ? 'તારીખ-સમય જોઈએ (દા.ત. 2026-11-27T10:00:00Z)' : `${r.format} સ્વરૂપ જોઈએ`;
    case 'shape':
      return 'સ્વરૂપ ખોટું છે';
  }
}

export type ErrorMessages = typeof gu;

const en: ErrorMessages = {
  badRequestTitle: 'The request could not be understood',
  notFound: 'There is nothing at this address.',
  noRoute: (method, path) => `no API route ${method} ${path}`,
  missing: (name) => `${name} is required.`,
  notAccepted: (name) => `${name} is not accepted here.`,
  invalid: (name, value, rule) => `${name}: "${value}" is not valid — ${enRule(rule)}.`,
  unreadableBody: 'The request body could not be read (malformed JSON or form).',
  tooLarge: 'The request is too large.',
  unsupportedType: 'This kind of body (Content-Type) is not accepted here.',
  rateLimited: 'Too many requests in a short while. Try again in a little while.',
  internal: 'Something went wrong on our side. Try again in a little while.',
  unavailable: 'The site is unavailable for a moment. Try again in a few seconds.',
  signInFirst: 'Sign in first.',
  csrf: 'The security token is missing or wrong: reload the page and try again.',
  forbidden: (action) => `Your role is not allowed to do this (${action}).`,
  unknownSection: (slug) => `no section has the slug "${slug}"`,
  unknownTag: (slug) => `no tag has the slug "${slug}"`,
  unknownAuthor: (slug) => `no author has the slug "${slug}"`,
  noStory: (slug) => `no published article has the slug "${slug}"`,
  noStoryId: (id) => `no published article has the id ${id}`,
  badSearchDate: (name, value) => `${name}: "${value}" is not a date (YYYY-MM-DD)`,
  wp: {
    invalidId: 'Invalid ID.',
    noTerm: 'Term does not exist.',
    invalidUserId: 'Invalid user ID.',
    noRoute: 'No route was found matching the URL and request method.',
    invalidParam: (names) => `Invalid parameter(s): ${names}`,
    pageBeyond: 'The page number requested is larger than the number of pages available.',
  },
};

function enRule(r: InputRule): string {
  switch (r.kind) {
    case 'integer':
      return 'must be a whole number';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
    case 'string':
      return 'must be text';
    case 'list':
      return 'must be a list';
    case 'min':
      return `must be at least ${r.limit}`;
    case 'max':
      return `must be at most ${r.limit}`;
    case 'minLength':
      return `must be at least ${r.limit} characters`;
    case 'maxLength':
      return `must be at most ${r.limit} characters`;
    case 'maxItems':
      return `must have at most ${r.limit} items`;
    case 'oneOf':
      return `must be one of ${r.values.join(', ')}`;
    case 'format':
      return r.format === 'date-time' ? 'must be a date and time (e.g. 2026-11-27T10:00:00Z)' : `must be a ${r.format}`;
    case 'shape':
      return 'has the wrong form';
  }
}

export function errorMessages(locale: UiLocale): ErrorMessages {
  return locale === 'en' ? en : gu;
}

/** The first of the languages we have that an Accept-Language header asks for (by weight), if any. */
export function acceptedLocale(header: string | undefined): UiLocale | undefined {
  if (!header) return undefined;
  let best: { locale: UiLocale; q: number } | undefined;
  for (const part of header.slice(0, 200).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? '1');
    const primary = tag.split('-')[0];
    if ((primary === 'gu' || primary === 'en') && q > 0 && (!best || q > best.q)) best = { locale: primary, q };
  }
  return best?.locale;
}
