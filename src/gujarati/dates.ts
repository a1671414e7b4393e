import { toGujaratiDigits, type DigitStyle } from './numerals.js';

export interface DateFormatOptions {
  /** BCP 47 locale of the UI, e.g. `gu-IN` or `en-IN`. */
  locale: string;
  /** IANA time zone of the site, e.g. `Asia/Kolkata`. */
  timeZone: string;
  digits: DigitStyle;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

function digits(text: string, style: DigitStyle): string {
  return style === 'gujarati' ? toGujaratiDigits(text) : text;
}

/** "27 નવેમ્બર, 2026, 09:15 PM" style date and time in the site's zone. */
export function formatDateTime(date: Date, o: DateFormatOptions): string {
  const f = formatter(`dt|${o.locale}|${o.timeZone}`, () =>
    new Intl.DateTimeFormat(o.locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: true,
      timeZone: o.timeZone,
    }),
  );
  return digits(f.format(date), o.digits);
}

/** Date only: "27 નવેમ્બર, 2026". */
export function formatDate(date: Date, o: DateFormatOptions): string {
  const f = formatter(`d|${o.locale}|${o.timeZone}`, () =>
    new Intl.DateTimeFormat(o.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: o.timeZone }),
  );
  return digits(f.format(date), o.digits);
}

/** A year, a month or a day as a reader names it: "2026", "નવેમ્બર 2026", "10 નવેમ્બર, 2026". */
export function formatPeriod(date: Date, precision: 'year' | 'month' | 'day', o: DateFormatOptions): string {
  const f = formatter(`p${precision}|${o.locale}|${o.timeZone}`, () =>
    new Intl.DateTimeFormat(o.locale, {
      year: 'numeric',
      ...(precision !== 'year' && { month: 'long' }),
      ...(precision === 'day' && { day: 'numeric' }),
      timeZone: o.timeZone,
    }),
  );
  return digits(f.format(date), o.digits);
}

/**
 * The instant a wall-clock time in `timeZone` names (`2026-11-10 00:00` in Asia/Kolkata is
 * 18:30 UTC the day before). Zones move their offset at most twice a year, so one correction
 * from the offset at the guessed instant is enough.
 */
export function zonedInstant(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  const f = formatter(`z|${timeZone}`, () =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
  );
  const p = Object.fromEntries(f.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
  const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return new Date(guess - (shown - guess));
}

/** Short zone label shown after times, e.g. "IST" for Asia/Kolkata. */
export function zoneLabel(timeZone: string): string {
  const part = formatter(`zone|${timeZone}`, () => new Intl.DateTimeFormat('en-IN', { timeZone, timeZoneName: 'short' }))
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value === 'GMT+5:30' ? 'IST' : (part?.value ?? timeZone);
}

/** ISO 8601 with the site's offset, for `<time datetime>` and JSON-LD. */
export function isoWithOffset(date: Date, timeZone: string): string {
  // Made once per zone: building an Intl.DateTimeFormat costs far more than formatting with one.
  const parts = formatter(`iso|${timeZone}`, () =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    }),
  ).formatToParts(date);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}
