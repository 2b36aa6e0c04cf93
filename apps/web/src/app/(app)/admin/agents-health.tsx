import type { AgentStatusView } from "@toolboxai/validators";
import { Bot } from "lucide-react";
import Link from "next/link";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";

const BREAKER: Record<AgentStatusView["breaker"], { label: string; hint: string; variant: "outline" | "destructive" }> =
  {
    closed: { label: "Healthy", hint: "Model calls are going through.", variant: "outline" },
    "half-open": {
      label: "Recovering",
      hint: "The next model call tests whether the model is back.",
      variant: "outline",
    },
    open: {
      label: "Paused",
      hint: "The model failed repeatedly; calls are paused for a moment and tasks wait to retry.",
      variant: "destructive",
    },
  };

/** The agents' health for admins: which model, the circuit breaker, the queue and the response cache. */
export function AgentsHealth({ status }: { status: AgentStatusView }) {
  const breaker = BREAKER[status.breaker];
  const lookups = status.cache ? status.cache.hits + status.cache.misses : 0;
  const hitRate = status.cache && lookups > 0 ? Math.round((status.cache.hits / lookups) * 100) : null;
  return (
    <Card className="mt-6">
      <CardHeader className="flex flex-row items-start justify-between gap-4 space-y-0">
        <div className="grid gap-1.5">
          <CardTitle>
            <h2>AI agents</h2>
          </CardTitle>
          <CardDescription>
            {status.offline ? (
              <>
                Offline model: drafts are written without a language model. Set <code>OPENAI_API_KEY</code> (and{" "}
                <code>OPENAI_BASE_URL</code> for a compatible server) to connect one.
              </>
            ) : (
              <>
                Model <strong>{status.model}</strong> via {status.provider}.
              </>
            )}
          </CardDescription>
        </div>
        <Bot className="size-5 text-muted-foreground" aria-hidden />
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-muted-foreground">Model calls</dt>
            <dd className="mt-1 flex items-center gap-2">
              <Badge variant={breaker.variant}>{breaker.label}</Badge>
            </dd>
            <dd className="mt-1 text-muted-foreground text-xs">{breaker.hint}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Queue ({status.queue === "bullmq" ? "Redis" : "in this server"})</dt>
            <dd className="mt-1">
              {status.counts
                ? `${status.counts.active} running · ${status.counts.waiting} waiting · ${status.counts.delayed} retrying`
                : "Unavailable right now (is Redis reachable?)"}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Response cache</dt>
            <dd className="mt-1">
              {status.cache
                ? `${status.cache.hits} hits · ${status.cache.misses} misses${hitRate === null ? "" : ` (${hitRate}% served from cache)`}`
                : "Unavailable right now"}
            </dd>
          </div>
        </dl>
        <p className="mt-4 text-sm">
          <Link className="underline underline-offset-4" href="/teacher/tasks">
            See every generation task
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
