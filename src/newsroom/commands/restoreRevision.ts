import type { Actor } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { EditInputError, type SaveResult } from '../articleInput.js';
import { revisionSnapshot } from '../revisions.js';
import { saveArticle } from './saveArticle.js';

export interface RestoreRevisionProps {
  /** Who restores; they must be allowed to edit the story. */
  actor: Actor;
  articleId: number;
  /** The revision to put back. */
  version: number;
  /** The version the person was looking at (conflict check, as for a save). */
  baseVersion: number;
}

/** Puts an older revision back as a new save (history is never rewritten). */
export async function restoreRevision(deps: WriterDeps, { actor, articleId, version, baseVersion }: RestoreRevisionProps): Promise<SaveResult> {
  const snapshot = await revisionSnapshot(deps.db, articleId, version);
  if (!snapshot) throw new EditInputError({ code: 'noRevision', version });
  const { authorIds, tagIds, sectionId, ...rest } = snapshot;
  const names = tagIds.length ? (await deps.db.selectFrom('tags').select('name').where('id', 'in', tagIds).execute()).map((t) => t.name) : [];
  return saveArticle(deps, { actor, articleId, baseVersion, edit: { ...rest, ...(sectionId !== null && { sectionId }), authorIds, tagNames: names } });
}
