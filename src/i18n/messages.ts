import type { gu } from './gu.js';

type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : string;

/** The shape every language's strings must have: Gujarati's keys, with any text. */
export type Messages = { [K in keyof typeof gu]: Widen<(typeof gu)[K]> };

export type UiLocale = 'gu' | 'en';
