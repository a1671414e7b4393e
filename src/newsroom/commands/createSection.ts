import { changeTransaction } from '../../content/changes.js';
import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure } from '../../content/policies.js';
import { nowIso } from '../../db/connect.js';
import type { WriterDeps } from '../articleWriter.js';
import { chooseSlug, cleanName, cleanText, diff, sectionById, sectionKeys, taxonomyPages, TaxonomyError, type TaxonomyActor, type TaxonomyText } from '../taxonomy.js';

export interface CreateSectionProps extends TaxonomyActor, TaxonomyText {
  name: string;
  /** A top-level section to nest under (one level); null or absent: top level. */
  parentId?: number | null;
}

/** Creates a section at the end of its level (the menu, or its parent's sub-sections). Returns its id. */
export async function createSection(deps: WriterDeps, p: CreateSectionProps): Promise<number> {
  ensure(can(p.actor, 'taxonomy.manage'), 'taxonomy.manage');
  return changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const name = cleanName(p.name);
    const parentId = p.parentId ?? null;
    if (parentId !== null) {
      const parent = await sectionById(trx, parentId).catch(() => {
        throw new TaxonomyError({ code: 'parentInvalid' });
      });
      if (parent.parent_id !== null) throw new TaxonomyError({ code: 'parentHasParent' });
    }
    const slug = await chooseSlug(trx, 'sections', p.slug, name);
    const last = await trx
      .selectFrom('sections')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('parent_id', parentId === null ? 'is' : '=', parentId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('sections')
      .values({
        name,
        slug,
        parent_id: parentId,
        position: last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1,
        description: cleanText('description', p.description ?? ''),
        seo_title: cleanText('seoTitle', p.seoTitle ?? ''),
        seo_description: cleanText('seoDescription', p.seoDescription ?? ''),
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    record({ type: 'taxonomy.changed', pages: taxonomyPages(`section:${row.id}`) });
    await logAdminAction(trx, {
      personId: p.origin === 'cli' ? null : p.actor.id,
      origin: p.origin ?? 'newsroom',
      action: 'section.create',
      subjectType: 'section',
      subjectId: row.id,
      subjectName: name,
      changes: diff(null, row, sectionKeys),
    });
    return row.id;
  });
}
