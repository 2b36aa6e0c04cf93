"use client";

// Requests per UTC day for one key, stacked: succeeded, errors (400 and above but 429), and
// rate limited (429), so each bar's height is the day's requests.
import type { ApiKeyUsage } from "@toolboxai/validators";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { chartDays } from "./usage-days";

const SERIES = [
  { key: "ok", name: "Succeeded", color: "var(--primary)" },
  { key: "failed", name: "Errors", color: "var(--destructive)" },
  { key: "limited", name: "Rate limited (429)", color: "var(--warning)" },
] as const;

export function UsageChart({ days, summary }: { days: ApiKeyUsage["days"]; summary: string }) {
  return (
    <figure className="grid gap-2">
      <BarChart
        responsive
        data={chartDays(days)}
        style={{ width: "100%", height: 260 }}
        margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
        accessibilityLayer
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
        <Tooltip
          // Top of the stack first, as the bars read.
          itemSorter={(item) => -SERIES.findIndex((series) => series.key === item.dataKey)}
          cursor={{ fill: "var(--muted)" }}
          contentStyle={{ background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 6 }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {SERIES.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} stackId="requests" fill={s.color} isAnimationActive={false} />
        ))}
      </BarChart>
      <figcaption className="text-muted-foreground text-sm">{summary}</figcaption>
    </figure>
  );
}
