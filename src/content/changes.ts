import { EventEmitter } from 'node:events';

/**
 * What changed, as cache keys (the same strings pages are tagged with):
 * `article:ID`, `section:ID`, `tag:ID`, `person:ID`, `home`, `feeds`, `taxonomy`.
 * The domain announces changes after they are committed; the page cache (and, with
 * several instances, a cross-instance channel) listens.
 */
export interface ContentChange {
  keys: string[];
}

export class ContentEvents extends EventEmitter<{ changed: [ContentChange] }> {
  announce(keys: Iterable<string>): void {
    this.emit('changed', { keys: [...new Set(keys)] });
  }
}
