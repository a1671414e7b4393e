import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** Who made an article change: distribution posts the newsroom's and the scheduler's, never an import's. */
export type ChangeOrigin = 'newsroom' | 'scheduler' | 'import' | 'demo';

/** The story fields an update can name. */
export type ArticleField =
  | 'headline' | 'dek' | 'body' | 'slug' | 'section' | 'authors' | 'tags' | 'image' | 'seo' | 'breaking' | 'language' | 'publishedAt' | 'format' | 'password' | 'comments';

interface Touches {
  /** Cache keys of the public pages the change touched (before and after): `article:12`, `section:3`, `home`, `feeds`… */
  pages: string[];
}

interface ArticleChange extends Touches {
  articleId: number;
  origin: ChangeOrigin;
}

/**
 * What happened, as typed events. The writer records them in `change_events` in the same
 * transaction as the change (so they survive a crash and reach the outbox worker), and the
 * ChangeFeed hands them to in-process listeners after commit.
 */
export type ChangeEvent =
  /** A story became public; `firstTime` unless it had been public before. */
  | (ArticleChange & { type: 'article.published'; firstTime: boolean })
  /** A public story changed and stays public. */
  | (ArticleChange & { type: 'article.updated'; fields: ArticleField[] })
  /** A public story left the site (unpublished, archived, back to draft). */
  | (ArticleChange & { type: 'article.unpublished'; status: string })
  /** A visible correction on a public story. */
  | (ArticleChange & { type: 'article.corrected'; note: string })
  /** Approved comments of a story changed. */
  | (Touches & { type: 'comments.changed'; articleId: number })
  /** Sections or tags were created, renamed, reordered or merged. */
  | (Touches & { type: 'taxonomy.changed' })
  /** Home page curation (pins, order). */
  | (Touches & { type: 'home.changed' })
  /** A person's profile or account changed (author pages follow; `pages` is empty when nothing public changed). */
  | (Touches & { type: 'person.changed'; personId: number })
  /** An image's alt, caption or crop changed (pages showing it as a featured image follow). */
  | (Touches & { type: 'media.changed'; mediaId: number })
  /** Site settings; `keys` names the settings that changed. */
  | (Touches & { type: 'settings.changed'; keys: string[] })
  /** The header or footer menu was edited (every page shows them). */
  | (Touches & { type: 'menus.changed'; menu: 'header' | 'footer' })
  /** Many things at once (an import, a restore): listeners start over. */
  | (Touches & { type: 'site.replaced' });

export type ChangeType = ChangeEvent['type'];

/** Hears committed changes: the page cache, site settings, search vocabulary, most read. */
export type ChangeListener = (event: ChangeEvent) => void;

/**
 * Where committed changes are heard. The local feed serves one process (and SQLite); a
 * PostgreSQL feed over LISTEN/NOTIFY can stand behind the same interface for several
 * instances without the listeners changing.
 */
export interface ChangeFeed {
  publish(events: readonly ChangeEvent[]): void;
  subscribe(listener: ChangeListener): () => void;
  /**
   * Told the ids of the events this process is about to publish, inside their transaction before
   * it commits: a feed shared between processes then knows them as its own when they come back.
   */
  claim?(ids: readonly number[]): void;
}

export class LocalChangeFeed implements ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly onListenerError: (err: unknown) => void = (err) => console.error('change listener failed:', err)) {}

  publish(events: readonly ChangeEvent[]): void {
    for (const event of events) {
      for (const listener of this.listeners) {
        // One failing listener must not keep the change from the others, nor fail the writer.
        try {
          listener(event);
        } catch (err) {
          this.onListenerError(err);
        }
      }
    }
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A transaction that records the changes made in it. */
export interface ChangeScope {
  trx: Transaction<DB>;
  record(event: ChangeEvent): void;
}

/**
 * Runs `work` in one transaction; the events it records are written to `change_events` in
 * that transaction and published to the feed only after it commits.
 */
export async function changeTransaction<T>(db: Kysely<DB>, feed: ChangeFeed, work: (scope: ChangeScope) => Promise<T>, at = new Date()): Promise<T> {
  const events: ChangeEvent[] = [];
  const result = await db.transaction().execute(async (trx) => {
    const value = await work({ trx, record: (e) => events.push(e) });
    const ids = await writeEvents(trx, events, at);
    if (ids.length > 0) feed.claim?.(ids);
    return value;
  });
  feed.publish(events);
  return result;
}

async function writeEvents(trx: Transaction<DB>, events: readonly ChangeEvent[], at: Date): Promise<number[]> {
  if (events.length === 0) return [];
  const created_at = at.toISOString();
  const rows = await trx
    .insertInto('change_events')
    .values(events.map((e) => ({ type: e.type, article_id: 'articleId' in e ? e.articleId : null, payload: JSON.stringify(e), created_at })))
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Cache keys of every page a change touched, once each. */
export function pagesOf(events: readonly ChangeEvent[]): string[] {
  return [...new Set(events.flatMap((e) => e.pages))];
}
