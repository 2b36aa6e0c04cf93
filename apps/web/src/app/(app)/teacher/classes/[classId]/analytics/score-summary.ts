// The score histogram's text: how many submissions, the most common band (every band tied for it,
// not just the first) and the band of the median score, and the short axis labels ("30s").
import type { ClassAnalytics } from "@toolboxai/validators";
import { plural } from "~/lib/plural";

type Bucket = ClassAnalytics["score_distribution"][number];

/** "30s" for 30-39%: short enough for all ten bands to be labelled under the bars. */
export function shortBucketLabel(bucket: Pick<Bucket, "min">): string {
  return `${bucket.min}s`;
}

/** "a, b and c" */
function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * "6 quiz submissions; most common: 30-39%, 50-59% and 70-79% (2 submissions each); median in 50-59%."
 */
export function scoreSummary(buckets: readonly Bucket[]): string {
  const total = buckets.reduce((n, b) => n + b.count, 0);
  if (total === 0) return "No quiz submitted in this range.";
  const most = Math.max(...buckets.map((b) => b.count));
  const tied = buckets.filter((b) => b.count === most).map((b) => b.bucket);
  const each = tied.length > 1 ? " each" : "";
  // The median submission's band: the first band where the running count reaches half.
  let seen = 0;
  const median = buckets.find((b) => {
    seen += b.count;
    return seen >= total / 2;
  });
  return `${plural(total, "quiz submission")}; most common: ${list(tied)} (${plural(most, "submission")}${each}); median in ${median?.bucket ?? ""}.`;
}
