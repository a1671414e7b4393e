import { gu } from './gu.js';
import { en } from './en.js';

type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : string;

/** The shape every language's strings must have: Gujarati's keys, with any text. */
export type Messages = { [K in keyof typeof gu]: Widen<(typeof gu)[K]> };

export type UiLocale = 'gu' | 'en';

const catalogs: Record<UiLocale, Messages> = { gu, en };

export function messages(locale: UiLocale): Messages {
  return catalogs[locale];
}

/** BCP 47 tag for Intl and `<html lang>`. */
export function intlLocale(locale: UiLocale): string {
  return locale === 'gu' ? 'gu-IN' : 'en-IN';
}
