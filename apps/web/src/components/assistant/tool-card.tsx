// What a tool the model called shows in the conversation: "Drafted lesson: Photosynthesis", one
// more line, and a link to the page it made or read. A refused call (the person's role or key does
// not allow the tool) and a failed one say so, with the message the model was given.
import type { AssistantToolCall } from "@toolboxai/validators";
import { ArrowRight, Ban, CircleAlert, Wrench } from "lucide-react";
import Link from "next/link";
import { appPath } from "~/components/markdown";
import { Button } from "~/components/ui/button";
import { cn } from "~/lib/utils";

const ICON = { ok: Wrench, refused: Ban, error: CircleAlert } as const;
const STATUS_NOTE = { ok: null, refused: "Not allowed", error: "Didn't work" } as const;

export function ToolCard({ call, compact = false }: { call: AssistantToolCall; compact?: boolean }) {
  const { card, status } = call;
  const Icon = ICON[status];
  // The card's link is a page of this app; anything else (it comes through the model's turn) is not followed.
  const href = card.href ? appPath(card.href) : null;
  const note = STATUS_NOTE[status];
  return (
    <div
      data-testid="tool-card"
      data-tool={call.name}
      data-status={status}
      className={cn(
        "flex min-w-0 items-start gap-3 rounded-lg border bg-card text-sm",
        compact ? "px-2.5 py-2" : "px-3 py-2.5",
        status === "refused" && "border-warning/40 bg-warning/5",
        status === "error" && "border-destructive/40 bg-destructive/5",
      )}
    >
      <Icon
        className={cn(
          "mt-0.5 size-4 shrink-0",
          status === "ok" ? "text-primary" : status === "refused" ? "text-warning" : "text-destructive",
        )}
        aria-hidden
      />
      <div className="grid min-w-0 flex-1 gap-0.5">
        <p className="min-w-0 break-words">
          <span className="font-medium">{card.label}</span>
          {card.title ? <span className="text-muted-foreground">: {card.title}</span> : null}
          {note ? <span className="sr-only"> ({note})</span> : null}
        </p>
        {card.detail ? <p className="break-words text-muted-foreground text-xs">{card.detail}</p> : null}
        {status !== "ok" && call.error ? (
          <p className={cn("break-words text-xs", status === "error" ? "text-destructive" : "text-warning")}>
            {note}: {call.error}
          </p>
        ) : null}
      </div>
      {href && status === "ok" ? (
        <Button asChild variant="outline" size="sm" className="shrink-0">
          <Link href={href} aria-label={`Open ${card.title || card.label}`}>
            Open
            <ArrowRight aria-hidden />
          </Link>
        </Button>
      ) : null}
    </div>
  );
}
