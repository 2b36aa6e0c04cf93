"use client";

import type { RegradePolicy } from "@toolboxai/validators";
import { useEffect, useId, useState } from "react";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";

const CHOICES: Record<"edit" | "remove", { policy: RegradePolicy; title: string; description: string }[]> = {
  edit: [
    {
      policy: "KEEP_SCORES",
      title: "Keep their scores",
      description: "Students keep the points they got. The change applies to new attempts only.",
    },
    {
      policy: "REGRADE_ALL",
      title: "Regrade everyone",
      description: "Every submitted answer is marked again with the new answer key and points.",
    },
    {
      policy: "FULL_MARKS",
      title: "Give everyone full marks",
      description: "Every student who answered gets the full points for this question, right or wrong.",
    },
  ],
  remove: [
    {
      policy: "KEEP_SCORES",
      title: "Keep their scores",
      description: "Submitted attempts keep the points they got for this question.",
    },
    {
      policy: "REGRADE_ALL",
      title: "Stop counting it",
      description: "The question no longer counts in those attempts: it adds nothing to the score or the total.",
    },
    {
      policy: "FULL_MARKS",
      title: "Give everyone full marks",
      description: "Every student who answered gets the full points for this question.",
    },
  ],
};

/** Asks how existing attempts should be treated when an answered question changes or goes. */
export function RegradeDialog({
  open,
  action,
  message,
  pending,
  onChoose,
  onCancel,
}: {
  open: boolean;
  action: "edit" | "remove";
  /** The server's message (it names how many attempts are affected). */
  message: string | null;
  pending: boolean;
  onChoose: (policy: RegradePolicy) => void;
  onCancel: () => void;
}) {
  const [policy, setPolicy] = useState<RegradePolicy>("KEEP_SCORES");
  const name = useId();
  useEffect(() => {
    if (open) setPolicy("KEEP_SCORES");
  }, [open]);

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onCancel())}>
      <DialogContent>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            onChoose(policy);
          }}
        >
          <DialogHeader>
            <DialogTitle>Students have answered this question</DialogTitle>
            <DialogDescription>{message ?? "Choose how to treat their scores."}</DialogDescription>
          </DialogHeader>
          <fieldset className="grid gap-2">
            <legend className="mb-2 font-medium text-sm">
              {action === "edit" ? "How should existing scores change?" : "What happens to existing scores?"}
            </legend>
            {CHOICES[action].map((choice) => (
              <label
                key={choice.policy}
                className="flex cursor-pointer gap-3 rounded-md border p-3 has-[:checked]:border-primary has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
              >
                <input
                  type="radio"
                  name={name}
                  value={choice.policy}
                  checked={policy === choice.policy}
                  onChange={() => setPolicy(choice.policy)}
                  className="mt-1 size-4 accent-primary"
                />
                <span className="grid gap-0.5">
                  <span className="font-medium text-sm">{choice.title}</span>
                  <span className="text-muted-foreground text-sm">{choice.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Applying…" : action === "edit" ? "Save and apply" : "Delete and apply"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
