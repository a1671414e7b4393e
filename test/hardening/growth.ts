import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before each timed batch, so garbage left by one batch is not paid by the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Median of a list of numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * How much longer `run` takes on input of size 2n than of size n: ~2 for linear work, ~4 for
 * quadratic. Inputs are built once, both sizes are warmed up, each timing repeats the call
 * enough times to last at least `minBatchMs`, and the two sizes alternate over `rounds` rounds
 * so that a busy moment on a shared machine hits both; the ratio of the medians of the
 * process's CPU time is returned.
 */
export function growthRatio<T>(make: (n: number) => T, run: (input: T) => unknown, n: number, o: { rounds?: number; minBatchMs?: number } = {}): { ratio: number; msSmall: number; msLarge: number } {
  const rounds = o.rounds ?? 9;
  const minBatchMs = o.minBatchMs ?? 50;
  const small = make(n);
  const large = make(2 * n);
  for (let i = 0; i < 3; i++) {
    run(small);
    run(large);
  }
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) run(small);
    if (performance.now() - t0 >= minBatchMs || reps >= 1 << 16) break;
    reps *= 2;
  }
  // CPU time, not wall time: while other processes hold the cores this process is not charged.
  const batch = (input: T) => {
    gc();
    const t0 = process.cpuUsage();
    for (let i = 0; i < reps; i++) run(input);
    const d = process.cpuUsage(t0);
    return (d.user + d.system) / 1000 / reps;
  };
  const s: number[] = [];
  const l: number[] = [];
  for (let r = 0; r < rounds; r++) {
    s.push(batch(small));
    l.push(batch(large));
  }
  const msSmall = median(s);
  const msLarge = median(l);
  return { ratio: msLarge / msSmall, msSmall, msLarge };
}
