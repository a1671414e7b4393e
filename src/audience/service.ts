import type { Kysely } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { DB } from '../db/schema.js';
import type { ArticleCard } from '../content/stories.js';
import { approvedThreads, type CommentThread } from './comments.js';
import { MostReadBoard } from './trending.js';
import { ViewCounter } from './views.js';

export interface AudienceOptions {
  db: Kysely<DB>;
  dialect: Dialect;
  timeZone: () => string;
  /** Drops this instance's cached pages showing these keys. */
  invalidate: (keys: string[]) => void;
  onError: (message: string, err: unknown) => void;
  flushMs?: number;
  /** How often most-read lists are recomputed. */
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

  /**
   * Once a minute: most-read lists that changed drop the pages showing them. Counts on cached
   * pages are not a reason to render them again: the page script fills in current counts from
   * the counters endpoint, so a hot page is rendered only when what it shows changed.
   */
  async refresh(): Promise<void> {
    try {
      await this.board.refresh();
    } catch (err) {
      // The lists stay as they were, and so do the pages showing them.
      this.o.onError('refreshing most-read lists failed', err);
    }
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
