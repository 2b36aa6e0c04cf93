// One number on a dashboard: what it is, the value, and what it means (a caption, always shown:
// a tooltip alone is out of reach for touch and keyboard users).
import type { LucideIcon } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader } from "~/components/ui/card";
import { formatMetric, type MetricUnit } from "./format";

export interface MetricCardProps {
  label: string;
  value: number | null;
  unit?: MetricUnit;
  /** What the number counts, in a few words. */
  caption: string;
  icon?: LucideIcon;
  /** A note under the value ("no sign-ups last week"). */
  note?: React.ReactNode;
}

export function MetricCard({ label, value, unit = "count", caption, icon: Icon, note }: MetricCardProps) {
  return (
    <Card className="gap-2 py-4" data-testid="metric-card">
      <CardHeader className="flex flex-row items-center justify-between space-y-0 px-4">
        <CardDescription>{label}</CardDescription>
        {Icon ? <Icon className="size-4 text-muted-foreground" aria-hidden /> : null}
      </CardHeader>
      <CardContent className="grid gap-1 px-4">
        <p className="font-semibold text-2xl tabular-nums" data-testid="metric-value">
          {formatMetric(value, unit)}
        </p>
        {note ? <p className="text-muted-foreground text-xs italic">{note}</p> : null}
        <p className="text-muted-foreground text-xs">{caption}</p>
      </CardContent>
    </Card>
  );
}

/** A titled group of metric cards (users, content, engagement, system). */
export function MetricGroup({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `metrics-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="grid gap-3">
      <h2 id={id} className="font-semibold text-lg">
        {title}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-5">{children}</div>
    </section>
  );
}
