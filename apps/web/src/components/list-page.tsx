// The scaffolding the list screens share (content library, question bank, admin users, AI tasks):
// a card with a filter bar, the load error, a table whose body shows skeleton rows until the
// first page arrives, an empty state, and a footer (Load more, or a pager).
import type * as React from "react";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState, type EmptyStateProps } from "~/components/ui/empty-state";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { Pager } from "~/components/ui/pager";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { TableSkeletonRows } from "~/components/ui/table-skeleton-rows";
import { cn } from "~/lib/utils";

export interface ListColumn {
  /** The header's content; a column without a visible header passes an sr-only span. */
  header: React.ReactNode;
  className?: string;
}

export interface ListPageProps<T> {
  /** The filter bar's controls (e.g. FilterField elements). */
  filters: React.ReactNode;
  /** The filter bar's layout (it always has a bottom border and padding). */
  filtersClassName: string;
  /** The read's error, shown above the table as "{errorLabel}: {message}". */
  error: { message: string } | null;
  errorLabel: string;
  /** Offers "Try again" next to the error. */
  onRetry?: () => void;
  /** The table region's aria-busy. */
  busy: boolean;
  /** Announce changes of the table region politely (aria-live). */
  announce?: boolean;
  columns: readonly ListColumn[];
  skeletonRows: number;
  /** The loaded items; undefined until the first page arrives (skeleton rows meanwhile). */
  items: readonly T[] | undefined;
  /** One TableRow per item. */
  renderRow(item: T): React.ReactNode;
  /** Shown below the table when the loaded list is empty. */
  empty: EmptyStateProps;
  /** Load more, or a pager. */
  footer?: React.ReactNode;
  /** Dialogs the rows open. */
  children?: React.ReactNode;
}

export function ListPage<T>({
  filters,
  filtersClassName,
  error,
  errorLabel,
  onRetry,
  busy,
  announce = true,
  columns,
  skeletonRows,
  items,
  renderRow,
  empty,
  footer,
  children,
}: ListPageProps<T>) {
  return (
    <Card className="gap-0 py-0">
      <div className={cn("border-b p-4", filtersClassName)}>{filters}</div>

      {error ? (
        <Alert variant="destructive" className="m-4 w-auto">
          {onRetry ? (
            <AlertDescription className="flex flex-wrap items-center gap-3">
              {errorLabel}: {error.message}
              <Button size="sm" variant="outline" onClick={onRetry}>
                Try again
              </Button>
            </AlertDescription>
          ) : (
            <AlertDescription>
              {errorLabel}: {error.message}
            </AlertDescription>
          )}
        </Alert>
      ) : null}

      <div aria-busy={busy} aria-live={announce ? "polite" : undefined}>
        <Table>
          <TableHeader>
            <TableRow>
              {columns.map((column, i) => (
                <TableHead key={i} className={column.className}>
                  {column.header}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {!items ? <TableSkeletonRows rows={skeletonRows} columns={columns.length} /> : items.map(renderRow)}
          </TableBody>
        </Table>
        {items && items.length === 0 ? (
          <div className="p-8">
            <EmptyState {...empty} />
          </div>
        ) : null}
      </div>

      {footer}
      {children}
    </Card>
  );
}

/** One labelled control of a filter bar. */
export function FilterField({
  label,
  htmlFor,
  className,
  children,
}: {
  label: React.ReactNode;
  htmlFor: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={htmlFor}>{label}</Label>
      {children}
    </div>
  );
}

/** A filter that picks one value of a list, or any ("" is "any"). */
export function SelectFilter<T extends string>({
  label,
  id,
  value,
  onChange,
  options,
  optionLabel,
  anyLabel,
  className,
}: {
  label: React.ReactNode;
  id: string;
  value: NoInfer<T> | "";
  onChange(value: NoInfer<T> | ""): void;
  options: readonly T[];
  /** The text of each option (default: the value itself). */
  optionLabel?: Readonly<Record<NoInfer<T>, string>>;
  /** The text of the "any" option, e.g. "All types". */
  anyLabel: string;
  className?: string;
}) {
  return (
    <FilterField label={label} htmlFor={id} className={className}>
      <NativeSelect id={id} value={value} onChange={(e) => onChange(e.target.value as T | "")}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel ? optionLabel[option] : option}
          </option>
        ))}
      </NativeSelect>
    </FilterField>
  );
}

/** The footer of a list read page by page by number: "12 people · page 1 of 2" and Previous / Next. */
export function ListPager({
  data,
  noun,
  onPage,
}: {
  /** The current page; nothing is shown until it has loaded, nor for an empty list. */
  data: { total: number; page: number; pageCount: number } | undefined;
  /** The item's name: [one, many]. */
  noun: readonly [string, string];
  onPage(page: number): void;
}) {
  if (!data || data.total <= 0) return null;
  return (
    <Pager
      className="border-t p-4"
      page={data.page}
      pageCount={data.pageCount}
      onPage={onPage}
      summary={`${data.total} ${data.total === 1 ? noun[0] : noun[1]} · page ${data.page} of ${data.pageCount}`}
    />
  );
}
