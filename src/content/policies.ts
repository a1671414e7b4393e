import type { ArticleStatus, Role } from '../db/schema.js';

/**
 * Who may do what: the one place that decides. The domain's commands and queries ask `can`
 * (and the lists ask `articleScope`); routes only turn a refusal into an answer. Nothing else
 * compares roles. The rules follow WordPress's roles: contributors write and submit their own
 * drafts; authors also publish their own; editors and admins work on every story.
 */
export const actions = [
  'article.view',
  'article.create',
  'article.editOwn',
  'article.editAny',
  'article.submit',
  'article.publishOwn',
  'article.publishAny',
  'article.unpublish',
  'article.archive',
  'article.viewRevisions',
  'article.sendBack',
  'media.upload',
  'media.manage',
  'comments.moderate',
  'home.curate',
  'taxonomy.manage',
  'analytics.view',
  'people.manage',
  'settings.manage',
  'distribution.manage',
  'pages.manage',
  'menus.manage',
] as const;

export type Action = (typeof actions)[number];

export const roles: readonly Role[] = ['contributor', 'author', 'editor', 'admin'];

const contributor: Action[] = ['article.view', 'article.create', 'article.editOwn', 'article.submit', 'article.viewRevisions', 'media.upload'];
const author: Action[] = [...contributor, 'article.publishOwn'];
const editor: Action[] = [
  ...author,
  'article.editAny',
  'article.publishAny',
  'article.unpublish',
  'article.archive',
  'article.sendBack',
  'media.manage',
  'comments.moderate',
  'home.curate',
  'taxonomy.manage',
  'analytics.view',
  'pages.manage',
  'menus.manage',
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

/** The story an action is about: who owns it (its creator or a byline) and where it is in the workflow. */
export interface ArticleOwnership {
  createdBy: number | null;
  authorIds: readonly number[];
  status: ArticleStatus;
}

/** States in which a story is out, or approved to go out at a set time: past the contributor's hands. */
const releasedStates: readonly ArticleStatus[] = ['published', 'scheduled', 'embargoed'];

/** States in which an author may read others' stories (read-only): what readers can read anyway. */
const othersReadableByAuthors: readonly ArticleStatus[] = ['published'];

function owns(actor: Actor, article: ArticleOwnership): boolean {
  return article.createdBy === actor.id || article.authorIds.includes(actor.id);
}

/**
 * Which stories the newsroom shows this person (lists, editor page, counts): every story, or
 * their own (created or bylined) plus others' in the given states. `can(…, 'article.view', a)`
 * answers the same question for one story.
 */
export type ArticleScope = { all: true } | { all: false; personId: number; othersIn: readonly ArticleStatus[] };

export function articleScope(actor: Actor): ArticleScope {
  const granted = grants[actor.role];
  if (granted.has('article.editAny')) return { all: true };
  return { all: false, personId: actor.id, othersIn: granted.has('article.publishOwn') ? othersReadableByAuthors : [] };
}

/** May this person do this (to this story, where it matters)? */
export function can(actor: Actor, action: Action, article?: ArticleOwnership): boolean {
  const granted = grants[actor.role];
  if (!article) return granted.has(action);
  switch (action) {
    case 'article.view': {
      const scope = articleScope(actor);
      return scope.all || owns(actor, article) || scope.othersIn.includes(article.status);
    }
    case 'article.editOwn':
    case 'article.editAny':
      if (granted.has('article.editAny')) return true;
      // Once out (or scheduled to be), a story changes only through someone who may publish it.
      if (releasedStates.includes(article.status) && !granted.has('article.publishOwn')) return false;
      return granted.has('article.editOwn') && owns(actor, article);
    case 'article.publishOwn':
    case 'article.publishAny':
      // Authors publish under their own name: a story bylined only to others is an editor's call.
      return granted.has('article.publishAny') || (granted.has('article.publishOwn') && article.authorIds.includes(actor.id));
    case 'article.submit':
    case 'article.viewRevisions':
      return granted.has(action) && (granted.has('article.editAny') || owns(actor, article));
    default:
      return granted.has(action);
  }
}

/** An image in the library: who uploaded it (null for the demo's and imported images). */
export interface MediaOwnership {
  uploadedBy: number | null;
}

/**
 * May this person change (alt, caption, crop) or delete this image? Its uploader may; editors
 * and admins (`media.manage`) may change any, the demo's and imported ones included.
 */
export function mayChangeMedia(actor: Actor, image: MediaOwnership): boolean {
  const granted = grants[actor.role];
  return granted.has('media.manage') || (granted.has('media.upload') && image.uploadedBy === actor.id);
}

/** Shorthands the workflow uses for a given story. Taking its edit lock is editing it. */
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
