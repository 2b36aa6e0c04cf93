"use client";

import type { QuestionView } from "@toolboxai/validators";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "~/components/ui/alert-dialog";
import { api } from "~/trpc/react";
import { needsRegradePolicy } from "./question-form-model";
import { RegradeDialog } from "./regrade-dialog";

/** Confirms a removal; when students answered the question, asks for a regrade policy and retries. */
export function DeleteQuestionDialog({ question, onClose }: { question: QuestionView | null; onClose: () => void }) {
  const [regradeMessage, setRegradeMessage] = useState<string | null>(null);
  const utils = api.useUtils();
  const remove = api.questions.remove.useMutation({
    async onSuccess(result) {
      await utils.questions.invalidate();
      toast.success(
        result.regrade ? `Question deleted (${result.regrade.attemptsAffected} attempts updated)` : "Question deleted",
      );
      onClose();
    },
    onError(error) {
      if (needsRegradePolicy(error)) setRegradeMessage(error.message);
      else toast.error(error.message);
    },
  });
  useEffect(() => {
    if (question) {
      setRegradeMessage(null);
      remove.reset();
    }
  }, [question]);

  return (
    <>
      <AlertDialog
        open={question !== null && regradeMessage === null}
        onOpenChange={(open) => (open ? undefined : onClose())}
      >
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete this question?</AlertDialogTitle>
            <AlertDialogDescription>
              “{question?.prompt.slice(0, 120)}” leaves the bank and every quiz that uses it. Attempts already submitted
              keep their record.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              disabled={remove.isPending}
              className="bg-destructive text-destructive-foreground hover:bg-destructive/90"
              onClick={(e) => {
                e.preventDefault();
                if (question) remove.mutate({ questionId: question.id });
              }}
            >
              {remove.isPending ? "Deleting…" : "Delete"}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <RegradeDialog
        open={question !== null && regradeMessage !== null}
        action="remove"
        message={regradeMessage}
        pending={remove.isPending}
        onCancel={onClose}
        onChoose={(policy) => question && remove.mutate({ questionId: question.id, regradePolicy: policy })}
      />
    </>
  );
}
