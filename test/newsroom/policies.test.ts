import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actions, articleScope, can, roles, type Action, type Actor, type ArticleOwnership } from '../../src/content/policies.js';
import type { ArticleStatus, Role } from '../../src/db/schema.js';

/** The whole matrix, written out by hand: what each role may do with no story in view. */
const expected: Record<Role, Action[]> = {
  contributor: ['article.view', 'article.create', 'article.editOwn', 'article.submit', 'article.viewRevisions', 'media.upload'],
  author: ['article.view', 'article.create', 'article.editOwn', 'article.submit', 'article.viewRevisions', 'media.upload', 'article.publishOwn'],
  editor: [
    'article.view', 'article.create', 'article.editOwn', 'article.submit', 'article.viewRevisions', 'media.upload', 'article.publishOwn',
    'article.editAny', 'article.publishAny', 'article.unpublish', 'article.archive', 'article.sendBack', 'media.manage', 'comments.moderate', 'home.curate',
    'taxonomy.manage', 'analytics.view', 'pages.manage', 'menus.manage',
  ],
  admin: [...actions],
};

test('every role × every action, with no story in view', () => {
  for (const role of roles) {
    const actor: Actor = { id: 1, role };
    for (const action of actions) {
      assert.equal(can(actor, action), expected[role].includes(action), `${role} ${action}`);
    }
  }
});

test('settings and people are the admin’s alone', () => {
  for (const role of roles) {
    assert.equal(can({ id: 1, role }, 'settings.manage'), role === 'admin', role);
    assert.equal(can({ id: 1, role }, 'people.manage'), role === 'admin', role);
  }
});

test('own versus others’ drafts', () => {
  const own = { createdBy: 7, authorIds: [7], status: 'draft' } as const;
  const bylineOnly = { createdBy: 99, authorIds: [99, 7], status: 'draft' } as const;
  const others = { createdBy: 99, authorIds: [99], status: 'draft' } as const;
  const cases: [Role, Action, boolean, boolean, boolean][] = [
    // role, action, on own, on byline, on others
    ['contributor', 'article.view', true, true, false],
    ['contributor', 'article.editOwn', true, true, false],
    ['contributor', 'article.submit', true, true, false],
    ['contributor', 'article.viewRevisions', true, true, false],
    ['contributor', 'article.publishOwn', false, false, false],
    ['author', 'article.view', true, true, false],
    ['author', 'article.viewRevisions', true, true, false],
    ['author', 'article.publishOwn', true, true, false],
    ['author', 'article.editAny', true, true, false],
    ['editor', 'article.view', true, true, true],
    ['editor', 'article.editOwn', true, true, true],
    ['editor', 'article.viewRevisions', true, true, true],
    ['editor', 'article.publishAny', true, true, true],
    ['admin', 'article.publishOwn', true, true, true],
    ['contributor', 'article.unpublish', false, false, false],
    ['editor', 'article.unpublish', true, true, true],
  ];
  for (const [role, action, onOwn, onByline, onOthers] of cases) {
    const actor: Actor = { id: 7, role };
    assert.equal(can(actor, action, own), onOwn, `${role} ${action} own`);
    assert.equal(can(actor, action, bylineOnly), onByline, `${role} ${action} byline`);
    assert.equal(can(actor, action, others), onOthers, `${role} ${action} others`);
  }
});

test('a contributor’s story, once out or scheduled, is no longer theirs to change; an author’s still is', () => {
  const states: ArticleStatus[] = ['draft', 'submitted', 'scheduled', 'embargoed', 'published', 'unpublished', 'archived'];
  // Out, or approved to go out at a time: Ghost and WordPress keep contributors' hands off.
  const contributorMayEdit: Record<ArticleStatus, boolean> = {
    draft: true,
    submitted: true,
    scheduled: false,
    embargoed: false,
    published: false,
    unpublished: true,
    archived: true,
  };
  for (const status of states) {
    const mine: ArticleOwnership = { createdBy: 7, authorIds: [7], status };
    assert.equal(can({ id: 7, role: 'contributor' }, 'article.editOwn', mine), contributorMayEdit[status], `contributor edits own ${status}`);
    assert.equal(can({ id: 7, role: 'contributor' }, 'article.view', mine), true, `contributor still sees own ${status}`);
    assert.equal(can({ id: 7, role: 'contributor' }, 'article.viewRevisions', mine), true, `contributor still reads the history of own ${status}`);
    assert.equal(can({ id: 7, role: 'author' }, 'article.editOwn', mine), true, `author edits own ${status}`);
    assert.equal(can({ id: 7, role: 'editor' }, 'article.editOwn', { ...mine, createdBy: 1, authorIds: [1] }), true, `editor edits any ${status}`);
  }
});

test('authors read others’ published stories (not drafts, not their history) and change none of them', () => {
  const author: Actor = { id: 7, role: 'author' };
  const contributor: Actor = { id: 7, role: 'contributor' };
  for (const status of ['draft', 'submitted', 'scheduled', 'embargoed', 'published', 'unpublished', 'archived'] as ArticleStatus[]) {
    const theirs: ArticleOwnership = { createdBy: 99, authorIds: [99], status };
    assert.equal(can(author, 'article.view', theirs), status === 'published', `author views others' ${status}`);
    assert.equal(can(author, 'article.editOwn', theirs), false, `author edits others' ${status}`);
    assert.equal(can(author, 'article.viewRevisions', theirs), false, `author reads history of others' ${status}`);
    assert.equal(can(contributor, 'article.view', theirs), false, `contributor views others' ${status}`);
  }
});

test('an author publishes only what carries their byline', () => {
  const author: Actor = { id: 7, role: 'author' };
  assert.equal(can(author, 'article.publishOwn', { createdBy: 7, authorIds: [7], status: 'draft' }), true, 'created and bylined');
  assert.equal(can(author, 'article.publishOwn', { createdBy: 99, authorIds: [99, 7], status: 'draft' }), true, 'one of the bylines');
  assert.equal(can(author, 'article.publishOwn', { createdBy: 7, authorIds: [99], status: 'draft' }), false, 'created, but bylined only to someone else');
  assert.equal(can(author, 'article.publishOwn', { createdBy: 7, authorIds: [], status: 'draft' }), false, 'no byline at all');
  assert.equal(can({ id: 7, role: 'editor' }, 'article.publishOwn', { createdBy: 7, authorIds: [99], status: 'draft' }), true, 'editors publish anyone’s');
});

test('the list scope agrees with can(article.view) for every role, owner and state', () => {
  for (const role of roles) {
    const actor: Actor = { id: 7, role };
    const scope = articleScope(actor);
    for (const status of ['draft', 'submitted', 'scheduled', 'embargoed', 'published', 'unpublished', 'archived'] as ArticleStatus[]) {
      for (const a of [
        { createdBy: 7, authorIds: [7], status },
        { createdBy: 99, authorIds: [7], status },
        { createdBy: 99, authorIds: [99], status },
      ]) {
        const inScope = scope.all || a.createdBy === 7 || a.authorIds.includes(7) || scope.othersIn.includes(status);
        assert.equal(inScope, can(actor, 'article.view', a), `${role} ${status} ${JSON.stringify(a)}`);
      }
    }
  }
  assert.deepEqual(articleScope({ id: 7, role: 'contributor' }), { all: false, personId: 7, othersIn: [] });
  assert.deepEqual(articleScope({ id: 7, role: 'author' }), { all: false, personId: 7, othersIn: ['published'] });
  assert.deepEqual(articleScope({ id: 7, role: 'editor' }), { all: true });
});
