// A story's deliveries as the newsroom's page shows them: for whoever may view the story
// (article.view), its posts per channel, per-reader counts, and the WhatsApp share text once
// the story is public.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { can, ensure, type Actor } from '../content/policies.js';
import { ownershipOf } from '../newsroom/articleInput.js';
import { whatsappShareLink, whatsappShareText } from './channels/whatsapp.js';
import { storyDeliveries, type DeliveryView, type ReaderDeliveries } from './queries.js';
import { storyForDelivery } from './story.js';

export interface StoryDeliveriesPage {
  articleId: number;
  headline: string;
  posts: DeliveryView[];
  readers: ReaderDeliveries[];
  /** Admins may resend failed and in-doubt deliveries. */
  canResend: boolean;
  /** "Share to our WhatsApp channel": the message and a wa.me link; null until the story is public. */
  share: { text: string; link: string } | null;
}

/** Undefined when there is no such story; NotAllowedError when the person may not view it. */
export async function storyDeliveriesPage(db: Kysely<DB>, actor: Actor, articleId: number, publicUrl: string): Promise<StoryDeliveriesPage | undefined> {
  const article = await db.selectFrom('articles').select(['headline']).where('id', '=', articleId).executeTakeFirst();
  if (!article) return undefined;
  ensure(can(actor, 'article.view', await ownershipOf(db, articleId)), 'article.view');
  const [{ posts, readers }, story] = await Promise.all([storyDeliveries(db, articleId), storyForDelivery(db, articleId, 'published', publicUrl)]);
  const message = story && story.visible && !('invalid' in story.message) ? story.message : null;
  const text = message ? whatsappShareText(message) : null;
  return { articleId, headline: article.headline, posts, readers, canResend: can(actor, 'distribution.manage'), share: text ? { text, link: whatsappShareLink(text) } : null };
}
