// Distribution as a process runs it: the outbox worker (with the fan-out handler) and the
// delivery worker, both polling every second, and woken at once when this process commits a
// story change (the ChangeFeed) or the fan-out made new deliveries.
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/dialect.js';
import type { DB } from '../db/schema.js';
import type { ChangeFeed } from '../content/changes.js';
import { startOutboxWorker } from './outbox.js';
import { fanoutHandler } from './fanout.js';
import { startDeliveryWorker, type DeliveryWorkerDeps } from './deliveryWorker.js';
import { SecretError, secretKeyFromEnv, type SecretKey } from './secrets.js';

export interface DistributionDeps extends DeliveryWorkerDeps {
  db: Kysely<DB>;
  dialect: Dialect;
  /** This process's change feed; without one the workers only poll. */
  feed?: ChangeFeed;
  /** Poll interval of both workers. */
  intervalMs?: number;
}

export interface Distribution {
  /** Stops both workers; deliveries in flight finish and are recorded. */
  stop(): Promise<void>;
}

export function startDistribution(deps: DistributionDeps): Distribution {
  const log = deps.log ?? ((msg: string, err?: unknown) => console.error(`khabar: ${msg}`, err ?? ''));
  const intervalMs = deps.intervalMs ?? 1_000;
  const delivery = startDeliveryWorker({ ...deps, log }, intervalMs);
  const outbox = startOutboxWorker({ db: deps.db, dialect: deps.dialect }, [fanoutHandler], intervalMs, log, () => delivery.kick());
  const unsubscribe = deps.feed?.subscribe((e) => {
    if (e.type.startsWith('article.')) outbox.kick();
  });
  return {
    async stop() {
      unsubscribe?.();
      await outbox.stop();
      await delivery.stop();
    },
  };
}

/**
 * KHABAR_SECRET_KEY for the workers: null when unset (channels without secrets still work; the
 * others wait and say why), and a start-up error when it is set but malformed.
 */
export function secretKeyForWorkers(env: NodeJS.ProcessEnv = process.env): SecretKey | null {
  try {
    return secretKeyFromEnv(env);
  } catch (e) {
    if (e instanceof SecretError && e.problem === 'keyMissing') return null;
    throw e;
  }
}
