// Every refusal that reaches a person from the newsroom is worded from the i18n tables, in JSON
// answers too: account refusals (PeopleError, which the CLI words in English for operators) and
// upload refusals (UploadError) come in Gujarati, or in English for those who chose it. And no
// newsroom route puts an English sentence of its own into an answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { newsroomErrors } from '../../src/web/plugins/errors.js';
import { PeopleError, addPerson, changePassword } from '../../src/newsroom/people.js';
import { UploadError } from '../../src/media/upload.js';
import { openTestDatabase } from '../helpers/database.js';

const gujarati = /[\u0A80-\u0AFF]/;
/** Three Latin words in a row: an English sentence (names and codes come one or two at a time). */
const englishRun = /[A-Za-z]{2,}(?:[ ,.:;'’]+[A-Za-z]{2,}){2,}/;
/** Names of formats a Gujarati sentence may list. */
const withoutFormats = (s: string) => s.replace(/\b(JPEG|PNG|WebP|GIF|MB|pdf)\b/g, '');

test('PeopleError and UploadError reach JSON answers in the person’s language, never as their English message', async () => {
  const database = await openTestDatabase();
  const thrown: Error[] = [];
  const capture = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      thrown.push(err as Error);
    }
  };
  try {
    // The refusals as the domain really makes them.
    await capture(() => addPerson(database.db, { email: 'રાજેશ-વિના-ઍટ', name: 'રાજેશ', role: 'author', password: 'ગુજરાતી-પાસવર્ડ-2026' }));
    await capture(() => addPerson(database.db, { email: 'rajesh@example.com', name: '  ', role: 'author', password: 'ગુજરાતી-પાસવર્ડ-2026' }));
    await capture(() => addPerson(database.db, { email: 'rajesh@example.com', name: 'રાજેશ', role: 'author', password: 'ટૂંકો' }));
    const { person } = await addPerson(database.db, { email: 'rajesh@example.com', name: 'રાજેશ', role: 'author', password: 'ગુજરાતી-પાસવર્ડ-2026' });
    await capture(() => addPerson(database.db, { email: 'RAJESH@example.com', name: 'બીજો', role: 'author', password: 'ગુજરાતી-પાસવર્ડ-2026' }));
    await capture(() => changePassword(database.db, { personId: person.id, current: 'ખોટો-પાસવર્ડ-૧૨૩', next: 'નવો-પાસવર્ડ-૨૦૨૬', keepSessionId: '' }));
  } finally {
    await database.close();
  }
  assert.equal(thrown.length, 5);
  assert.ok(thrown.every((e) => e instanceof PeopleError && englishRun.test(e.message)), 'the CLI keeps its English wording');
  thrown.push(new UploadError('ભારે-ફોટો.jpg', { code: 'tooLarge', maxBytes: 10_000_000 }), new UploadError('', { code: 'noFile' }), new UploadError('નકશો.pdf', { code: 'format', format: 'pdf' }));

  const app = Fastify();
  newsroomErrors(app, (_request, reply, status, message) => reply.code(status).type('text/html').send(`<p>${message}</p>`));
  app.get<{ Params: { n: string } }>('/newsroom/api/fail/:n', async (request) => {
    throw thrown[Number(request.params.n)]!;
  });
  await app.ready();
  try {
    for (const [i, err] of thrown.entries()) {
      const worded: Record<string, string> = {};
      for (const lang of ['gu', 'en'] as const) {
        const res = await app.inject({ url: `/newsroom/api/fail/${i}`, headers: { 'accept-language': lang, accept: 'application/json' } });
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${err.name} ${i}: ${res.statusCode}`);
        const body = res.json<{ message: string }>();
        assert.notEqual(body.message, err.message, `${err.name} ${i} (${lang}) is worded, not passed on`);
        if (lang === 'gu') {
          assert.match(body.message, gujarati, `${err.name} ${i} in Gujarati: ${body.message}`);
          assert.doesNotMatch(withoutFormats(body.message), englishRun, `${err.name} ${i}: no English sentence in the Gujarati answer: ${body.message}`);
        }
        worded[lang] = body.message;
      }
      assert.notEqual(worded.en, worded.gu, `${err.name} ${i}: English for those who chose it`);
      assert.match(worded.en!, englishRun);
    }
  } finally {
    await app.close();
  }
});

/** Source files of the newsroom's routes and views. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

test('no newsroom route or view answers with an English sentence of its own (messages come from src/i18n)', () => {
  const problems: string[] = [];
  for (const file of sources(join('src', 'web', 'newsroom'))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      if (/^\s*(\/\/|\*|\/\*)/.test(line)) continue;
      // A literal given as what a person reads: a message, a notice's text, a page's title or a label.
      for (const m of line.matchAll(/\b(message|text|title|label|notice|error)\s*[:=]\s*(['"`])((?:(?!\2).)*)\2/g)) {
        if (englishRun.test(m[3]!)) problems.push(`${file}:${i + 1}: ${m[0]}`);
      }
      // Or sent as the whole answer.
      for (const m of line.matchAll(/\.send\(\s*(['"`])((?:(?!\1).)*)\1/g)) {
        if (englishRun.test(m[2]!)) problems.push(`${file}:${i + 1}: ${m[0]}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
