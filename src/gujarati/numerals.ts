// Gujarati digits ૦–૯ sit at U+0AE6..U+0AEF, in the same order as ASCII 0–9.
const GU_ZERO = 0x0ae6;

/** ASCII digits → Gujarati digits; other characters unchanged. */
export function toGujaratiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(GU_ZERO + d.charCodeAt(0) - 48));
}

/** Gujarati digits → ASCII digits (so `Number()` can parse them); other characters unchanged. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0AE6-\u0AEF]/g, (d) => String.fromCharCode(48 + d.charCodeAt(0) - GU_ZERO));
}

export type DigitStyle = 'gujarati' | 'ascii';

const indianGrouping = new Intl.NumberFormat('en-IN');

/** A count with Indian grouping (1,23,456), in the chosen digits. */
export function formatCount(n: number, digits: DigitStyle): string {
  const grouped = indianGrouping.format(n);
  return digits === 'gujarati' ? toGujaratiDigits(grouped) : grouped;
}
