// curateHome (the home page's form) is one change: pins and breaking banner together, a refusal
// of either leaves both as they were. setHomePins says what a new list did, in one step.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { getSettings, SettingsError } from '../../../src/content/settings.js';
import { pinnedArticleIds } from '../../../src/content/home.js';
import { NotAllowedError } from '../../../src/content/policies.js';
import { curateHome } from '../../../src/newsroom/commands/curateHome.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { PinError, setHomePins } from '../../../src/newsroom/commands/setHomePins.js';
import { pinChange } from '../../../src/newsroom/homePins.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

describe(`curateHome and what a pin change did (${testDialect})`, () => {
  let n: Newsroom;
  let a: number;
  let b: number;
  let c: number;
  before(async () => {
    n = await newsroom();
    a = await n.draft(n.people.editor, 'સુરતમાં હીરા ઉદ્યોગ ફરી ધમધમ્યો');
    b = await n.draft(n.people.editor, 'કચ્છના રણોત્સવની તૈયારી શરૂ');
    c = await n.draft(n.people.editor, 'ગાંધીનગરમાં મેટ્રોનો નવો તબક્કો');
    for (const id of [a, b, c]) await publishArticle(n.deps, { actor: n.people.editor, articleId: id });
  });
  after(() => n.close());

  test('pins and banner are saved together and each change is announced once', async () => {
    n.heard.length = 0;
    await curateHome(n.deps, { actor: n.people.editor, articleIds: [b, a], banner: { text: 'બ્રેકિંગ: નર્મદા ડેમના ૨૩ દરવાજા ખોલાયા', url: '/gujarat' } });
    assert.deepEqual(await pinnedArticleIds(n.db.db), [b, a]);
    assert.equal((await getSettings(n.db.db)).breakingBanner?.text, 'બ્રેકિંગ: નર્મદા ડેમના ૨૩ દરવાજા ખોલાયા');
    assert.deepEqual(n.heard.map((e) => e.type).sort(), ['home.changed', 'settings.changed']);
    n.heard.length = 0;
    await curateHome(n.deps, { actor: n.people.editor, articleIds: [b, a], banner: { text: 'બ્રેકિંગ: નર્મદા ડેમના ૨૩ દરવાજા ખોલાયા', url: '/gujarat' } });
    assert.deepEqual(n.heard, [], 'the same form again changes nothing and announces nothing');
  });

  test('a refused pin leaves the banner as it was, and a refused banner leaves the pins', async () => {
    const draft = await n.draft(n.people.editor, 'હજી કાચો મુસદ્દો: ક્ષેત્રીય અહેવાલ');
    await assert.rejects(curateHome(n.deps, { actor: n.people.editor, articleIds: [a, draft], banner: null }), (e: unknown) => e instanceof PinError && e.reason === 'notPublic');
    assert.notEqual((await getSettings(n.db.db)).breakingBanner, null, 'the banner was not cleared');
    await assert.rejects(curateHome(n.deps, { actor: n.people.editor, articleIds: [c], banner: { text: 'ખોટી લિંક', url: 'javascript:alert(1)' } }), SettingsError);
    assert.deepEqual(await pinnedArticleIds(n.db.db), [b, a], 'the pins were not replaced');
    await assert.rejects(curateHome(n.deps, { actor: n.people.author, articleIds: [], banner: null }), NotAllowedError);
  });

  test('setHomePins says what the new list did: added where, moved from where to where, removed', async () => {
    assert.deepEqual(await setHomePins(n.deps, { actor: n.people.editor, articleIds: [b, a, c] }), { kind: 'added', articleId: c, position: 3 });
    assert.deepEqual(await setHomePins(n.deps, { actor: n.people.editor, articleIds: [b, c, a], moved: c }), { kind: 'moved', articleId: c, from: 3, to: 2 });
    assert.deepEqual(await setHomePins(n.deps, { actor: n.people.editor, articleIds: [b, a] }), { kind: 'removed', articleId: c });
    n.heard.length = 0;
    assert.deepEqual(await setHomePins(n.deps, { actor: n.people.editor, articleIds: [b, a] }), { kind: 'unchanged' });
    assert.deepEqual(n.heard, []);
  });
});

describe('pinChange', () => {
  test('one step is named; a swap of neighbours names the one the person moved; anything else is a new order', () => {
    assert.deepEqual(pinChange([1, 2, 3], [1, 2, 3]), { kind: 'unchanged' });
    assert.deepEqual(pinChange([1, 2], [1, 9, 2]), { kind: 'added', articleId: 9, position: 2 });
    assert.deepEqual(pinChange([1, 2, 3], [1, 3]), { kind: 'removed', articleId: 2 });
    assert.deepEqual(pinChange([1, 2, 3, 4], [4, 1, 2, 3]), { kind: 'moved', articleId: 4, from: 4, to: 1 });
    assert.deepEqual(pinChange([1, 2], [2, 1], 2), { kind: 'moved', articleId: 2, from: 2, to: 1 });
    assert.deepEqual(pinChange([1, 2], [2, 1], 1), { kind: 'moved', articleId: 1, from: 1, to: 2 });
    assert.deepEqual(pinChange([1, 2, 3, 4], [2, 1, 4, 3]), { kind: 'replaced' });
    assert.deepEqual(pinChange([1, 2], [3, 4]), { kind: 'replaced' });
  });
});
