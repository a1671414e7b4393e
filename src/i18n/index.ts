import { gu } from './gu.js';
import { en } from './en.js';

import type { Messages, UiLocale } from './messages.js';

export type { Messages, UiLocale };

const catalogs: Record<UiLocale, Messages> = { gu, en };

export function messages(locale: UiLocale): Messages {
  return catalogs[locale];
}

/** BCP 47 tag for Intl and `<html lang>`. */
export function intlLocale(locale: UiLocale): string {
  return locale === 'gu' ? 'gu-IN' : 'en-IN';
}
