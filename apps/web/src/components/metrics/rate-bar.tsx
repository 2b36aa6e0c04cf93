// A share drawn as a short bar beside its number (the number carries the meaning).
import { formatMetric } from "./format";

export function RateBar({ value }: { value: number | null }) {
  if (value === null) return <span className="text-muted-foreground">—</span>;
  const width = Math.min(100, Math.max(0, value));
  return (
    <span className="inline-flex items-center justify-end gap-2">
      <span aria-hidden className="h-2 w-20 overflow-hidden rounded-full bg-muted">
        <span
          className={`block h-full rounded-full ${width >= 70 ? "bg-success" : width >= 40 ? "bg-warning" : "bg-destructive"}`}
          style={{ width: `${width}%` }}
        />
      </span>
      <span className="w-12 text-right tabular-nums">{formatMetric(value, "percent")}</span>
    </span>
  );
}
