"use client";

// The content editor's "Drafted with AI" notice: which model drafted the item (the built-in
// offline model is called out, so nobody mistakes its canned drafts for a real model's), whether
// students can see it yet, and a link to the generation task.
import type { ContentDetail } from "@toolboxai/validators";
import { Sparkles } from "lucide-react";
import Link from "next/link";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { isOfflineModel, type ModelRef } from "~/lib/ai-model";

function drafter(model: Required<ModelRef> | null): string {
  if (!model) return "Drafted with AI.";
  if (isOfflineModel(model))
    return `Drafted with AI by the built-in offline model (${model.model}), not a real language model.`;
  return `Drafted with AI by ${model.model} (${model.provider}).`;
}

export function AiDraftNotice({ item }: { item: ContentDetail }) {
  // The generation task that drafted the item, if any.
  const agentTaskId = item.agentTaskId;
  return (
    <Alert role="status" data-testid="ai-draft-notice">
      <Sparkles aria-hidden />
      <AlertDescription className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span>
          {drafter(item.generatedBy)}
          {item.status === "GENERATED" ? " Students can't see it until you publish it." : ""}
        </span>
        <Link
          href={agentTaskId ? `/teacher/tasks/${agentTaskId}` : "/teacher/tasks"}
          className="font-medium text-foreground underline underline-offset-4"
        >
          {agentTaskId ? "See the generation task and its evidence" : "See your AI tasks"}
        </Link>
      </AlertDescription>
    </Alert>
  );
}
