// Tag names are news: a tag used only by a draft, a scheduled or an embargoed story must not be
// listed by the public APIs before the story is out (the audit found both APIs listing them).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createDraft } from '../../src/newsroom/commands/createDraft.js';
import { scheduleArticle } from '../../src/newsroom/commands/scheduleArticle.js';
import { publishArticle } from '../../src/newsroom/commands/publishArticle.js';
import { addPerson } from '../../src/newsroom/people.js';
import { startTestSite, type TestSite } from '../helpers/site.js';
import { testDialect } from '../helpers/database.js';

describe(`public tag lists leave out tags of stories not yet out (${testDialect})`, () => {
  let site: TestSite;
  const draftTag = 'ચૂંટણી-ઉમેદવાર યાદી ૨૦૨૭';
  const scheduledTag = 'બજેટ\u200cની તૈયારી';
  let section = 0;
  let editor = { id: 0, role: 'editor' as const };

  const names = async (path: string): Promise<string[]> => {
    const res = await fetch(`${site.url}${path}`);
    assert.equal(res.status, 200, path);
    const body = (await res.json()) as { items?: { name: string }[] } | { name: string }[];
    return (Array.isArray(body) ? body : (body.items ?? [])).map((t) => t.name);
  };
  const wpTagId = async (name: string) => {
    const row = await site.database.db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return row.id;
  };

  before(async () => {
    site = await startTestSite();
    const { person } = await addPerson(site.database.db, { email: 'tantri@example.com', name: 'તંત્રી', role: 'editor', password: 'ગુપ્ત-પાસવર્ડ-૨૦૨૬' });
    editor = { id: person.id, role: 'editor' };
    section = (await site.database.db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const deps = { db: site.database.db, feed: site.feed };
    await createDraft(deps, { actor: editor, edit: { headline: 'ઉમેદવારોની યાદી તૈયાર', sectionId: section, bodyHtml: '<p>હજી જાહેર નથી.</p>', tagNames: [draftTag] } });
    const later = await createDraft(deps, { actor: editor, edit: { headline: 'બજેટની તૈયારી શરૂ', sectionId: section, bodyHtml: '<p>આવતા મહિને.</p>', tagNames: [scheduledTag] } });
    await scheduleArticle(deps, { actor: editor, articleId: later.id, when: new Date(Date.now() + 86_400_000) });
  });
  after(async () => site?.close());

  test('/api/v1/tags and /wp-json/wp/v2/tags do not list them, and the tag by id is 404', async () => {
    for (const path of ['/api/v1/tags?per_page=100', '/wp-json/wp/v2/tags?per_page=100']) {
      const listed = await names(path);
      assert.ok(listed.length > 0, `${path} lists the demo's tags`);
      assert.ok(!listed.includes(draftTag), `${path} leaves out a draft's tag`);
      assert.ok(!listed.includes(scheduledTag), `${path} leaves out a scheduled story's tag`);
    }
    const search = await names(`/wp-json/wp/v2/tags?search=${encodeURIComponent('ઉમેદવાર')}`);
    assert.deepEqual(search, []);
    const res = await fetch(`${site.url}/wp-json/wp/v2/tags/${await wpTagId(draftTag)}`);
    assert.equal(res.status, 404);
  });

  test('once the story is published its tag is listed', async () => {
    const deps = { db: site.database.db, feed: site.feed };
    const story = await createDraft(deps, { actor: editor, edit: { headline: 'ઉમેદવારોની યાદી જાહેર', sectionId: section, bodyHtml: '<p>હવે જાહેર.</p>', tagNames: [draftTag] } });
    await publishArticle(deps, { actor: editor, articleId: story.id });
    assert.ok((await names('/api/v1/tags?per_page=100')).includes(draftTag));
    assert.ok((await names('/wp-json/wp/v2/tags?per_page=100')).includes(draftTag));
    assert.equal((await fetch(`${site.url}/wp-json/wp/v2/tags/${await wpTagId(draftTag)}`)).status, 200);
  });
});
