// Site administration commands: settings with their audit entries, and every section and tag
// operation (create, rename with redirects, reorder, nest, merge, delete), with Gujarati names.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { getSettings, SettingsError } from '../../../src/content/settings.js';
import { listAdminLog, maskedValue, maskSecrets } from '../../../src/content/adminLog.js';
import { findRedirect } from '../../../src/content/redirects.js';
import { NotAllowedError } from '../../../src/content/policies.js';
import { updateSettings } from '../../../src/newsroom/commands/updateSettings.js';
import { createSection } from '../../../src/newsroom/commands/createSection.js';
import { updateSection } from '../../../src/newsroom/commands/updateSection.js';
import { moveSection } from '../../../src/newsroom/commands/moveSection.js';
import { mergeSections } from '../../../src/newsroom/commands/mergeSections.js';
import { deleteSection } from '../../../src/newsroom/commands/deleteSection.js';
import { createTag } from '../../../src/newsroom/commands/createTag.js';
import { updateTag } from '../../../src/newsroom/commands/updateTag.js';
import { mergeTags } from '../../../src/newsroom/commands/mergeTags.js';
import { deleteTag } from '../../../src/newsroom/commands/deleteTag.js';
import { saveArticle } from '../../../src/newsroom/commands/saveArticle.js';
import { publishArticle } from '../../../src/newsroom/commands/publishArticle.js';
import { listSections } from '../../../src/content/taxonomy.js';
import { TaxonomyError } from '../../../src/newsroom/taxonomy.js';
import { settingsCommand } from '../../../src/newsroom/settingsCli.js';
import { testDialect } from '../../helpers/database.js';
import { newsroom, type Newsroom } from './fixture.js';

const problem = (code: string) => (e: unknown) => e instanceof TaxonomyError && e.problem.code === code;

describe(`site administration commands (${testDialect})`, () => {
  let n: Newsroom;
  before(async () => (n = await newsroom()));
  after(() => n.close());

  test('updateSettings: admins only, every bad value named, the change logged with before and after', async () => {
    await assert.rejects(updateSettings(n.deps, { actor: n.people.editor, patch: { name: 'બીજું' } }), NotAllowedError);
    await assert.rejects(
      updateSettings(n.deps, { actor: n.people.admin, patch: { name: '', timeZone: 'Mars/Olympus', social: { x: 'javascript:alert(1)' }, publicUrl: 'https://khabar.example/path' } }),
      (e: unknown) => e instanceof SettingsError && ['name', 'timeZone', 'social.x', 'publicUrl'].every((k) => e.problems.some((p) => p.key === k)),
    );
    n.heard.length = 0;
    await updateSettings(n.deps, { actor: n.people.admin, patch: { name: 'ક્ષિતિજ સમાચાર', social: { telegram: 'tg://resolve?domain=khabar', whatsapp: 'https://whatsapp.com/channel/0029Va' }, commentPolicy: 'closed' } });
    assert.deepEqual(n.heard.map((e) => e.type), ['settings.changed']);
    const [entry] = await listAdminLog(n.db.db, { limit: 1 });
    assert.equal(entry?.action, 'settings.update');
    assert.equal(entry?.personId, n.people.admin.id);
    assert.deepEqual(entry?.changes.find((c) => c.key === 'name'), { key: 'name', before: 'ખબર', after: 'ક્ષિતિજ સમાચાર' });
    assert.equal((await getSettings(n.db.db)).commentPolicy, 'closed');
  });

  test('secrets never reach the log', () => {
    assert.equal(maskSecrets('smtpPassword', 'hunter2'), maskedValue);
    assert.equal(maskSecrets('smtpUrl', 'smtp://news:pass@mail.example:587'), `smtp://news:${maskedValue}@mail.example:587`);
    assert.deepEqual(maskSecrets('channel', { botToken: '123:abc', name: 'ટેલિગ્રામ' }), { botToken: maskedValue, name: 'ટેલિગ્રામ' });
  });

  test('the CLI goes through the same validation and is logged as the CLI', async () => {
    const database = { db: n.db.db } as Parameters<typeof settingsCommand>[0];
    assert.match(await settingsCommand(database, ['set', 'tagline', 'દ્રષ્ટિ અને ક્ષમતા']), /tagline/);
    assert.equal(await settingsCommand(database, ['get', 'tagline']), JSON.stringify('દ્રષ્ટિ અને ક્ષમતા'));
    await settingsCommand(database, ['set', 'maxUploadBytes', '૫૦૦૦૦૦૦']);
    assert.equal((await getSettings(n.db.db)).maxUploadBytes, 5_000_000);
    await assert.rejects(settingsCommand(database, ['set', 'social.instagram', 'ftp://x']), /social/);
    await assert.rejects(settingsCommand(database, ['set', 'nosuch', '1']), /unknown setting/);
    const [entry] = await listAdminLog(n.db.db, { limit: 1 });
    assert.equal(entry?.origin, 'cli');
    assert.equal(entry?.personId, null);
  });

  test('sections: create with Gujarati names, nest one level, rename leaving 301s, reorder, delete only when empty', async () => {
    await assert.rejects(createSection(n.deps, { actor: n.people.author, name: 'રમત' }), NotAllowedError);
    const sports = await createSection(n.deps, { actor: n.people.editor, name: 'ક્ષેત્ર-રમત', description: 'ક્રિકેટ અને બીજી રમતો' });
    const cricket = await createSection(n.deps, { actor: n.people.editor, name: 'ક્રિકેટ', parentId: sports });
    await assert.rejects(createSection(n.deps, { actor: n.people.editor, name: 'ટી-૨૦', parentId: cricket }), problem('parentHasParent'));
    await assert.rejects(createSection(n.deps, { actor: n.people.editor, name: 'શોધ', slug: 'search' }), problem('slugReserved'));
    await assert.rejects(createSection(n.deps, { actor: n.people.editor, name: 'રાજનીતિ', slug: 'rajkaran' }), problem('slugTaken'));
    // ZWJ and nukta typed in a name are kept as typed.
    const zwj = await createSection(n.deps, { actor: n.people.editor, name: 'ફ઼િલ્‍મ' });
    const rows = await listSections(n.db.db);
    assert.equal(rows.find((s) => s.id === zwj)?.name, 'ફ઼િલ્‍મ');
    assert.match(rows.find((s) => s.id === zwj)?.slug ?? '', /^[a-z0-9-]+$/);

    const old = rows.find((s) => s.id === sports)!.slug;
    n.heard.length = 0;
    await updateSection(n.deps, { actor: n.people.editor, id: sports, name: 'રમતગમત', slug: 'ramatgamat', seoTitle: 'રમતગમતના તાજા સમાચાર' });
    assert.deepEqual(n.heard.map((e) => e.type), ['taxonomy.changed']);
    assert.deepEqual(await findRedirect(n.db.db, `/${old}`), { to: '/ramatgamat', status: 301 });
    assert.deepEqual(await findRedirect(n.db.db, `/${old}/feed.xml`), { to: '/ramatgamat/feed.xml', status: 301 });
    // Renaming back drops the redirect that would now loop.
    await updateSection(n.deps, { actor: n.people.editor, id: sports, slug: old });
    assert.equal(await findRedirect(n.db.db, `/${old}`), undefined);
    assert.deepEqual(await findRedirect(n.db.db, '/ramatgamat'), { to: `/${old}`, status: 301 });

    await assert.rejects(updateSection(n.deps, { actor: n.people.editor, id: sports, parentId: n.sectionId }), problem('hasChildren'));
    const before = (await listSections(n.db.db)).filter((s) => s.parent_id === null).map((s) => s.id);
    await moveSection(n.deps, { actor: n.people.editor, id: before[1]!, direction: 'up' });
    const afterOrder = (await listSections(n.db.db)).filter((s) => s.parent_id === null).map((s) => s.id);
    assert.deepEqual(afterOrder, [before[1], before[0], ...before.slice(2)]);

    const storyId = await n.draft(n.people.editor, 'ક્રિકેટમાં દ્રવિડની વાપસી');
    await saveArticle(n.deps, { actor: n.people.editor, articleId: storyId, baseVersion: 1, edit: { sectionId: cricket } });
    await assert.rejects(deleteSection(n.deps, { actor: n.people.editor, id: cricket }), (e: unknown) => e instanceof TaxonomyError && e.problem.code === 'notEmpty' && e.problem.stories === 1);
    await assert.rejects(deleteSection(n.deps, { actor: n.people.editor, id: sports }), (e: unknown) => e instanceof TaxonomyError && e.problem.code === 'notEmpty' && e.problem.children === 1);
    await deleteSection(n.deps, { actor: n.people.editor, id: zwj });
    assert.equal((await listSections(n.db.db)).some((s) => s.id === zwj), false);
    const log = await listAdminLog(n.db.db, { limit: 20, subjectTypes: ['section'] });
    assert.ok(log.some((e) => e.action === 'section.delete' && e.subjectName === 'ફ઼િલ્‍મ'));
    assert.ok(log.some((e) => e.action === 'section.order'));
  });

  test('mergeSections moves every story and sub-section, 301s the old front, deletes the source', async () => {
    const a = await createSection(n.deps, { actor: n.people.editor, name: 'દેશ' });
    const b = await createSection(n.deps, { actor: n.people.editor, name: 'રાષ્ટ્ર' });
    const child = await createSection(n.deps, { actor: n.people.editor, name: 'દિલ્હી', parentId: b });
    const story = await n.draft(n.people.editor, 'સંસદમાં નવો ખરડો');
    await saveArticle(n.deps, { actor: n.people.editor, articleId: story, baseVersion: 1, edit: { sectionId: b } });
    await publishArticle(n.deps, { actor: n.people.editor, articleId: story });
    const slugB = (await listSections(n.db.db)).find((s) => s.id === b)!.slug;
    const slugA = (await listSections(n.db.db)).find((s) => s.id === a)!.slug;
    await assert.rejects(mergeSections(n.deps, { actor: n.people.editor, sourceId: a, targetId: a }), problem('mergeSame'));
    const { moved } = await mergeSections(n.deps, { actor: n.people.editor, sourceId: b, targetId: a });
    assert.equal(moved, 1);
    const row = await n.db.db.selectFrom('articles').select('section_id').where('id', '=', story).executeTakeFirstOrThrow();
    assert.equal(row.section_id, a);
    const sections = await listSections(n.db.db);
    assert.equal(sections.find((s) => s.id === child)?.parent_id, a);
    assert.equal(sections.some((s) => s.id === b), false);
    assert.deepEqual(await findRedirect(n.db.db, `/${slugB}`), { to: `/${slugA}`, status: 301 });
  });

  test('tags: create, rename (301), merge (stories retagged), delete only when unused', async () => {
    const t1 = await createTag(n.deps, { actor: n.people.editor, name: 'નર્મદા ડેમ', description: 'ડેમની સપાટી અને પાણી' });
    const t2 = await createTag(n.deps, { actor: n.people.editor, name: 'સરદાર સરોવર' });
    await assert.rejects(createTag(n.deps, { actor: n.people.contributor, name: 'કંઈક' }), NotAllowedError);
    await assert.rejects(createTag(n.deps, { actor: n.people.editor, name: 'નર્મદા ડેમ' }), problem('slugTaken'));
    const story = await n.draft(n.people.editor, 'ડેમના ૨૩ દરવાજા ખોલાયા');
    await saveArticle(n.deps, { actor: n.people.editor, articleId: story, baseVersion: 1, edit: { tagNames: ['નર્મદા ડેમ', 'સરદાર સરોવર'] } });
    const slug1 = (await n.db.db.selectFrom('tags').select('slug').where('id', '=', t1).executeTakeFirstOrThrow()).slug;
    await updateTag(n.deps, { actor: n.people.editor, id: t1, name: 'નર્મદા બંધ', slug: 'narmada-bandh' });
    assert.deepEqual(await findRedirect(n.db.db, `/tag/${slug1}`), { to: '/tag/narmada-bandh', status: 301 });
    await assert.rejects(deleteTag(n.deps, { actor: n.people.editor, id: t1 }), (e: unknown) => e instanceof TaxonomyError && e.problem.code === 'notEmpty' && e.problem.stories === 1);
    const { moved } = await mergeTags(n.deps, { actor: n.people.editor, sourceId: t2, targetId: t1 });
    assert.equal(moved, 1);
    const tags = await n.db.db.selectFrom('article_tags').select('tag_id').where('article_id', '=', story).execute();
    assert.deepEqual(tags.map((t) => t.tag_id), [t1], 'a story with both tags keeps one');
    const empty = await createTag(n.deps, { actor: n.people.editor, name: 'ખાલી ટૅગ' });
    await deleteTag(n.deps, { actor: n.people.editor, id: empty });
    const log = await listAdminLog(n.db.db, { limit: 10, subjectTypes: ['tag'] });
    assert.deepEqual(log.slice(0, 3).map((e) => e.action), ['tag.delete', 'tag.create', 'tag.merge']);
  });
});
