import { NotAllowedError, ensure, mayEdit, type Actor } from '../../content/policies.js';
import type { ArticleKind, ArticleStatus } from '../../db/schema.js';
import { updateArticle, writeArticles, type WriterDeps } from '../articleWriter.js';
import { EditInputError, ownershipOf, toFields } from '../articleInput.js';
import { PublishBlockedError, publishProblems } from '../publishing.js';
import type { PublishProblem } from '../../i18n/workflow.js';
import { archiveArticle } from './archiveArticle.js';
import { publishArticle } from './publishArticle.js';
import { unpublishArticle } from './unpublishArticle.js';

export const bulkActions = ['publish', 'unpublish', 'archive', 'move', 'tag'] as const;
export type BulkAction = (typeof bulkActions)[number];

export type BulkOperation =
  | { action: 'publish' | 'unpublish' | 'archive' }
  | { action: 'move'; sectionId: number }
  | { action: 'tag'; tagName: string };

export interface BulkArticlesProps {
  actor: Actor;
  articleIds: readonly number[];
  operation: BulkOperation;
  at?: Date;
}

/** Why one story of a bulk action was left as it was. */
export type BulkRefusal =
  | { kind: 'notAllowed' }
  | { kind: 'missing' }
  /** Already in the state asked for (publishing a published story, tagging a tagged one). */
  | { kind: 'already' }
  /** A live story with edits waiting for "Update": moving or tagging it here would be undone by that Update. */
  | { kind: 'pendingChanges' }
  /** Pre-publish checks failed, with `publishProblems`' codes. */
  | { kind: 'blocked'; problems: PublishProblem[] };

export interface BulkOutcome {
  id: number;
  headline: string;
  refusal?: BulkRefusal;
}

export interface BulkResult {
  done: BulkOutcome[];
  refused: BulkOutcome[];
}

const targetStatus: Record<'publish' | 'unpublish' | 'archive', ArticleStatus> = { publish: 'published', unpublish: 'unpublished', archive: 'archived' };

/**
 * One action on many stories. Each story is its own transaction with the policy checked for
 * it, so a story this person may not touch (or that fails the pre-publish checks) is reported
 * and the others still go ahead; nothing is half done for any one story.
 */
export async function bulkArticles(deps: WriterDeps, { actor, articleIds, operation, at = new Date() }: BulkArticlesProps): Promise<BulkResult> {
  const result: BulkResult = { done: [], refused: [] };
  for (const articleId of [...new Set(articleIds)]) {
    const row = await deps.db.selectFrom('articles').select(['headline', 'status', 'section_id', 'kind']).where('id', '=', articleId).executeTakeFirst();
    if (!row) {
      result.refused.push({ id: articleId, headline: '', refusal: { kind: 'missing' } });
      continue;
    }
    const outcome: BulkOutcome = { id: articleId, headline: row.headline };
    try {
      const refusal = await applyOne(deps, actor, articleId, row, operation, at);
      if (refusal) result.refused.push({ ...outcome, refusal });
      else result.done.push(outcome);
    } catch (e) {
      if (e instanceof NotAllowedError) result.refused.push({ ...outcome, refusal: { kind: 'notAllowed' } });
      else if (e instanceof PublishBlockedError) result.refused.push({ ...outcome, refusal: { kind: 'blocked', problems: await publishProblems(deps.db, articleId) } });
      else if (e instanceof EditInputError) result.refused.push({ ...outcome, refusal: { kind: 'missing' } });
      else throw e;
    }
  }
  return result;
}

const hasPendingChanges = async (deps: WriterDeps, articleId: number) =>
  (await deps.db.selectFrom('pending_changes').select('article_id').where('article_id', '=', articleId).executeTakeFirst()) !== undefined;

async function applyOne(
  deps: WriterDeps,
  actor: Actor,
  articleId: number,
  row: { status: ArticleStatus; section_id: number | null; kind: ArticleKind },
  operation: BulkOperation,
  at: Date,
): Promise<BulkRefusal | undefined> {
  switch (operation.action) {
    case 'publish':
    case 'unpublish':
    case 'archive': {
      if (row.status === targetStatus[operation.action]) return { kind: 'already' };
      const props = { actor, articleId, at };
      if (operation.action === 'publish') await publishArticle(deps, props);
      else if (operation.action === 'unpublish') await unpublishArticle(deps, props);
      else await archiveArticle(deps, props);
      return undefined;
    }
    case 'move': {
      // A static page has no section to move to.
      if (row.kind === 'page') return { kind: 'notAllowed' };
      if (row.section_id === operation.sectionId) return { kind: 'already' };
      if (await hasPendingChanges(deps, articleId)) return { kind: 'pendingChanges' };
      const sectionId = operation.sectionId;
      await writeArticles(deps, 'newsroom', async (scope) => {
        ensure(mayEdit(actor, await ownershipOf(scope.trx, articleId)), 'article.editOwn');
        const section = await scope.trx.selectFrom('sections').select('id').where('id', '=', sectionId).executeTakeFirst();
        if (!section) throw new EditInputError({ code: 'noSection', id: sectionId });
        await updateArticle(scope, articleId, { sectionId }, at);
      }, at);
      return undefined;
    }
    case 'tag': {
      const name = operation.tagName.trim();
      if (await hasPendingChanges(deps, articleId)) return { kind: 'pendingChanges' };
      return writeArticles(deps, 'newsroom', async (scope) => {
        ensure(mayEdit(actor, await ownershipOf(scope.trx, articleId)), 'article.editOwn');
        const current = await scope.trx
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select('tags.name')
          .where('article_tags.article_id', '=', articleId)
          .execute();
        if (current.some((t) => t.name === name)) return { kind: 'already' } as const;
        const fields = await toFields(scope.trx, { tagNames: [...current.map((t) => t.name), name] });
        await updateArticle(scope, articleId, fields, at);
        return undefined;
      }, at);
    }
  }
}
