"use client";

// The System page: a card per dependency (ready or not, how long it took, what went wrong), the
// metrics cache's lookups with "Clear metrics cache", realtime connections and the version.
import type { ReadinessComponent, SystemStatus } from "@toolboxai/validators";
import { READINESS_COMPONENTS } from "@toolboxai/validators";
import { RefreshCw } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LoadError } from "~/components/load-error";
import { LocalTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";

const PART_LABEL: Record<ReadinessComponent, string> = {
  database: "Database",
  redis: "Redis",
  queue: "Task queue",
  realtime: "Realtime server",
  model: "AI model provider",
};
const PART_ROLE: Record<ReadinessComponent, string> = {
  database: "Everything is stored here.",
  redis: "Shared limits, sessions and the task queue between servers.",
  queue: "Runs AI generation tasks.",
  realtime: "Live updates; pages refresh on their own without it.",
  model: "Writes AI drafts; the rest of the app works without it.",
};

export function SystemStatusView() {
  const status = api.system.status.useQuery(undefined, { refetchOnWindowFocus: false });
  if (status.error)
    return (
      <LoadError
        title="The system status could not be loaded"
        message={status.error.message}
        onRetry={() => void status.refetch()}
      />
    );
  if (!status.data)
    return (
      <div
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
        role="status"
        aria-busy="true"
        aria-label="Checking the system"
      >
        {READINESS_COMPONENTS.map((part) => (
          <Skeleton key={part} className="h-32 w-full" />
        ))}
      </div>
    );
  const data = status.data;
  return (
    <div className="grid gap-6">
      <section aria-labelledby="readiness-title" className="grid gap-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="readiness-title" className="font-semibold text-lg">
            Dependencies{" "}
            <Badge variant={data.readiness.status === "ready" ? "success" : "destructive"}>
              {data.readiness.status === "ready" ? "Ready" : "Not ready"}
            </Badge>
          </h2>
          <div className="flex items-center gap-3 text-muted-foreground text-sm">
            <span>
              Checked <LocalTime value={new Date(data.time)} options={{ timeStyle: "medium" }} />
            </span>
            <Button variant="outline" size="sm" onClick={() => void status.refetch()} disabled={status.isFetching}>
              <RefreshCw className="size-4" aria-hidden />
              {status.isFetching ? "Checking…" : "Check again"}
            </Button>
          </div>
        </div>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {READINESS_COMPONENTS.map((part) => (
            <li key={part}>
              <DependencyCard part={part} check={data.readiness.checks[part]} />
            </li>
          ))}
        </ul>
      </section>
      <div className="grid gap-4 lg:grid-cols-3">
        <CacheCard cache={data.metricsCache} />
        <RealtimeCard realtime={data.realtime} />
        <VersionCard version={data.version} />
      </div>
    </div>
  );
}

function DependencyCard({
  part,
  check,
}: {
  part: ReadinessComponent;
  check: SystemStatus["readiness"]["checks"][ReadinessComponent] | undefined;
}) {
  const state = check?.status ?? "not_configured";
  return (
    <Card className="h-full">
      <CardHeader>
        <CardTitle className="flex items-center justify-between gap-2">
          <h3 className="text-base">{PART_LABEL[part]}</h3>
          {state === "up" ? (
            <Badge variant="success">Ready</Badge>
          ) : state === "down" ? (
            <Badge variant="destructive">Not ready</Badge>
          ) : (
            <Badge variant="secondary">Not configured</Badge>
          )}
        </CardTitle>
        <CardDescription>
          {PART_ROLE[part]} {check?.required ? "Required." : "Optional."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-1 text-sm">
        {check?.detail ? <p>{check.detail}</p> : null}
        {state !== "not_configured" && check ? (
          <p className="text-muted-foreground">Answered in {check.latencyMs} ms</p>
        ) : null}
        {check?.error ? <p className="text-destructive">{check.error}</p> : null}
      </CardContent>
    </Card>
  );
}

function CacheCard({ cache }: { cache: SystemStatus["metricsCache"] }) {
  const [confirming, setConfirming] = useState(false);
  const utils = api.useUtils();
  const clear = api.system.clearMetricsCache.useMutation({
    async onSuccess(result) {
      setConfirming(false);
      toast.success(
        result.invalidated === 1
          ? "The metrics cache was cleared (1 answer dropped)"
          : `The metrics cache was cleared (${result.invalidated} answers dropped)`,
      );
      await utils.system.status.invalidate();
    },
    onError(error) {
      setConfirming(false);
      toast.error(error.message);
    },
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h3 className="text-base">Metrics cache</h3>
        </CardTitle>
        <CardDescription>Dashboard numbers kept for a few minutes, since this server started.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <dl className="grid grid-cols-3 gap-2">
          <Stat label="Hits" value={String(cache.hits)} />
          <Stat label="Misses" value={String(cache.misses)} />
          <Stat label="Hit rate" value={cache.hitRate === null ? "–" : `${Math.round(cache.hitRate * 100)}%`} />
        </dl>
        <div>
          <Button variant="outline" size="sm" onClick={() => setConfirming(true)}>
            Clear metrics cache
          </Button>
        </div>
        <ConfirmDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title="Clear the metrics cache?"
          description="Every cached dashboard and report of your school is dropped on every server. Nothing is lost: the next request computes the numbers again, a little more slowly."
          confirmLabel="Clear metrics cache"
          pendingLabel="Clearing…"
          pending={clear.isPending}
          onConfirm={() => clear.mutate()}
        />
      </CardContent>
    </Card>
  );
}

function RealtimeCard({ realtime }: { realtime: SystemStatus["realtime"] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h3 className="text-base">Realtime connections</h3>
        </CardTitle>
        <CardDescription>People of your school with the app open now, for live updates.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {!realtime.configured ? (
          <p className="text-muted-foreground">Realtime is not set up: pages refresh on their own instead.</p>
        ) : (
          <dl className="grid grid-cols-2 gap-2">
            <Stat
              label="People connected"
              value={realtime.connectedPeople === null ? "–" : String(realtime.connectedPeople)}
            />
            <Stat
              label="Open channels"
              value={realtime.occupiedChannels === null ? "–" : String(realtime.occupiedChannels)}
            />
          </dl>
        )}
        {realtime.error ? <p className="text-destructive">{realtime.error}</p> : null}
        <p className="text-muted-foreground">
          Events sent by this server: {realtime.publisher.sent}, failed: {realtime.publisher.failed}.
        </p>
      </CardContent>
    </Card>
  );
}

function VersionCard({ version }: { version: SystemStatus["version"] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h3 className="text-base">Version</h3>
        </CardTitle>
        <CardDescription>What this server runs.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-2 gap-2 text-sm">
          <Stat label="Version" value={version.version} />
          <Stat label="Commit" value={version.commit ? version.commit.slice(0, 12) : "Not recorded"} />
          <Stat label="Node.js" value={version.node} />
        </dl>
      </CardContent>
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}
