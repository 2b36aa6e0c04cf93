// How a task's work joins the request chain that queued it. The ids live in @toolboxai/core
// (correlation/), above this package, so the process that runs tasks passes its implementation
// in (core's `taskCorrelation`); without one, attempts run in whatever scope they were started
// from and model calls send no correlation headers.
export interface TaskCorrelation {
  /** Runs one attempt of the task inside the correlation of the request that queued it. */
  run<T>(task: { id: string; correlationId: string | null }, attempt: () => Promise<T>): Promise<T>;
  /** The correlation headers an outgoing call (to the model server) sends from the current scope. */
  outgoingHeaders(): Record<string, string>;
}
