// Runs in a worker thread during a rebuild (see analyzerPool.ts): turns stories into index
// fields and tallies their word forms, so the main thread can keep writing to the database.

import { parentPort } from 'node:worker_threads';
import { analyzeStories, VocabularyTally } from './document.js';
import type { PoolReply, PoolRequest } from './analyzerPool.js';

const port = parentPort;
if (!port) throw new Error('indexWorker.ts runs as a worker thread');
const tally = new VocabularyTally();

port.on('message', (m: PoolRequest) => {
  const reply: PoolReply =
    m.kind === 'stories' ? { kind: 'fields', seq: m.seq, docs: analyzeStories(m.stories, tally) } : { kind: 'vocabulary', words: [...tally.words()] };
  port.postMessage(reply);
});
