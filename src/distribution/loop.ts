/** A background job that runs every `intervalMs`, and at once when kicked. */
export interface Worker {
  /** Runs again as soon as the current run (if any) ends: there is new work. */
  kick(): void;
  /** Stops the timer and waits for the run in progress. */
  stop(): Promise<void>;
}

/** Runs `run` every `intervalMs` (never two at once); a failed run is logged and the next one tries again. */
export function startLoop(run: () => Promise<unknown>, intervalMs: number, log: (msg: string, err?: unknown) => void, what: string): Worker {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let again = false;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    again = false;
    running = run()
      .catch((err: unknown) => log(`${what} failed; will retry`, err))
      .finally(() => {
        busy = false;
        if (again) tick();
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
