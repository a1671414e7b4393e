// The story as channels see it, read when a delivery goes out (not when it was queued), so a
// delayed post carries the edits made meanwhile. Public URLs come from content/urls.ts and the
// site's PUBLIC_URL; "public" is content's one definition (isVisible).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { absolute, urls } from '../content/urls.js';
import { isVisible } from '../content/visibility.js';
import { variantPath } from '../media/variants.js';
import { shareCardFonts, shareCardPath, storyCardSpec } from '../media/shareCard.js';
import { getSettings } from '../content/settings.js';
import { storyMessageSchema, type StoryMessage } from './channels/types.js';

export interface DeliveryStory {
  /** The message for this change, or why the story cannot be turned into one. */
  message: StoryMessage | { invalid: string };
  /** Whether readers may see the story now. */
  visible: boolean;
}

/** The share card's URL (made by the reader site on its first request), or null without the font to draw it. */
async function cardUrl(db: Kysely<DB>, row: { id: number; headline: string; section_slug: string; section_name: string }, publicUrl: string): Promise<string | null> {
  if (!shareCardFonts()) return null;
  const site = await getSettings(db);
  return absolute(publicUrl, shareCardPath(storyCardSpec({ id: row.id, headline: row.headline, image: null, sectionSlug: row.section_slug, sectionName: row.section_name }, site)));
}

/** The story's current state as a message of `kind`; undefined when the story no longer exists. */
export async function storyForDelivery(db: Kysely<DB>, articleId: number, kind: StoryMessage['kind'], publicUrl: string, now = new Date()): Promise<DeliveryStory | undefined> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media', 'media.id', 'articles.featured_media_id')
    .select([
      'articles.id',
      'articles.headline',
      'articles.dek',
      'articles.slug',
      'articles.language',
      'articles.is_breaking',
      'articles.status',
      'articles.published_at',
      'sections.slug as section_slug',
      'sections.name as section_name',
      'media.path as image_path',
    ])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  const candidate = {
    storyId: String(row.id),
    kind,
    headline: row.headline,
    dek: row.dek,
    url: absolute(publicUrl, urls.article(row.section_slug, row.slug)),
    // The 1200-px variant every stored image has; a story without one shows its share card.
    imageUrl: row.image_path !== null ? absolute(publicUrl, urls.media(variantPath(row.image_path, 1200, 'jpg'))) : await cardUrl(db, row, publicUrl),
    sectionSlug: row.section_slug,
    sectionName: row.section_name,
    breaking: row.is_breaking === 1,
    // Posts speak Gujarati unless the story is in English.
    language: row.language === 'en' ? ('en' as const) : ('gu' as const),
  };
  const parsed = storyMessageSchema.safeParse(candidate);
  const message = parsed.success ? parsed.data : { invalid: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { message, visible: isVisible(row, now) };
}
