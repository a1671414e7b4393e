// Fan-out: the outbox handler that turns a story change into delivery rows, one per enabled
// channel whose rules match (and, for channels that send to readers one at a time, one per
// reader whose topics match). It runs inside the outbox's dispatching transaction, so the rows
// exist exactly when the event is marked dispatched: a crash loses none and a second dispatch
// cannot happen; the unique (channel, event, recipient) key says the same in the schema.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ChangeEvent } from '../content/changes.js';
import { channelTypes, isChannelType, postKinds } from './channels/index.js';
import type { ChangeKind } from './channels/types.js';
import { rulesOf } from './channelStore.js';
import type { OutboxEntry, OutboxHandler } from './outbox.js';

type ArticleEvent = Extract<ChangeEvent, { articleId: number; origin: unknown }>;

interface StoryFacts {
  sectionId: number;
  parentSectionId: number | null;
  breaking: boolean;
}

/** The delivery kind of an article event: an update that turns the breaking flag on is `breaking`. */
export function kindOf(event: ArticleEvent, breakingNow: boolean): ChangeKind {
  switch (event.type) {
    case 'article.published':
      return 'published';
    case 'article.updated':
      return event.fields.includes('breaking') && breakingNow ? 'breaking' : 'updated';
    case 'article.corrected':
      return 'corrected';
    case 'article.unpublished':
      return 'unpublished';
  }
}

function isArticleEvent(event: ChangeEvent): event is ArticleEvent {
  return event.type === 'article.published' || event.type === 'article.updated' || event.type === 'article.corrected' || event.type === 'article.unpublished';
}

/** Reader topics: `breaking`, or `section:<id>`; a reader without topics takes everything. */
function topicsMatch(topics: string | null, story: StoryFacts): boolean {
  if (topics === null) return true;
  const list = JSON.parse(topics) as string[];
  if (list.length === 0) return true;
  return (
    (story.breaking && list.includes('breaking')) ||
    list.includes(`section:${story.sectionId}`) ||
    (story.parentSectionId !== null && list.includes(`section:${story.parentSectionId}`))
  );
}

const insertChunk = 500;

async function fanOut(trx: Transaction<DB>, event: ChangeEvent, entry: OutboxEntry): Promise<void> {
  if (!isArticleEvent(event)) return;
  // Imports and the demo load archives: nothing in them is news to post.
  if (event.origin !== 'newsroom' && event.origin !== 'scheduler') return;
  const row = await trx
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.section_id', 'sections.parent_id', 'articles.is_breaking'])
    .where('articles.id', '=', event.articleId)
    .executeTakeFirst();
  // Static pages (no section) are not news: nothing is posted about them.
  if (!row || row.section_id === null) return;
  const story: StoryFacts = { sectionId: row.section_id, parentSectionId: row.parent_id, breaking: row.is_breaking === 1 };
  const kind = kindOf(event, story.breaking);
  const isPost = postKinds.includes(kind);
  const channels = await trx.selectFrom('channels').selectAll().where('enabled', '=', 1).orderBy('id').execute();
  const createdAt = entry.createdAt.toISOString();

  for (const channel of channels) {
    if (!isChannelType(channel.type)) continue;
    const info = channelTypes[channel.type];
    const rules = rulesOf(channel);
    if (!rules.kinds.includes(kind) || !info.adapter.handles.includes(kind)) continue;

    // Edits follow posts: a channel that changes what it posted gets updates, corrections and
    // removals for the stories (and readers) it has a post for, whatever its story rules say now.
    const postedTo = async () =>
      (
        await trx
          .selectFrom('deliveries')
          .select('recipient_id')
          .distinct()
          .where('channel_id', '=', channel.id)
          .where('article_id', '=', event.articleId)
          .where('kind', 'in', [...postKinds])
          .where('status', '!=', 'skipped')
          .execute()
      ).map((p) => p.recipient_id);
    let recipients: number[];
    if (!isPost && info.editsPosts) {
      recipients = await postedTo();
    } else {
      if (rules.sections.length > 0 && !rules.sections.includes(story.sectionId) && !(story.parentSectionId !== null && rules.sections.includes(story.parentSectionId))) continue;
      if (rules.breakingOnly && !story.breaking) continue;
      if (rules.firstPublicationOnly && event.type === 'article.published' && !event.firstTime) continue;
      if (info.recipient !== null) {
        const readers = await trx.selectFrom('recipients').select(['id', 'topics']).where('channel_id', '=', channel.id).orderBy('id').execute();
        recipients = readers.filter((r) => topicsMatch(r.topics, story)).map((r) => r.id);
        // A save of a breaking story reads as `breaking` again (the writer names the fields a save
        // carried): readers who have the story already get no row for it.
        if (kind === 'breaking') {
          const have = new Set(await postedTo());
          recipients = recipients.filter((id) => !have.has(id));
        }
      } else {
        recipients = [0];
      }
    }
    if (recipients.length === 0) continue;

    const due = isPost ? new Date(entry.createdAt.getTime() + rules.delaySeconds * 1000).toISOString() : createdAt;
    for (let i = 0; i < recipients.length; i += insertChunk) {
      await trx
        .insertInto('deliveries')
        .values(
          recipients.slice(i, i + insertChunk).map((recipient_id) => ({
            channel_id: channel.id,
            article_id: event.articleId,
            change_event_id: entry.id,
            event_at: createdAt,
            recipient_id,
            kind,
            next_attempt_at: due,
            created_at: createdAt,
          })),
        )
        .onConflict((oc) => oc.columns(['channel_id', 'change_event_id', 'event_at', 'recipient_id']).doNothing())
        .execute();
    }
  }
}

/** The fan-out handler for the outbox worker. */
export const fanoutHandler: OutboxHandler = fanOut;
