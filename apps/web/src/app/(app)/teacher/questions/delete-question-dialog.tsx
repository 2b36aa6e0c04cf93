"use client";

import type { QuestionView } from "@toolboxai/validators";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
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
      <ConfirmDialog
        open={question !== null && regradeMessage === null}
        onClose={onClose}
        title="Delete this question?"
        description={
          <>
            “{question?.prompt.slice(0, 120)}” leaves the bank and every quiz that uses it. Attempts already submitted
            keep their record.
          </>
        }
        destructive
        pending={remove.isPending}
        confirmLabel="Delete"
        pendingLabel="Deleting…"
        onConfirm={() => {
          if (question) remove.mutate({ questionId: question.id });
        }}
      />
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
