// Stories for the channel tests: Gujarati as newsrooms write it — conjuncts (ક્ષ, ત્ર, દ્ર), nukta
// (઼), ZWJ/ZWNJ, Gujarati digits, Latin words, and characters that are special in HTML.
import type { NetworkPolicy, StoryMessage } from '../../src/distribution/channels/types.js';

export const ZWJ = '\u200D';
export const ZWNJ = '\u200C';

/** Conjuncts, nukta (ફ઼), ZWJ and ZWNJ, Gujarati digits, Latin, and `<`, `>`, `&`, `"`. */
export const hardHeadline = `મુખ્યમંત્રીએ કહ્યું: "વિકાસ & <પ્રગતિ>" — ૧૨ જિલ્લામાં ₹૫૦૦ કરોડની GST રાહત, ક્ષ${ZWJ}ત્ર અને ર${ZWNJ}ફ઼ કેસ`;
export const hardDek = `રાષ્ટ્રીય સ્તરે ૨૦૨૪ની ચૂંટણી પહેલાં <b>નહીં</b> & "દ્રષ્ટિ" યોજના: AI આધારિત શ્રેષ્ઠ સેવા.`;

export function story(over: Partial<StoryMessage> = {}): StoryMessage {
  return {
    storyId: '42',
    kind: 'published',
    headline: hardHeadline,
    dek: hardDek,
    url: 'https://khabar.example/desh-videsh/mukhyamantri-rahat-42',
    imageUrl: 'https://khabar.example/media/42/card.jpg',
    sectionSlug: 'desh-videsh',
    sectionName: 'દેશ-વિદેશ',
    breaking: false,
    language: 'gu',
    ...over,
  };
}

/** Gujarati prose of about `n` UTF-16 units, words with conjuncts and vowel signs, spaced. */
export function longGujarati(n: number): string {
  const words = ['ક્ષેત્રમાં', 'શ્રેષ્ઠ', 'દ્રષ્ટિ', 'વિદ્યાર્થીઓને', 'ફ઼િલ્મ', `ક્ષ${ZWJ}ત્ર`, 'સ્ત્રી', 'હિન્દુ', '૨૦૨૪', 'GST'];
  let out = '';
  for (let i = 0; out.length < n; i++) out += (i ? ' ' : '') + words[i % words.length];
  return out;
}

/** Tests talk to servers on 127.0.0.1, which the guard refuses unless private addresses are allowed. */
export const local: NetworkPolicy = { allowPrivate: true, timeoutMs: 3000 };

/** A port that nothing listens on (bound, read, released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * True when `cut` (without its "…") is the original's first grapheme clusters and does not end
 * on a virama, ZWJ/ZWNJ or lone surrogate (none of the test words ends so).
 */
export function cleanCut(cut: string, original: string): boolean {
  const kept = cut.replace(/…$/, '');
  const seg = new Intl.Segmenter('gu', { granularity: 'grapheme' });
  const clusters = Array.from(seg.segment(original), (s) => s.segment);
  let joined = '';
  for (const c of clusters) {
    if (joined === kept) break;
    joined += c;
  }
  return joined === kept && !/[\u0ACD\u200C\u200D\uD800-\uDBFF]$/.test(kept);
}
