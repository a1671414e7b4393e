// The editor's JSON limit matches its schema (issue 18, finding 13): a long Gujarati story
// within the 2,000,000-character limit is saved, not refused with 413 for its bytes; a body over
// the limit, or an edit naming a deleted image, is refused with a message in the person's
// language that says what to do.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, signIn, type Session } from '../helpers/newsroom.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

describe(`long stories through the editor's JSON (${testDialect})`, () => {
  let site: TestSite;
  let editor: Session;
  let sectionId = 0;
  // 3 bytes a character in UTF-8: ~1.6 MB of JSON for ~540,000 characters, over Fastify's 1 MiB default.
  const paragraph = '<p>નર્મદા ડૅમના ૨૩ દરવાજા ખોલાયા; ક્ષેત્રીય તંત્ર સતર્ક, ર્\u200dય ક\u200cષ. Narmada dam.</p>';
  const longBody = paragraph.repeat(Math.floor(540_000 / paragraph.length));

  before(async () => {
    site = await startTestSite();
    editor = await signIn(site, 'editor');
    sectionId = (await site.database.db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  after(async () => site?.close());

  test('a 1.6 MB Gujarati body is created and saved whole', async () => {
    assert.ok(Buffer.byteLength(JSON.stringify({ bodyHtml: longBody })) > 1024 * 1024);
    const created = await api(site, editor, 'POST', '/newsroom/api/articles', { headline: 'લાંબો અહેવાલ', sectionId, bodyHtml: longBody });
    assert.equal(created.status, 200, await created.clone().text());
    const { id, version } = (await created.json()) as { id: number; version: number };
    const saved = await api(site, editor, 'PUT', `/newsroom/api/articles/${id}`, { version, edit: { bodyHtml: `${longBody}${paragraph}` } });
    assert.equal(saved.status, 200, await saved.clone().text());
    const row = await site.database.db.selectFrom('articles').select('body_html').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.body_html.split('નર્મદા ડૅમના').length - 1, longBody.split('નર્મદા ડૅમના').length, 'every paragraph kept');
  });

  test('an edit naming an image that was deleted: 400 saying which and what to do, in Gujarati; the fix saves', async () => {
    const created = await api(site, editor, 'POST', '/newsroom/api/articles', { headline: 'તસવીર વિનાનો અહેવાલ', sectionId, bodyHtml: '<p>ક્ષેત્રનો અહેવાલ.</p>' });
    const { id, version } = (await created.json()) as { id: number; version: number };
    const refused = await api(site, editor, 'PUT', `/newsroom/api/articles/${id}`, { version, edit: { featuredMediaId: 9999, dek: 'નવો સાર' } });
    assert.equal(refused.status, 400);
    const body = (await refused.json()) as { message: string; problem: { code: string; id: number } };
    assert.deepEqual(body.problem, { code: 'noImage', id: 9999 });
    assert.match(body.message, /૯૯૯૯/);
    assert.match(body.message, /બીજી તસવીર/);
    const fixed = await api(site, editor, 'PUT', `/newsroom/api/articles/${id}`, { version, edit: { featuredMediaId: null, dek: 'નવો સાર' } });
    assert.equal(fixed.status, 200);
  });

  test('over 2,000,000 characters: 400 with a Gujarati message, not a 500', async () => {
    const tooLong = 'ક'.repeat(2_000_001);
    const res = await api(site, editor, 'POST', '/newsroom/api/articles', { headline: 'બહુ લાંબો', sectionId, bodyHtml: tooLong });
    assert.ok(res.status === 400 || res.status === 413, `status ${res.status}`);
    const body = (await res.json()) as { message?: string };
    assert.match(body.message ?? '', /[\u0A80-\u0AFF]/, `a Gujarati message: ${body.message}`);
  });
});
