import { changeTransaction } from '../../content/changes.js';
import { logAdminAction } from '../../content/adminLog.js';
import { can, ensure } from '../../content/policies.js';
import { addToSearch } from '../../search/indexer.js';
import { urls } from '../../content/urls.js';
import type { WriterDeps } from '../articleWriter.js';
import {
  chooseSlug,
  cleanName,
  cleanText,
  diff,
  dropStoriesFromSearch,
  movePaths,
  storiesWithTag,
  tagById,
  tagKeys,
  taxonomyPages,
  TaxonomyError,
  type TaxonomyActor,
  type TaxonomyText,
} from '../taxonomy.js';

export interface UpdateTagProps extends TaxonomyActor, TaxonomyText {
  id: number;
}

/**
 * Renames, re-slugs or describes a tag. A new slug leaves a 301 from the old tag page; a new
 * name is re-indexed for search in the stories that carry it (tags are searchable words).
 */
export async function updateTag(deps: WriterDeps, p: UpdateTagProps): Promise<void> {
  ensure(can(p.actor, 'taxonomy.manage'), 'taxonomy.manage');
  await changeTransaction(deps.db, deps.feed, async ({ trx, record }) => {
    const before = await tagById(trx, p.id);
    const name = p.name === undefined ? before.name : cleanName(p.name);
    if (name !== before.name) {
      const same = await trx.selectFrom('tags').select('slug').where('name', '=', name).where('id', '!=', p.id).executeTakeFirst();
      if (same) throw new TaxonomyError({ code: 'slugTaken', slug: same.slug });
    }
    const slug = p.slug === undefined || p.slug.trim() === '' ? before.slug : await chooseSlug(trx, 'tags', p.slug, name, p.id);
    const stories = name !== before.name ? await storiesWithTag(trx, p.id) : [];
    await dropStoriesFromSearch(trx, stories);
    const after = await trx
      .updateTable('tags')
      .set({
        name,
        slug,
        ...(p.description !== undefined && { description: cleanText('description', p.description) }),
        ...(p.seoTitle !== undefined && { seo_title: cleanText('seoTitle', p.seoTitle) }),
        ...(p.seoDescription !== undefined && { seo_description: cleanText('seoDescription', p.seoDescription) }),
      })
      .where('id', '=', p.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const id of stories) await addToSearch(trx, id);
    const changes = diff(before, after, tagKeys);
    if (changes.length === 0) return;
    if (slug !== before.slug) await movePaths(trx, [{ from: urls.tag(before.slug), to: urls.tag(slug) }]);
    record({ type: 'taxonomy.changed', pages: taxonomyPages(`tag:${p.id}`, ...stories.map((id) => `article:${id}`)) });
    await logAdminAction(trx, {
      personId: p.origin === 'cli' ? null : p.actor.id,
      origin: p.origin ?? 'newsroom',
      action: 'tag.update',
      subjectType: 'tag',
      subjectId: p.id,
      subjectName: after.name,
      changes,
    });
  });
}
