import { changeTransaction } from '../../content/changes.js';
import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure } from '../../content/policies.js';
import type { WriterDeps } from '../articleWriter.js';
import { chooseSlug, cleanName, cleanText, diff, tagKeys, taxonomyPages, TaxonomyError, type TaxonomyActor, type TaxonomyText } from '../taxonomy.js';

export interface CreateTagProps extends TaxonomyActor, TaxonomyText {
  name: string;
}

/** Creates a tag (a name no other tag has). Returns its id. */
export async function createTag(deps: WriterDeps, p: CreateTagProps): Promise<number> {
  ensure(can(p.actor, 'taxonomy.manage'), 'taxonomy.manage');
  return changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const name = cleanName(p.name);
    // The editor finds tags by name: two with one name could not be told apart.
    const same = await trx.selectFrom('tags').select('slug').where('name', '=', name).executeTakeFirst();
    if (same) throw new TaxonomyError({ code: 'slugTaken', slug: same.slug });
    const slug = await chooseSlug(trx, 'tags', p.slug, name);
    const row = await trx
      .insertInto('tags')
      .values({
        name,
        slug,
        description: cleanText('description', p.description ?? ''),
        seo_title: cleanText('seoTitle', p.seoTitle ?? ''),
        seo_description: cleanText('seoDescription', p.seoDescription ?? ''),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    record({ type: 'taxonomy.changed', pages: taxonomyPages(`tag:${row.id}`) });
    await logAdminAction(trx, {
      personId: p.origin === 'cli' ? null : p.actor.id,
      origin: p.origin ?? 'newsroom',
      action: 'tag.create',
      subjectType: 'tag',
      subjectId: row.id,
      subjectName: name,
      changes: diff(null, row, tagKeys),
    });
    return row.id;
  });
}
