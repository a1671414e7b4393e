import type { Role } from '../db/schema.js';

/**
 * Who may do what: the one place that decides. Routes and domain functions ask `can`;
 * nothing else compares roles.
 */
export const actions = [
  'article.create',
  'article.editOwn',
  'article.editAny',
  'article.submit',
  'article.publishOwn',
  'article.publishAny',
  'article.unpublish',
  'article.archive',
  'article.viewRevisions',
  'media.upload',
  'comments.moderate',
  'home.curate',
  'analytics.view',
  'people.manage',
  'settings.manage',
  'distribution.manage',
] as const;

export type Action = (typeof actions)[number];

export const roles: readonly Role[] = ['contributor', 'author', 'editor', 'admin'];

const contributor: Action[] = ['article.create', 'article.editOwn', 'article.submit', 'article.viewRevisions', 'media.upload'];
const author: Action[] = [...contributor, 'article.publishOwn'];
const editor: Action[] = [
  ...author,
  'article.editAny',
  'article.publishAny',
  'article.unpublish',
  'article.archive',
  'comments.moderate',
  'home.curate',
  'analytics.view',
];
const admin: Action[] = [...editor, 'people.manage', 'settings.manage', 'distribution.manage'];

const grants: Record<Role, ReadonlySet<Action>> = {
  contributor: new Set(contributor),
  author: new Set(author),
  editor: new Set(editor),
  admin: new Set(admin),
};

export interface Actor {
  id: number;
  role: Role;
}

/** The story an action is about: who owns it (its creator or a byline). */
export interface ArticleOwnership {
  createdBy: number | null;
  authorIds: number[];
}

function owns(actor: Actor, article: ArticleOwnership): boolean {
  return article.createdBy === actor.id || article.authorIds.includes(actor.id);
}

/** May this person do this (to this story, where it matters)? */
export function can(actor: Actor, action: Action, article?: ArticleOwnership): boolean {
  const granted = grants[actor.role];
  if (!article) return granted.has(action);
  switch (action) {
    case 'article.editOwn':
    case 'article.editAny':
      return granted.has('article.editAny') || (granted.has('article.editOwn') && owns(actor, article));
    case 'article.publishOwn':
    case 'article.publishAny':
      return granted.has('article.publishAny') || (granted.has('article.publishOwn') && owns(actor, article));
    case 'article.submit':
    case 'article.viewRevisions':
      return granted.has(action) && (granted.has('article.editAny') || owns(actor, article));
    default:
      return granted.has(action);
  }
}

/** Shorthands the workflow uses for a given story. */
export const mayEdit = (actor: Actor, article: ArticleOwnership) => can(actor, 'article.editOwn', article);
export const mayPublish = (actor: Actor, article: ArticleOwnership) => can(actor, 'article.publishOwn', article);

export class NotAllowedError extends Error {
  constructor(readonly action: Action) {
    super(`not allowed: ${action}`);
  }
}

export function ensure(allowed: boolean, action: Action): void {
  if (!allowed) throw new NotAllowedError(action);
}
