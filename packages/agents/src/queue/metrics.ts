// agent_queue_size{state}: each queue reports its waiting, active and delayed tasks to this
// process's Prometheus registry, read at scrape time (a collect callback), until it is closed.
import { platformMetrics } from "@toolboxai/observability/metrics";
import type { TaskQueue } from "./types";

export function withQueueSizeGauge<Q extends TaskQueue>(queue: Q): Q {
  const stop = platformMetrics().observeQueue(() => queue.counts());
  const close = queue.close.bind(queue);
  queue.close = async () => {
    stop();
    await close();
  };
  return queue;
}
