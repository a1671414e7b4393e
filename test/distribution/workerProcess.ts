// A Khabar distribution worker in a process of its own, for the multi-instance and crash tests:
// it runs the real outbox (fan-out) and the real delivery worker against the database named in
// argv until there is nothing left to do, then prints what it did as JSON. In the `die-*` modes
// it kills itself (SIGKILL, no cleanup) at a chosen point of a delivery to one channel type:
// - die-before: after the claim was committed, before the adapter sends anything;
// - die-after:  after the service answered, before the outcome is recorded.
// (For "during", the test kills this process while a local service holds the request open.)
import { openDatabase } from '../../src/db/connect.js';
import { dispatchPending } from '../../src/distribution/outbox.js';
import { fanoutHandler } from '../../src/distribution/fanout.js';
import { DeliveryWorker } from '../../src/distribution/deliveryWorker.js';
import { channelTypes, type ChannelTypeInfo } from '../../src/distribution/channels/index.js';
import type { ChannelType } from '../../src/distribution/channels/types.js';
import { parseSecretKey } from '../../src/distribution/secrets.js';

export interface WorkerProcessConfig {
  mode: 'run' | 'die-before' | 'die-after';
  /** The channel type whose delivery the process dies at (all types for die-before when absent). */
  killType?: ChannelType;
  concurrency: number;
  staleAfterMs: number;
  publicUrl: string;
  /** Give up after this long even if work remains. */
  maxMs: number;
  /** Print `ready` and wait for a line on stdin before starting (so two processes start together). */
  waitForGo?: boolean;
}

export interface WorkerProcessReport {
  workerId: string;
  dispatched: number;
  sent: number;
  retry: number;
  failed: number;
  unknown: number;
  skipped: number;
  inDoubt: number;
}

const [kind, target, schema, json] = process.argv.slice(2);
const cfg = JSON.parse(json!) as WorkerProcessConfig;
const database =
  kind === 'postgres'
    ? await openDatabase({ kind: 'postgres', url: target! }, { schema: schema!, poolSize: 4 })
    : await openDatabase({ kind: 'sqlite', file: target! });

const die = (stage: string) => {
  process.stdout.write(`${stage}\n`);
  process.kill(process.pid, 'SIGKILL');
};

const types = Object.fromEntries(
  Object.entries(channelTypes).map(([type, info]): [string, ChannelTypeInfo] => {
    const hit = cfg.mode !== 'run' && (cfg.killType === undefined || cfg.killType === type);
    if (!hit) return [type, info];
    const adapter = {
      ...info.adapter,
      async deliver(input: Parameters<typeof info.adapter.deliver>[0]) {
        if (cfg.mode === 'die-before') die(`claimed ${type}`);
        const outcome = await info.adapter.deliver(input);
        die(`answered ${type} ${outcome.status}`);
        return outcome;
      },
    };
    return [type, { ...info, adapter }];
  }),
) as Record<ChannelType, ChannelTypeInfo>;

const worker = new DeliveryWorker({
  db: database.db,
  dialect: database.dialect,
  publicUrl: cfg.publicUrl,
  secretKey: parseSecretKey(process.env.KHABAR_SECRET_KEY),
  types,
  options: { concurrency: cfg.concurrency, staleAfterMs: cfg.staleAfterMs, timeoutMs: 5000 },
  log: (msg, err) => process.stderr.write(`${msg} ${err ?? ''}\n`),
});
if (cfg.waitForGo) {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
}
const report: WorkerProcessReport = { workerId: worker.workerId, dispatched: 0, sent: 0, retry: 0, failed: 0, unknown: 0, skipped: 0, inDoubt: 0 };
const deadline = Date.now() + cfg.maxMs;
process.stderr.write(`worker ${worker.workerId} started\n`);
// Idle for a second: the other instance may still be fanning out what this one will deliver.
let idleSince = Date.now();
while (Date.now() < deadline && Date.now() - idleSince < 1000) {
  const d = await dispatchPending({ db: database.db, dialect: database.dialect }, [fanoutHandler]);
  const r = await worker.deliverDue();
  report.dispatched += d.dispatched.length;
  for (const k of ['sent', 'retry', 'failed', 'unknown', 'skipped', 'inDoubt'] as const) report[k] += r[k];
  const did = d.dispatched.length + r.sent + r.retry + r.failed + r.unknown + r.skipped + r.inDoubt;
  if (did > 0) idleSince = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await database.close();
process.stdout.write(JSON.stringify(report));
