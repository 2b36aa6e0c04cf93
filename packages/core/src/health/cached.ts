// A value kept for a while and computed once at a time: callers within `ttlMs` of the last
// computation get its outcome (a value or the error it threw), and callers arriving while one
// runs wait for it instead of starting another. Readiness keeps its report this way (so a burst
// of anonymous calls runs the probes once) and the model probe its answer (so the provider's
// model list is asked for about once a minute, whatever the traffic).

export interface Cached<T> {
  /** The kept outcome, or a new one from `compute` when none is fresh. */
  get(compute: () => Promise<T>): Promise<T>;
  /** Forgets the kept outcome (the next `get` computes). */
  clear(): void;
}

export function cachedFor<T>(ttlMs: number, now: () => number = Date.now): Cached<T> {
  let kept: { at: number; outcome: Promise<T> } | null = null;
  let running: Promise<T> | null = null;
  return {
    get(compute) {
      if (kept && now() - kept.at < ttlMs) return kept.outcome;
      if (running) return running;
      const run = Promise.resolve().then(compute);
      running = run;
      const settle = () => {
        if (running !== run) return;
        running = null;
        kept = { at: now(), outcome: run };
      };
      run.then(settle, settle);
      return run;
    },
    clear() {
      kept = null;
      running = null;
    },
  };
}
