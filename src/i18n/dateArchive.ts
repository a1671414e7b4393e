import type { UiLocale } from './messages.js';

/** The date archive (`/archive/2026/11`), where WordPress's `/2026/11/` leads. */
const gu = {
  heading: (period: string) => `${period}ના સમાચાર`,
  description: (period: string) => `${period} દરમિયાન પ્રકાશિત થયેલા બધા સમાચાર`,
};

export type DateArchiveMessages = { [K in keyof typeof gu]: (period: string) => string };

const en: DateArchiveMessages = {
  heading: (period) => `News from ${period}`,
  description: (period) => `Every story published in ${period}`,
};

export function dateArchiveMessages(locale: UiLocale | 'gu' | 'en'): DateArchiveMessages {
  return locale === 'en' ? en : gu;
}
