// setHomePins, orderSections, setBreakingBanner and updateSettings: what the home page and
// every page show, changed only by those allowed, each change announced.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { getSettings, SettingsError } from '../../../src/content/settings.js';
import { pinnedArticleIds } from '../../../src/content/home.js';
import { NotAllowedError } from '../../../src/content/policies.js';
import { orderSections } from '../../../src/newsroom/commands/orderSections.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { setBreakingBanner } from '../../../src/newsroom/commands/setBreakingBanner.js';
import { PinError, setHomePins } from '../../../src/newsroom/commands/setHomePins.js';
import { updateSettings } from '../../../src/newsroom/commands/updateSettings.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`home page and settings commands (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('setHomePins keeps the order given and refuses unknown or unpublished stories, changing nothing', async () => {
    const a = await n.draft(n.people.editor, 'પહેલો મુખ્ય સમાચાર');
    const b = await n.draft(n.people.editor, 'બીજો મુખ્ય સમાચાર');
    const draft = await n.draft(n.people.editor, 'હજી કાચો મુસદ્દો');
    await publishArticle(n.deps, { actor: n.people.editor, articleId: a });
    await publishArticle(n.deps, { actor: n.people.editor, articleId: b });
    n.heard.length = 0;
    await setHomePins(n.deps, { actor: n.people.editor, articleIds: [b, a, b] });
    assert.deepEqual(await pinnedArticleIds(n.db.db), [b, a]);
    assert.deepEqual(n.heard.map((e) => e.type), ['home.changed']);
    await assert.rejects(setHomePins(n.deps, { actor: n.people.editor, articleIds: [a, 987654] }), (e: unknown) => e instanceof PinError && e.reason === 'unknown' && e.articleId === 987654);
    await assert.rejects(setHomePins(n.deps, { actor: n.people.editor, articleIds: [draft] }), (e: unknown) => e instanceof PinError && e.reason === 'notPublic');
    assert.deepEqual(await pinnedArticleIds(n.db.db), [b, a], 'a refused list changes nothing');
    await assert.rejects(setHomePins(n.deps, { actor: n.people.author, articleIds: [] }), NotAllowedError);
  });

  test('orderSections reorders and announces a taxonomy change', async () => {
    const other = await n.db.db.insertInto('sections').values({ slug: 'ramat', name: 'રમત', description: '', parent_id: null, position: 5, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    n.heard.length = 0;
    await orderSections(n.deps, { actor: n.people.editor, sectionIds: [other.id, n.sectionId] });
    const rows = await n.db.db.selectFrom('sections').select(['id', 'position']).orderBy('position').execute();
    assert.deepEqual(rows.map((r) => r.id), [other.id, n.sectionId]);
    assert.deepEqual(n.heard.map((e) => e.type), ['taxonomy.changed']);
  });

  test('setBreakingBanner sets and clears the banner; only a real change is announced', async () => {
    n.heard.length = 0;
    await setBreakingBanner(n.deps, { actor: n.people.editor, banner: { text: 'બ્રેકિંગ: સૌરાષ્ટ્રમાં ભારે વરસાદની ચેતવણી', url: '/gujarat' } });
    await setBreakingBanner(n.deps, { actor: n.people.editor, banner: { text: 'બ્રેકિંગ: સૌરાષ્ટ્રમાં ભારે વરસાદની ચેતવણી', url: '/gujarat' } });
    assert.deepEqual(n.heard.map((e) => e.type === 'settings.changed' && e.keys), [['breakingBanner']]);
    await setBreakingBanner(n.deps, { actor: n.people.editor, banner: null });
    assert.equal((await getSettings(n.db.db)).breakingBanner, null);
  });

  test('updateSettings is for admins; a bad value is refused with the key named', async () => {
    const s = await updateSettings(n.deps, { actor: n.people.admin, patch: { name: 'ખબર સમાચાર', digits: 'gujarati' } });
    assert.equal(s.name, 'ખબર સમાચાર');
    await assert.rejects(updateSettings(n.deps, { actor: n.people.editor, patch: { name: 'x' } }), NotAllowedError);
    await assert.rejects(updateSettings(n.deps, { actor: n.people.admin, patch: { digits: 'roman' as never } }), (e: unknown) => e instanceof SettingsError && e.key === 'digits');
  });
});
