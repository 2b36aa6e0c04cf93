"use client";

// One key's usage over the last 30 days: requests per day (the chart), the totals, and the
// busiest operations. Read when the dialog opens.
import { API_KEY_USAGE_DAYS, type ApiKeyView } from "@toolboxai/validators";
import { BarChart3 } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { LoadError } from "~/components/load-error";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "~/components/ui/dialog";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { plural } from "~/lib/plural";
import { api } from "~/trpc/react";

// recharts is only needed once someone opens a key's usage.
const UsageChart = dynamic(() => import("./usage-chart").then((m) => m.UsageChart), {
  ssr: false,
  loading: () => <Skeleton className="h-[260px] w-full" />,
});

const TOP_ENDPOINTS = 10;
const number = new Intl.NumberFormat("en");

function UsageBody({ keyId }: { keyId: string }) {
  const usage = api.apiKeys.usage.useQuery({ keyId });
  if (usage.isPending) {
    return (
      <div className="grid gap-3" aria-busy="true">
        <span className="sr-only" role="status">
          Loading usage
        </span>
        <Skeleton className="h-[260px] w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (usage.isError) {
    return (
      <LoadError
        title="Couldn't load this key's usage"
        message={usage.error.message}
        onRetry={() => void usage.refetch()}
      />
    );
  }
  const { totals, days, endpoints } = usage.data;
  if (totals.requests === 0) {
    return (
      <EmptyState
        icon={BarChart3}
        title={`No requests in the last ${API_KEY_USAGE_DAYS} days`}
        description="Requests made with this key show here per day, with errors and rate-limited ones."
      />
    );
  }
  const summary = `${plural(totals.requests, "request")} in the last ${API_KEY_USAGE_DAYS} days: ${plural(
    totals.errors,
    "error",
  )}, ${number.format(totals.limited)} rate limited (429). Days are UTC.`;
  return (
    <div className="grid gap-4">
      <dl className="grid grid-cols-3 gap-3 text-center">
        {[
          ["Requests", totals.requests],
          ["Errors", totals.errors],
          ["Rate limited", totals.limited],
        ].map(([label, value]) => (
          <div key={label} className="rounded-md border p-3">
            <dt className="text-muted-foreground text-xs">{label}</dt>
            <dd className="font-semibold text-xl tabular-nums">{number.format(Number(value))}</dd>
          </div>
        ))}
      </dl>
      <UsageChart days={days} summary={summary} />
      <div className="grid gap-2">
        <h3 className="font-medium text-sm">Top endpoints</h3>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Operation</TableHead>
              <TableHead className="text-right">Requests</TableHead>
              <TableHead className="text-right">Errors</TableHead>
              <TableHead className="text-right">429s</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {endpoints.slice(0, TOP_ENDPOINTS).map((e) => (
              <TableRow key={e.endpoint}>
                <TableCell className="max-w-[20rem] truncate font-mono text-xs" title={e.endpoint}>
                  {e.endpoint}
                </TableCell>
                <TableCell className="text-right tabular-nums">{number.format(e.requests)}</TableCell>
                <TableCell className="text-right tabular-nums">{number.format(e.errors)}</TableCell>
                <TableCell className="text-right tabular-nums">{number.format(e.limited)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

export function UsageDialog({ apiKey, onClose }: { apiKey: ApiKeyView | null; onClose(): void }) {
  const [shown, setShown] = useState<ApiKeyView | null>(apiKey);
  if (apiKey && apiKey !== shown) setShown(apiKey);
  return (
    <Dialog open={apiKey !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>Usage of “{shown?.name}”</DialogTitle>
          <DialogDescription>
            {shown?.prefix}… · requests per day over the last {API_KEY_USAGE_DAYS} days
          </DialogDescription>
        </DialogHeader>
        {apiKey ? <UsageBody keyId={apiKey.id} /> : null}
      </DialogContent>
    </Dialog>
  );
}
