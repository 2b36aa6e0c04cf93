"use client";

// The two chart kinds the metrics pages draw, on recharts: lines (trends over days) and bars
// (hourly activity, completion per assignment stacked, a score histogram). Each is drawn inside
// a ChartFigure, which gives it a text summary and a table for screen readers and keyboards, so
// the drawing itself is one image to assistive tech (role="img" named by the summary) and takes
// no focus (recharts' keyboard layer is off).
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartSeries {
  /** The data field this series reads. */
  key: string;
  name: string;
  color: string;
}

export type ChartDatum = Record<string, string | number | null>;

interface ChartProps {
  data: ChartDatum[];
  /** The field on the horizontal axis (its label per datum). */
  xKey: string;
  series: readonly ChartSeries[];
  /** The drawing's accessible name: what it shows, in one sentence. */
  label: string;
  height?: number;
  /** A fixed top for the vertical axis (100 for percentages). */
  yMax?: number;
  /** Whether the vertical axis shows only whole numbers (counts). */
  wholeNumbers?: boolean;
  /** Label every category (a few long names) instead of thinning the labels to fit. */
  everyLabel?: boolean;
}

const TOOLTIP_STYLE = { background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 6 };
const TICK = { fontSize: 12, fill: "var(--muted-foreground)" };

export function LineChartView({ data, xKey, series, label, height = 220, yMax, wholeNumbers = false }: ChartProps) {
  return (
    <div role="img" aria-label={label} data-testid="chart">
      <LineChart
        responsive
        data={data}
        style={{ width: "100%", height }}
        margin={{ top: 8, right: 12, bottom: 0, left: -12 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
        <XAxis dataKey={xKey} tick={TICK} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={TICK} allowDecimals={!wholeNumbers} domain={[0, yMax ?? "auto"]} />
        <Tooltip contentStyle={TOOLTIP_STYLE} />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
        {series.map((s) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            dot={data.length <= 31}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}

export function BarChartView({
  data,
  xKey,
  series,
  label,
  height = 220,
  yMax,
  wholeNumbers = true,
  stacked = false,
  everyLabel = false,
}: ChartProps & { stacked?: boolean }) {
  return (
    <div role="img" aria-label={label} data-testid="chart">
      <BarChart
        responsive
        data={data}
        style={{ width: "100%", height }}
        margin={{ top: 8, right: 12, bottom: 0, left: -12 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
        <XAxis dataKey={xKey} tick={TICK} interval={everyLabel ? 0 : "preserveStartEnd"} minTickGap={8} />
        <YAxis tick={TICK} allowDecimals={!wholeNumbers} domain={[0, yMax ?? "auto"]} />
        <Tooltip cursor={{ fill: "var(--muted)" }} contentStyle={TOOLTIP_STYLE} />
        {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color}
            stackId={stacked ? "stack" : undefined}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </div>
  );
}
