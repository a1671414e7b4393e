// The Gujarati text layer: pure, synchronous functions, no I/O.
export * from './normalize.js';
export * from './tokenize.js';
export * from './stem.js';
export * from './romanize.js';
export * from './slugify.js';
export * from './numerals.js';
export * from './dates.js';
export * from './phonetic.js';
export * from './transliterate.js';
export * from './reading.js';
