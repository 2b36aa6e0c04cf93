"use client";

import { type QuestionData, type QuestionView, questionTypes, type RegradePolicy } from "@toolboxai/validators";
import { Plus } from "lucide-react";
import { useEffect, useState } from "react";
import { type Path, useFieldArray, useForm } from "react-hook-form";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { Textarea } from "~/components/ui/textarea";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";
import { AcceptedAnswersFieldset } from "./accepted-answers-fieldset";
import { ChoiceOptionsFieldset } from "./choice-options-fieldset";
import {
  emptyValues,
  formFieldOf,
  needsRegradePolicy,
  type QuestionFormValues,
  questionResolver,
  TYPE_LABEL,
  valuesFromView,
} from "./question-form-model";
import { RegradeDialog } from "./regrade-dialog";
import { RubricFieldset } from "./rubric-fieldset";

const POLICY_DONE: Record<RegradePolicy, string> = {
  KEEP_SCORES: "existing scores were kept",
  REGRADE_ALL: "existing attempts were regraded",
  FULL_MARKS: "everyone got full marks for it",
};

/**
 * Creates a question (`question` null) or edits one. Read-only when the question is shared
 * with the caller for viewing. Edits of an answered question ask for a regrade policy first.
 * `onCreated` (optional) runs after a create, before the dialog closes, in place of the
 * default toast: e.g. the quiz editor attaches the new question to its quiz.
 * Closing it with unsaved changes (Esc, a click outside, Cancel, the close button) asks first.
 */
export function QuestionEditorDialog({
  open,
  question,
  onClose,
  onCreated,
}: {
  open: boolean;
  question: QuestionView | null;
  onClose: () => void;
  onCreated?: (question: QuestionView) => Promise<void> | void;
}) {
  const editing = question !== null;
  const readOnly = editing && !question.canEdit;
  const [failure, setFailure] = useState<string | null>(null);
  const [regrade, setRegrade] = useState<{ data: QuestionData; message: string } | null>(null);
  const [confirmingClose, setConfirmingClose] = useState(false);
  const utils = api.useUtils();
  const form = useForm<QuestionFormValues, unknown, QuestionData>({
    resolver: questionResolver,
    defaultValues: emptyValues(),
  });
  const options = useFieldArray({ control: form.control, name: "options" });
  const accepted = useFieldArray({ control: form.control, name: "accepted" });
  const rubric = useFieldArray({ control: form.control, name: "rubric", keyName: "key" });

  useEffect(() => {
    if (!open) return;
    form.reset(question ? valuesFromView(question) : emptyValues());
    setFailure(null);
    setRegrade(null);
    setConfirmingClose(false);
  }, [open, question, form]);

  function onServerError(error: Parameters<typeof applyServerErrors>[0]) {
    // The API names top-level fields (answer, tags): place them on the matching form field.
    const type = form.getValues("type");
    setFailure(
      applyServerErrors(error, (field, err, opts) =>
        form.setError(formFieldOf(type, [field]) as Path<QuestionFormValues>, err, opts),
      ),
    );
  }

  const create = api.questions.create.useMutation({
    async onSuccess(created) {
      await utils.questions.list.invalidate();
      if (onCreated) await onCreated(created);
      else toast.success("Question added to your bank");
      onClose();
    },
    onError: onServerError,
  });
  const update = api.questions.update.useMutation({
    async onSuccess(result) {
      await utils.questions.invalidate();
      toast.success(
        result.regrade
          ? `Question saved: ${POLICY_DONE[result.regrade.policy]} (${result.regrade.attemptsAffected} attempts)`
          : "Question saved",
      );
      setRegrade(null);
      onClose();
    },
    onError(error, variables) {
      if (needsRegradePolicy(error)) {
        const { questionId: _id, regradePolicy: _policy, ...data } = variables;
        setRegrade({ data: data as QuestionData, message: error.message });
        return;
      }
      setRegrade(null);
      onServerError(error);
    },
  });
  const pending = create.isPending || update.isPending;

  /** Closes at once when nothing typed would be lost, else asks first. */
  function requestClose() {
    if (!readOnly && !pending && isDirty) setConfirmingClose(true);
    else onClose();
  }

  const type = form.watch("type");
  const correctIds = form.watch("correctIds");
  // isDirty read here, while rendering, so react-hook-form keeps it up to date for requestClose.
  const { errors, isDirty } = form.formState;
  const isChoice = type === "SINGLE_CHOICE" || type === "MULTIPLE_CHOICE";

  const title = readOnly ? "View question" : editing ? "Edit question" : "New question";
  return (
    <>
      <Dialog open={open && !regrade} onOpenChange={(next) => (next ? undefined : requestClose())}>
        <DialogContent className="sm:max-w-2xl">
          <form
            noValidate
            className="grid gap-4"
            onSubmit={form.handleSubmit((data) => {
              setFailure(null);
              if (question) update.mutate({ ...data, questionId: question.id });
              else create.mutate(data);
            })}
          >
            <DialogHeader>
              <DialogTitle>{title}</DialogTitle>
              <DialogDescription>
                {readOnly
                  ? `Shared by ${question.owner.name} for viewing: you can use it in quizzes but not change it.`
                  : "Questions in your bank can be reused in any of your quizzes."}
              </DialogDescription>
            </DialogHeader>
            <FormError message={failure} />
            <fieldset disabled={readOnly || pending} className="grid gap-4">
              <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
                <FormField label="Type" htmlFor="q-type" error={errors.type?.message}>
                  <NativeSelect id="q-type" {...form.register("type")}>
                    {questionTypes.map((t) => (
                      <option key={t} value={t}>
                        {TYPE_LABEL[t]}
                      </option>
                    ))}
                  </NativeSelect>
                </FormField>
                <FormField label="Points" htmlFor="q-points" error={errors.points?.message}>
                  <Input
                    id="q-points"
                    type="number"
                    min={1}
                    max={100}
                    {...form.register("points", { valueAsNumber: true })}
                  />
                </FormField>
              </div>
              <FormField label="Question" htmlFor="q-prompt" error={errors.prompt?.message}>
                <Textarea id="q-prompt" rows={3} {...form.register("prompt")} />
              </FormField>

              {isChoice ? (
                <ChoiceOptionsFieldset form={form} options={options} type={type} correctIds={correctIds} />
              ) : null}

              {type === "TRUE_FALSE" ? (
                <fieldset className="grid gap-2">
                  <legend className="mb-1 font-medium text-sm">Correct answer</legend>
                  <div className="flex gap-6">
                    {(["true", "false"] as const).map((v) => (
                      <label key={v} className="flex items-center gap-2 text-sm">
                        <input
                          type="radio"
                          value={v}
                          className="size-4 accent-primary"
                          {...form.register("trueFalse")}
                        />
                        {v === "true" ? "True" : "False"}
                      </label>
                    ))}
                  </div>
                </fieldset>
              ) : null}

              {type === "SHORT_ANSWER" ? <AcceptedAnswersFieldset form={form} accepted={accepted} /> : null}

              {type === "SHORT_ANSWER" ? <RubricFieldset form={form} rubric={rubric} /> : null}

              {type === "NUMERIC" ? (
                <div className="grid gap-4 sm:grid-cols-2">
                  <FormField label="Correct value" htmlFor="q-value" error={errors.numericValue?.message}>
                    <Input
                      id="q-value"
                      type="number"
                      step="any"
                      inputMode="decimal"
                      {...form.register("numericValue")}
                    />
                  </FormField>
                  <FormField
                    label="Tolerance (±)"
                    htmlFor="q-tolerance"
                    error={errors.tolerance?.message}
                    description="Answers this far from the value, or closer, are correct."
                  >
                    <Input
                      id="q-tolerance"
                      type="number"
                      step="any"
                      min={0}
                      inputMode="decimal"
                      {...form.register("tolerance")}
                    />
                  </FormField>
                </div>
              ) : null}

              <FormField
                label="Explanation (optional)"
                htmlFor="q-explanation"
                error={errors.explanation?.message}
                description="Shown to students with the correct answer, when the assignment allows it."
              >
                <Textarea id="q-explanation" rows={2} {...form.register("explanation")} />
              </FormField>
              <FormField
                label="Tags"
                htmlFor="q-tags"
                error={errors.tagsText?.message}
                description="Separate tags with commas, e.g. fractions, grade 5. Quizzes can draw random questions by tag."
              >
                <Input id="q-tags" {...form.register("tagsText")} />
              </FormField>
            </fieldset>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={requestClose}>
                {readOnly ? "Close" : "Cancel"}
              </Button>
              {readOnly ? null : (
                <Button type="submit" disabled={pending}>
                  {pending ? "Saving…" : editing ? "Save changes" : "Add question"}
                </Button>
              )}
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={open && confirmingClose}
        onClose={() => setConfirmingClose(false)}
        title="Discard your changes to this question?"
        description="What you typed in the question isn't saved. If you close it now, it is lost."
        cancelLabel="Keep editing"
        confirmLabel="Discard changes"
        destructive
        closeOnConfirm
        onConfirm={() => {
          setConfirmingClose(false);
          onClose();
        }}
      />
      <RegradeDialog
        open={open && regrade !== null}
        action="edit"
        message={regrade?.message ?? null}
        pending={update.isPending}
        onCancel={() => setRegrade(null)}
        onChoose={(policy) => {
          if (question && regrade) update.mutate({ ...regrade.data, questionId: question.id, regradePolicy: policy });
        }}
      />
    </>
  );
}

/** The page header's button: opens an empty editor. */
export function NewQuestionButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden /> New question
      </Button>
      <QuestionEditorDialog open={open} question={null} onClose={() => setOpen(false)} />
    </>
  );
}
