import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actions, can, roles, type Action, type Actor } from '../../src/content/policies.js';
import type { Role } from '../../src/db/schema.js';

/** The whole matrix, written out by hand: what each role may do with no story in view. */
const expected: Record<Role, Action[]> = {
  contributor: ['article.create', 'article.editOwn', 'article.submit', 'article.viewRevisions', 'media.upload'],
  author: ['article.create', 'article.editOwn', 'article.submit', 'article.viewRevisions', 'media.upload', 'article.publishOwn'],
  editor: [
    'article.create', 'article.editOwn', 'article.submit', 'article.viewRevisions', 'media.upload', 'article.publishOwn',
    'article.editAny', 'article.publishAny', 'article.unpublish', 'article.archive', 'comments.moderate', 'home.curate', 'analytics.view',
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

test('own versus others’ stories', () => {
  const own = { createdBy: 7, authorIds: [7] };
  const bylineOnly = { createdBy: 99, authorIds: [99, 7] };
  const others = { createdBy: 99, authorIds: [99] };
  const cases: [Role, Action, boolean, boolean, boolean][] = [
    // role, action, on own, on byline, on others
    ['contributor', 'article.editOwn', true, true, false],
    ['contributor', 'article.submit', true, true, false],
    ['contributor', 'article.publishOwn', false, false, false],
    ['author', 'article.publishOwn', true, true, false],
    ['author', 'article.editAny', true, true, false],
    ['editor', 'article.editOwn', true, true, true],
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
