"use client";

// The circuit breaker of each process that runs generation tasks (the web server and any
// apps/worker processes), as each reports it every 10 seconds: closed (model calls go through),
// half-open (the next call tests whether the model is back), open (calls are paused).
import type { AiBreakers } from "@toolboxai/validators";
import { Server } from "lucide-react";
import { LoadError } from "~/components/load-error";
import { RelativeTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { api } from "~/trpc/react";

type Breaker = AiBreakers["breaker"];

const BREAKER: Record<Breaker, { label: string; hint: string; variant: "success" | "warning" | "destructive" }> = {
  closed: { label: "Closed", hint: "Model calls go through.", variant: "success" },
  "half-open": { label: "Half-open", hint: "The next model call tests whether the model is back.", variant: "warning" },
  open: {
    label: "Open",
    hint: "The model failed repeatedly: calls are paused and tasks wait to retry.",
    variant: "destructive",
  },
};

const ROLE_LABEL = { web: "Web server", worker: "Worker" } as const;

export function BreakerBadge({ state }: { state: Breaker }) {
  const b = BREAKER[state];
  return (
    <Badge variant={b.variant} title={b.hint}>
      {b.label}
    </Badge>
  );
}

export function WorkerBreakers() {
  const breakers = api.aiAdmin.breakers.useQuery(undefined, { refetchInterval: 10_000 });
  return (
    <Card className="gap-0 pb-0">
      <CardHeader className="pb-4">
        <CardTitle>
          <h2>Worker processes</h2>
        </CardTitle>
        <CardDescription>
          Each process that runs generation tasks and its circuit breaker. A process reports every 10 seconds and drops
          off after 30 seconds of silence.
          {breakers.data ? (
            <>
              {" "}
              Overall: <BreakerBadge state={breakers.data.breaker} /> {BREAKER[breakers.data.breaker].hint}
            </>
          ) : null}
        </CardDescription>
      </CardHeader>
      {breakers.error ? (
        <CardContent className="pb-6">
          <LoadError
            title="Couldn't load the worker processes"
            message={breakers.error.message}
            onRetry={() => void breakers.refetch()}
          />
        </CardContent>
      ) : !breakers.data ? (
        <CardContent className="pb-6" data-testid="ai-breakers-loading">
          <Skeleton className="h-24" />
        </CardContent>
      ) : breakers.data.processes === null ? (
        <CardContent className="pb-6">
          <p className="text-sm">The breaker board can't be read right now (is Redis reachable?).</p>
        </CardContent>
      ) : breakers.data.processes.length === 0 ? (
        <CardContent className="pb-6">
          <EmptyState
            icon={Server}
            title="No process is running tasks"
            description="Queued generations wait until an agent worker starts (pnpm --filter @toolboxai/worker start)."
          />
        </CardContent>
      ) : (
        <Table aria-label="Worker processes">
          <TableHeader>
            <TableRow>
              <TableHead>Process</TableHead>
              <TableHead className="hidden md:table-cell">Host</TableHead>
              <TableHead className="hidden md:table-cell">PID</TableHead>
              <TableHead>Breaker</TableHead>
              <TableHead>Last seen</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {breakers.data.processes.map((p) => (
              <TableRow key={p.name} data-testid="ai-worker-process">
                <TableCell>
                  <div className="font-medium">{ROLE_LABEL[p.role]}</div>
                  <code className="text-muted-foreground text-xs">{p.name}</code>
                </TableCell>
                <TableCell className="hidden md:table-cell">{p.host}</TableCell>
                <TableCell className="hidden tabular-nums md:table-cell">{p.pid}</TableCell>
                <TableCell>
                  <BreakerBadge state={p.breaker} />
                </TableCell>
                <TableCell className="text-muted-foreground text-sm">
                  {p.lastSeenAt ? <RelativeTime value={p.lastSeenAt} /> : "Unknown"}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
