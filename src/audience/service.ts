import type { Kysely } from 'kysely';
import { isDatabaseUnavailable, type Dialect } from '../db/connect.js';
import type { DB } from '../db/schema.js';
import type { ArticleCard } from '../content/stories.js';
import { approvedThreads, type CommentThread } from './comments.js';
import { MostReadBoard } from './trending.js';
import { ViewCounter } from './views.js';

/** Cache key of every page that shows a view count: dropped once a minute, so counts in cached HTML are at most a minute old. */
export const viewCountsKey = 'view-counts';

export interface AudienceOptions {
  db: Kysely<DB>;
  dialect: Dialect;
  timeZone: () => string;
  /** Drops this instance's cached pages showing these keys. */
  invalidate: (keys: string[]) => void;
  onError: (message: string, err: unknown) => void;
  flushMs?: number;
  /** How often counts on cached pages and most-read lists are refreshed. */
  refreshMs?: number;
}

/** What reader pages need from the audience area. */
export interface ReaderAudience {
  /** Site-wide, or a section's (with its sub-sections' ids in `family`). Never throws: a page shows no block instead. */
  mostRead(sectionId?: number, family?: number[]): Promise<ArticleCard[]>;
  comments(articleId: number): Promise<CommentThread[]>;
}

/**
 * One per app instance: the view counter (flushed every second) and the most-read lists
 * (refreshed every minute), with their timers. `stop()` writes pending views.
 */
export class Audience implements ReaderAudience {
  readonly views: ViewCounter;
  readonly board: MostReadBoard;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: AudienceOptions) {
    this.views = new ViewCounter({ db: o.db, dialect: o.dialect, timeZone: o.timeZone, flushMs: o.flushMs ?? 1000, onError: o.onError });
    this.board = new MostReadBoard({ db: o.db, maxAgeMs: o.refreshMs ?? 60_000, onChanged: o.invalidate });
  }

  start(): void {
    this.views.start();
    this.timer = setInterval(() => void this.refresh(), this.o.refreshMs ?? 60_000);
    this.timer.unref();
  }

  /** Once a minute: cached pages re-render with current counts; most-read lists that changed drop their pages. */
  async refresh(): Promise<void> {
    try {
      await this.board.refresh();
    } catch (err) {
      this.o.onError('refreshing most-read lists failed', err);
      // With the database away a dropped page could not be rendered again: keep serving it.
      if (isDatabaseUnavailable(err)) return;
    }
    this.o.invalidate([viewCountsKey]);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.views.stop();
  }

  async mostRead(sectionId?: number, family?: number[]): Promise<ArticleCard[]> {
    try {
      return (await this.board.get(sectionId, family)).map((i) => i.article);
    } catch (err) {
      this.o.onError('reading most-read list failed', err);
      return [];
    }
  }

  comments(articleId: number): Promise<CommentThread[]> {
    return approvedThreads(this.o.db, articleId);
  }
}
