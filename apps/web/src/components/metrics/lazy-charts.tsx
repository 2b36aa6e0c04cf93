"use client";

// recharts loads only on the pages that draw a chart, and only in the browser (its responsive
// container measures the page), with a placeholder of the chart's height meanwhile.
import dynamic from "next/dynamic";
import { Skeleton } from "~/components/ui/skeleton";

const placeholder = () => <Skeleton className="h-[220px] w-full" />;

export const LineChartView = dynamic(() => import("./charts").then((m) => m.LineChartView), {
  ssr: false,
  loading: placeholder,
});

export const BarChartView = dynamic(() => import("./charts").then((m) => m.BarChartView), {
  ssr: false,
  loading: placeholder,
});

export type { ChartDatum, ChartSeries } from "./charts";
