"use client";

import type { AgentStatusView } from "@toolboxai/validators";
import { Bot } from "lucide-react";
import Link from "next/link";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { useAgentStatus } from "~/lib/use-agent-status";

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

const ROLE_LABEL = { web: "Web server", worker: "Worker" } as const;

/**
 * The agents' health for admins: which model, the circuit breaker of each process that runs
 * tasks, the queue and the response cache. `status` is the server-rendered first reading; it
 * stays current through the agent-status channel (or polling).
 */
export function AgentsHealth({ status: initial }: { status: AgentStatusView }) {
  const status = useAgentStatus(initial).data ?? initial;
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
                Offline model: drafts are written without a language model, and teachers are told to ask you for one. To
                connect one, set <code>OPENAI_API_KEY</code> (and optionally <code>OPENAI_MODEL</code>) on the server,
                or <code>OPENAI_BASE_URL</code> for a compatible server such as Ollama, then restart the web app and any
                workers.
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
        <div className="mt-4 text-sm" data-testid="agent-processes">
          <h3 className="text-muted-foreground">Processes running tasks</h3>
          {status.processes === null ? (
            <p className="mt-1">Unavailable right now (is Redis reachable?)</p>
          ) : status.processes.length === 0 ? (
            <p className="mt-1">
              None. Queued requests wait until an agent worker starts (
              <code>pnpm --filter @toolboxai/worker start</code>).
            </p>
          ) : (
            <ul className="mt-1 grid gap-1">
              {status.processes.map((p) => (
                <li key={p.name} className="flex flex-wrap items-center gap-2">
                  <span>{ROLE_LABEL[p.role]}</span>
                  <code className="text-muted-foreground text-xs">{p.name}</code>
                  <Badge variant={BREAKER[p.breaker].variant}>{BREAKER[p.breaker].label}</Badge>
                </li>
              ))}
            </ul>
          )}
        </div>
        <p className="mt-4 text-sm">
          <Link className="underline underline-offset-4" href="/admin/ai">
            Usage, budget and every task in the AI console
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
