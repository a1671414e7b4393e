// Every catalogue of words in src/i18n has the same entries in Gujarati and English, none
// empty, functions taking the same arguments; and the Gujarati ones are Gujarati. The types
// already require the same keys where a catalogue is typed; this also catches an entry one
// language left blank or forgot to translate, and a catalogue added without a type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = join('src', 'i18n');
const gujaratiLetters = /[\u0A80-\u0AFF]/;

/** `[path, value]` for every leaf of a catalogue. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

/** The catalogue functions of a module: exported, named `…Messages`, taking a language. */
async function catalogues(): Promise<{ name: string; of: (lang: 'gu' | 'en') => unknown }[]> {
  const out: { name: string; of: (lang: 'gu' | 'en') => unknown }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn === 'function' && /Messages$/.test(name) && fn.length === 1) out.push({ name: `${file}:${name}`, of: fn as (lang: 'gu' | 'en') => unknown });
    }
  }
  return out;
}

/** Sample arguments: a Gujarati word, a number, a date, for functions that build a sentence. */
const sample = (arity: number) => Array.from({ length: arity }, (_, i) => (i % 2 === 0 ? 'ક્ષેત્ર' : 3));

test('each catalogue has the same entries in Gujarati and English, none empty', async () => {
  const found = await catalogues();
  assert.ok(found.length >= 15, `found ${found.length} catalogues in ${dir}`);
  const problems: string[] = [];
  for (const { name, of } of found) {
    const gu = new Map(leaves(of('gu')));
    const en = new Map(leaves(of('en')));
    for (const key of gu.keys()) if (!en.has(key)) problems.push(`${name}: ${key} has no English`);
    for (const key of en.keys()) if (!gu.has(key)) problems.push(`${name}: ${key} has no Gujarati`);
    for (const [key, g] of gu) {
      const e = en.get(key);
      if (typeof g !== typeof e) problems.push(`${name}: ${key} is a ${typeof g} in Gujarati, a ${typeof e} in English`);
      else if (typeof g === 'string' && (g.trim() === '' || (e as string).trim() === '')) problems.push(`${name}: ${key} is empty in one language`);
      else if (typeof g === 'function' && g.length !== (e as (...a: unknown[]) => unknown).length) problems.push(`${name}: ${key} takes ${g.length} argument(s) in Gujarati, ${(e as () => unknown).length} in English`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the Gujarati catalogues are Gujarati: most of their sentences are in Gujarati script', async () => {
  const problems: string[] = [];
  for (const { name, of } of await catalogues()) {
    let strings = 0;
    let gujarati = 0;
    for (const [, value] of leaves(of('gu'))) {
      let text: unknown = value;
      if (typeof value === 'function') {
        try {
          text = (value as (...a: unknown[]) => unknown)(...sample(value.length));
        } catch {
          // Functions over typed problem codes need their own inputs; the key check above covers them.
          continue;
        }
      }
      if (typeof text !== 'string' || text.length < 8) continue;
      strings++;
      if (gujaratiLetters.test(text)) gujarati++;
    }
    if (strings > 0 && gujarati / strings < 0.7) problems.push(`${name}: only ${gujarati} of ${strings} sentences are in Gujarati script`);
  }
  assert.deepEqual(problems, []);
});
