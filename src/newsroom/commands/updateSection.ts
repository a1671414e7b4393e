import { changeTransaction } from '../../content/changes.js';
import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import {
  chooseSlug,
  cleanName,
  cleanText,
  diff,
  movePaths,
  sectionById,
  sectionKeys,
  sectionMoves,
  sectionUse,
  taxonomyPages,
  TaxonomyError,
  type TaxonomyActor,
  type TaxonomyText,
} from '../taxonomy.js';

export interface UpdateSectionProps extends TaxonomyActor, TaxonomyText {
  id: number;
  /** Nest under a top-level section, or null for the top level; absent: stays where it is. */
  parentId?: number | null;
}

/**
 * Renames, re-slugs, nests, describes a section or sets its SEO fields. A new slug leaves 301s
 * from the old front and feeds; its stories' old URLs follow them on their own (the article route
 * sends a story found under another section to where it lives now).
 */
export async function updateSection(deps: WriterDeps, p: UpdateSectionProps): Promise<void> {
  ensure(can(p.actor, 'taxonomy.manage'), 'taxonomy.manage');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const before = await sectionById(trx, p.id);
    const name = p.name === undefined ? before.name : cleanName(p.name);
    const slug = p.slug === undefined ? before.slug : p.slug.trim() === '' ? before.slug : await chooseSlug(trx, 'sections', p.slug, name, p.id);
    let parentId = before.parent_id;
    if (p.parentId !== undefined && p.parentId !== before.parent_id) {
      if (p.parentId !== null) {
        if (p.parentId === p.id) throw new TaxonomyError({ code: 'parentInvalid' });
        const parent = await sectionById(trx, p.parentId).catch(() => {
          throw new TaxonomyError({ code: 'parentInvalid' });
        });
        if (parent.parent_id !== null) throw new TaxonomyError({ code: 'parentHasParent' });
        const { children } = await sectionUse(trx, p.id);
        if (children > 0) throw new TaxonomyError({ code: 'hasChildren', count: children });
      }
      parentId = p.parentId;
    }
    const after = await trx
      .updateTable('sections')
      .set({
        name,
        slug,
        parent_id: parentId,
        ...(p.description !== undefined && { description: cleanText('description', p.description) }),
        ...(p.seoTitle !== undefined && { seo_title: cleanText('seoTitle', p.seoTitle) }),
        ...(p.seoDescription !== undefined && { seo_description: cleanText('seoDescription', p.seoDescription) }),
      })
      .where('id', '=', p.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changes = diff(before, after, sectionKeys);
    if (changes.length === 0) return;
    if (slug !== before.slug) await movePaths(trx, sectionMoves(before.slug, slug));
    const parents = [before.parent_id, after.parent_id].filter((x): x is number => x !== null).map((id) => `section:${id}`);
    record({ type: 'taxonomy.changed', pages: taxonomyPages(`section:${p.id}`, ...parents) });
    await logAdminAction(trx, {
      personId: p.origin === 'cli' ? null : p.actor.id,
      origin: p.origin ?? 'newsroom',
      action: 'section.update',
      subjectType: 'section',
      subjectId: p.id,
      subjectName: after.name,
      changes,
    });
  });
}
