// A chart with its text alternatives: a one-sentence summary under it (read by everyone) and the
// numbers behind it as a table in a "Show as table" disclosure, reachable by keyboard and read
// by screen readers (the drawing itself is a single image named by the summary).
import type { ReactNode } from "react";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { cn } from "~/lib/utils";

export interface FigureColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

export function ChartFigure<Row>({
  chart,
  summary,
  rows,
  columns,
  rowKey,
  tableCaption,
  className,
  testId,
}: {
  chart: ReactNode;
  summary: ReactNode;
  rows: readonly Row[];
  columns: readonly FigureColumn<Row>[];
  rowKey: (row: Row) => string;
  /** Names the table for screen readers ("Daily active users per day"). */
  tableCaption: string;
  className?: string;
  testId?: string;
}) {
  return (
    // minmax(0, 1fr): the figure never grows to its table's width (the chart measures the figure).
    <figure className={cn("grid grid-cols-[minmax(0,1fr)] gap-2", className)} data-testid={testId}>
      {chart}
      <figcaption className="text-muted-foreground text-sm">{summary}</figcaption>
      <details className="group text-sm">
        <summary className="w-fit cursor-pointer rounded-sm text-primary underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring">
          Show as table
        </summary>
        {/* The one scrolling box (focusable, so keyboards can scroll it): a plain table inside. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus so keyboards can scroll it (WCAG 2.1.1) */}
        <section className="mt-2 max-h-80 overflow-auto rounded-md border" tabIndex={0} aria-label={tableCaption}>
          <table data-slot="table" className="w-full caption-bottom text-sm">
            <caption className="sr-only">{tableCaption}</caption>
            <TableHeader>
              <TableRow>
                {columns.map((c) => (
                  <TableHead key={c.header} className={c.numeric ? "text-right" : undefined}>
                    {c.header}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={rowKey(row)}>
                  {columns.map((c) => (
                    <TableCell key={c.header} className={c.numeric ? "text-right tabular-nums" : undefined}>
                      {c.cell(row)}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </table>
        </section>
      </details>
    </figure>
  );
}
