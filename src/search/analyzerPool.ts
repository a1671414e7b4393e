// Where a rebuild analyzes stories: in worker threads when the archive is large and the machine
// has a core to spare (analysis then overlaps the database writes, which must stay on the
// thread that holds the connection), else in this thread. The results are the same.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyzeStories, VocabularyTally, type AnalyzedStory, type StoredStory } from './document.js';

export type PoolRequest = { kind: 'stories'; seq: number; stories: StoredStory[] } | { kind: 'finish' };
export type PoolReply = { kind: 'fields'; seq: number; docs: AnalyzedStory[] } | { kind: 'vocabulary'; words: [string, number][] };

export interface AnalyzerPool {
  /** Index fields of the stories (word forms are tallied for `finish`). */
  analyze(stories: StoredStory[]): Promise<AnalyzedStory[]>;
  /** Word forms of everything analyzed, with counts; the pool is closed afterwards. */
  finish(): Promise<Map<string, number>>;
  /** Stops the workers (also after an error). */
  close(): Promise<void>;
}

/** Below this many stories, starting a worker costs more than it saves. */
const MIN_STORIES_FOR_WORKERS = 5_000;

/** Workers for a rebuild of `stories` stories: one core is left for the database writes. */
export function defaultWorkers(stories: number): number {
  return stories < MIN_STORIES_FOR_WORKERS ? 0 : Math.min(3, availableParallelism() - 1);
}

export function createAnalyzerPool(workers: number): AnalyzerPool {
  return workers > 0 ? new WorkerPool(workers) : inThreadPool();
}

function inThreadPool(): AnalyzerPool {
  const tally = new VocabularyTally();
  return {
    analyze: async (stories) => analyzeStories(stories, tally),
    finish: async () => tally.words(),
    close: async () => undefined,
  };
}

/** The worker script: the compiled .js beside this module, or the .ts source under tsx (tests, dev). */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const script = new URL(`./indexWorker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(script);
  // A worker does not inherit tsx's loader: register it there before loading the source.
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); })`, { eval: true });
}

interface Waiting<T> {
  resolve(value: T): void;
  reject(err: Error): void;
}

class WorkerPool implements AnalyzerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Waiting<AnalyzedStory[]>>();
  private readonly vocabularies: Waiting<[string, number][]>[] = [];
  private seq = 0;
  private failure: Error | undefined;

  constructor(count: number) {
    for (let i = 0; i < count; i++) {
      const w = startWorker();
      w.on('message', (m: PoolReply) => {
        if (m.kind === 'fields') {
          this.pending.get(m.seq)?.resolve(m.docs);
          this.pending.delete(m.seq);
        } else this.vocabularies[i]?.resolve(m.words);
      });
      w.on('error', (err) => this.fail(err));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`search analyzer worker stopped with exit code ${code}`));
      });
      this.workers.push(w);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const v of this.vocabularies) v.reject(err);
  }

  analyze(stories: StoredStory[]): Promise<AnalyzedStory[]> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      const request: PoolRequest = { kind: 'stories', seq, stories };
      this.workers[seq % this.workers.length]!.postMessage(request);
    });
  }

  async finish(): Promise<Map<string, number>> {
    try {
      const parts = await Promise.all(
        this.workers.map(
          (w, i) =>
            new Promise<[string, number][]>((resolve, reject) => {
              if (this.failure) return reject(this.failure);
              this.vocabularies[i] = { resolve, reject };
              const request: PoolRequest = { kind: 'finish' };
              w.postMessage(request);
            }),
        ),
      );
      const words = new Map<string, number>();
      for (const part of parts) for (const [w, n] of part) words.set(w, (words.get(w) ?? 0) + n);
      return words;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    this.failure ??= new Error('search analyzer pool closed');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
