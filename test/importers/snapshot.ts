import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';

/** Everything an import produced, by natural keys (slugs, names), so two databases compare equal. */
export async function snapshot(db: Kysely<DB>) {
  const sections = await db.selectFrom('sections as s').leftJoin('sections as p', 'p.id', 's.parent_id').select(['s.slug', 's.name', 'p.slug as parent']).orderBy('s.slug').execute();
  const people = await db.selectFrom('people').select(['slug', 'name', 'email']).orderBy('slug').execute();
  const tags = await db.selectFrom('tags').select(['slug', 'name']).orderBy('slug').execute();
  const media = await db.selectFrom('media').select(['path', 'width', 'height', 'alt', 'caption']).orderBy('path').execute();
  const articles = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media', 'media.id', 'articles.featured_media_id')
    .leftJoin('article_counters', 'article_counters.article_id', 'articles.id')
    .select([
      'articles.slug', 'articles.headline', 'articles.dek', 'articles.body_html', 'articles.status', 'articles.language',
      'sections.slug as section', 'media.path as image', 'articles.seo_title', 'articles.seo_description',
      'article_counters.views as view_count', 'article_counters.comments as comment_count', 'articles.published_at', 'articles.updated_at',
      'articles.format', 'articles.password', 'articles.comments_open',
    ])
    .orderBy('articles.slug')
    .execute();
  const links = await db
    .selectFrom('article_tags')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['articles.slug as article', 'tags.slug as tag'])
    .orderBy('articles.slug')
    .orderBy('tags.slug')
    .execute();
  const bylines = await db
    .selectFrom('article_authors')
    .innerJoin('articles', 'articles.id', 'article_authors.article_id')
    .innerJoin('people', 'people.id', 'article_authors.person_id')
    .select(['articles.slug as article', 'people.slug as person'])
    .orderBy('articles.slug')
    .execute();
  const otherSections = await db
    .selectFrom('article_sections')
    .innerJoin('articles', 'articles.id', 'article_sections.article_id')
    .innerJoin('sections', 'sections.id', 'article_sections.section_id')
    .select(['articles.slug as article', 'sections.slug as section', 'article_sections.position'])
    .orderBy('articles.slug')
    .orderBy('article_sections.position')
    .execute();
  const comments = await db
    .selectFrom('comments as c')
    .innerJoin('articles', 'articles.id', 'c.article_id')
    .leftJoin('comments as p', 'p.id', 'c.parent_id')
    .select(['articles.slug as article', 'c.author_name', 'c.body', 'c.body_html', 'c.status', 'c.created_at', 'p.body as reply_to'])
    .orderBy('articles.slug')
    .orderBy('c.body')
    .execute();
  return { sections, people, tags, media, articles, otherSections, links, bylines, comments };
}
