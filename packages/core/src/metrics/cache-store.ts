// What the metrics cache keeps its answers in: Redis (cache.ts) or this process's memory
// (cache-memory.ts), behind one interface.

/** A stored answer. */
export interface Entry<T = unknown> {
  /** The generations the answer was computed under: `{organization}.{scope}`. */
  g: string;
  /** When it was computed (ms). */
  at: number;
  /** When it was stored (ms). */
  st: number;
  v: T;
}

export interface Store {
  /** The generation tag of the organization and scope, and the live answer stored under it, if any. */
  read<T>(orgId: string, scope: string, id: string): Promise<{ generation: string; entry: Entry<T> | null }>;
  /**
   * Computes and stores the answer, unless another instance is already computing it: then waits
   * for theirs (`shared`). With `force`, only an answer stored after `since` is taken.
   */
  computeOnce<T>(
    orgId: string,
    scope: string,
    id: string,
    generation: string,
    ttlSeconds: number,
    compute: () => Promise<T>,
    opts: { force: boolean; since: number },
  ): Promise<{ entry: Entry<T>; shared: boolean }>;
  invalidate(orgId: string): Promise<number>;
  /** Bumps the generations of these scope parts ("org", "teacher:<id>"); resolves to their number. */
  invalidateScopes(orgId: string, scopes: string[]): Promise<number>;
}
