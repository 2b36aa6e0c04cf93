"use client";

// Which model the drafts will come from, above the Generate form: the built-in offline model
// (with whom to ask for a real one: teachers never see server settings), or the configured
// provider, and a warning while it is failing.
import { AlertTriangle, Cpu, WifiOff } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Skeleton } from "~/components/ui/skeleton";
import { type ModelAudience, offlineModelAdvice } from "~/lib/ai-model";
import { useAgentStatus } from "~/lib/use-agent-status";

export function AgentStatusBanner({ audience }: { audience: ModelAudience }) {
  // The breaker and queue change while the teacher fills in the form.
  const status = useAgentStatus();

  if (status.isPending) return <Skeleton className="h-20 w-full" />;
  if (status.error) {
    return (
      <Alert role="status">
        <AlertTriangle aria-hidden />
        <AlertTitle>The agents' status couldn't be loaded</AlertTitle>
        <AlertDescription>{status.error.message} You can still send a request.</AlertDescription>
      </Alert>
    );
  }
  const s = status.data;
  const waiting = s.counts ? s.counts.waiting + s.counts.delayed : 0;
  const active = s.counts?.active ?? 0;
  const queueNote = waiting + active > 0 ? ` ${active} running, ${waiting} waiting in the queue.` : "";

  return (
    <div className="grid gap-3" data-testid="agent-status">
      {s.offline ? (
        <Alert role="status">
          <WifiOff aria-hidden />
          <AlertTitle>Drafts come from the built-in offline model (“offline”)</AlertTitle>
          <AlertDescription>
            <p>
              No language model is connected, so the agents write simple template drafts on this server. They are fine
              for trying out the workflow; review them carefully before you use them.{queueNote}
            </p>
            <p>{offlineModelAdvice(audience)}</p>
          </AlertDescription>
        </Alert>
      ) : (
        <Alert role="status">
          <Cpu aria-hidden />
          <AlertTitle>
            Drafts come from {s.provider} · {s.model}
          </AlertTitle>
          <AlertDescription>
            <p>
              Every draft is checked and reviewed before you see it; nothing reaches students until you publish.
              {queueNote}
            </p>
          </AlertDescription>
        </Alert>
      )}
      {s.queue === "bullmq" && s.processes?.length === 0 ? (
        <Alert role="status">
          <AlertTriangle aria-hidden />
          <AlertTitle>No worker is running</AlertTitle>
          <AlertDescription>
            Requests are saved and wait in the queue until an agent worker starts. Ask your administrator to start one.
          </AlertDescription>
        </Alert>
      ) : null}
      {s.breaker === "open" ? (
        <Alert variant="destructive">
          <AlertTriangle aria-hidden />
          <AlertTitle>The model is failing right now</AlertTitle>
          <AlertDescription>
            Recent calls to {s.provider} failed, so new requests wait and start once it answers again. You can still
            send your request.
          </AlertDescription>
        </Alert>
      ) : s.breaker === "half-open" ? (
        <Alert role="status">
          <AlertTriangle aria-hidden />
          <AlertTitle>The model is recovering</AlertTitle>
          <AlertDescription>After recent failures, the agents are trying {s.provider} again.</AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
