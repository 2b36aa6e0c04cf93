"use client";

// A quiz's fixed list of bank questions: reorder, remove, add from the bank or write a new one,
// and edit a question in place (the bank's editor; a question shared for viewing only opens read-only).
// Each change to the list is saved at once through `questions.setQuizQuestions` (no new content
// version); an edited question is saved in the bank, so every quiz using it shows the new text.
import type { QuestionView } from "@toolboxai/validators";
import { ArrowDown, ArrowUp, Eye, FileQuestion, Library, Pencil, Plus, Trash2 } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Spinner } from "~/components/ui/spinner";
import { plural } from "~/lib/plural";
import { api } from "~/trpc/react";
import { QuestionEditorDialog } from "../../questions/question-editor-dialog";
import { MAX_QUIZ_QUESTIONS } from "../content-form-model";
import { AddFromBankDialog } from "./add-from-bank-dialog";
import { QuestionRow } from "./question-row";

type Focus = { questionId: string; control: "up" | "down" | "remove" } | { control: "add" } | null;

export function FixedQuestionList({ quizId }: { quizId: string }) {
  const utils = api.useUtils();
  const list = api.questions.quizQuestions.useQuery({ quizId });
  const [adding, setAdding] = useState(false);
  const [writing, setWriting] = useState(false);
  const [editing, setEditing] = useState<QuestionView | null>(null);
  const [focus, setFocus] = useState<Focus>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  const set = api.questions.setQuizQuestions.useMutation({
    onSuccess: (next) => utils.questions.quizQuestions.setData({ quizId }, next),
  });

  // Keyboard users keep their place: after a move or a removal, focus the matching control.
  useEffect(() => {
    if (!focus) return;
    if (focus.control === "add") addButton.current?.focus();
    else buttons.current.get(`${focus.questionId}:${focus.control}`)?.focus();
    setFocus(null);
  }, [focus]);

  const items = list.data ?? [];
  const ids = items.map((i) => i.question.id);
  const totalPoints = items.reduce((sum, i) => sum + i.question.points, 0);

  /** Saves a new order; resolves true when saved (a failure is toasted). */
  async function save(questionIds: string[]): Promise<boolean> {
    try {
      await set.mutateAsync({ quizId, questionIds });
      return true;
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The questions couldn't be saved. Try again.");
      return false;
    }
  }

  async function move(index: number, by: -1 | 1) {
    if (set.isPending) return;
    const next = [...ids];
    const [id] = next.splice(index, 1);
    if (!id) return;
    next.splice(index + by, 0, id);
    if (await save(next)) {
      const to = index + by;
      // Keep focus on the moved question; at the top or bottom that direction is disabled, so the other one.
      const control = by === -1 ? (to === 0 ? "down" : "up") : to === next.length - 1 ? "up" : "down";
      setFocus({ questionId: id, control });
    }
  }

  async function remove(index: number) {
    if (set.isPending) return;
    const next = ids.filter((_, i) => i !== index);
    if (await save(next)) {
      toast.success(`Question ${index + 1} removed from the quiz (it stays in your bank)`);
      const neighbour = next[index] ?? next[index - 1];
      setFocus(neighbour ? { questionId: neighbour, control: "remove" } : { control: "add" });
    }
  }

  async function attach(newIds: string[]): Promise<boolean> {
    const next = [...ids, ...newIds.filter((id) => !ids.includes(id))];
    if (next.length > MAX_QUIZ_QUESTIONS) {
      toast.error(`A quiz has at most ${MAX_QUIZ_QUESTIONS} questions`);
      return false;
    }
    return save(next);
  }

  const full = ids.length >= MAX_QUIZ_QUESTIONS;
  return (
    <section aria-labelledby={titleId} className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h3 id={titleId} className="font-medium text-sm">
            Fixed list
          </h3>
          {list.data ? (
            <p className="text-muted-foreground text-sm" data-testid="quiz-questions-total">
              {plural(items.length, "question")} · {plural(totalPoints, "point")} in total
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {set.isPending ? <Spinner label="Saving the questions" /> : null}
          <Button
            ref={addButton}
            type="button"
            variant="outline"
            disabled={!list.data || full}
            onClick={() => setAdding(true)}
          >
            <Library aria-hidden /> Add from bank
          </Button>
          <Button type="button" disabled={!list.data || full} onClick={() => setWriting(true)}>
            <Plus aria-hidden /> New question
          </Button>
        </div>
      </div>

      {list.error ? (
        <Alert variant="destructive">
          <AlertTitle>The quiz's questions couldn't be loaded</AlertTitle>
          <AlertDescription className="grid gap-2">
            <p>{list.error.message}</p>
            <div>
              <Button type="button" size="sm" variant="outline" onClick={() => list.refetch()}>
                Try again
              </Button>
            </div>
          </AlertDescription>
        </Alert>
      ) : !list.data ? (
        <div className="grid gap-2" aria-busy="true">
          <span className="sr-only">Loading the quiz's questions</span>
          <Skeleton className="h-14 w-full" />
          <Skeleton className="h-14 w-full" />
        </div>
      ) : items.length === 0 ? (
        <EmptyState
          icon={FileQuestion}
          className="rounded-md border border-dashed"
          title="No questions yet — add from your bank or write a new one"
          description="Students can't start a quiz without questions."
        />
      ) : (
        <ol className="grid gap-2" aria-label="Quiz questions" aria-busy={set.isPending || undefined}>
          {items.map(({ question }, index) => (
            <QuestionRow key={question.id} question={question} number={index + 1}>
              <div className="flex gap-1">
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  aria-label={
                    question.canEdit ? `Edit question ${index + 1}` : `View question ${index + 1} (view only)`
                  }
                  title={
                    question.canEdit
                      ? "Edit the question"
                      : `Shared by ${question.owner.name} for viewing: you can use it but not change it`
                  }
                  onClick={() => setEditing(question)}
                >
                  {question.canEdit ? <Pencil aria-hidden /> : <Eye aria-hidden />}
                </Button>
                {(
                  [
                    ["up", ArrowUp, index === 0, () => move(index, -1)],
                    ["down", ArrowDown, index === items.length - 1, () => move(index, 1)],
                  ] as const
                ).map(([dir, Icon, atEnd, onClick]) => (
                  <Button
                    key={dir}
                    ref={(el) => {
                      if (el) buttons.current.set(`${question.id}:${dir}`, el);
                      else buttons.current.delete(`${question.id}:${dir}`);
                    }}
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label={`Move question ${index + 1} ${dir}`}
                    disabled={atEnd}
                    aria-disabled={set.isPending || undefined}
                    onClick={onClick}
                  >
                    <Icon aria-hidden />
                  </Button>
                ))}
                <Button
                  ref={(el) => {
                    if (el) buttons.current.set(`${question.id}:remove`, el);
                    else buttons.current.delete(`${question.id}:remove`);
                  }}
                  type="button"
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove question ${index + 1}`}
                  aria-disabled={set.isPending || undefined}
                  onClick={() => remove(index)}
                >
                  <Trash2 aria-hidden />
                </Button>
              </div>
            </QuestionRow>
          ))}
        </ol>
      )}

      <AddFromBankDialog
        open={adding}
        attachedIds={ids}
        room={MAX_QUIZ_QUESTIONS - ids.length}
        onClose={() => setAdding(false)}
        onAdd={async (selected) => {
          if (!(await attach(selected))) return false;
          toast.success(`${plural(selected.length, "question")} added to the quiz`);
          return true;
        }}
      />
      <QuestionEditorDialog open={editing !== null} question={editing} onClose={() => setEditing(null)} />
      <QuestionEditorDialog
        open={writing}
        question={null}
        onClose={() => setWriting(false)}
        onCreated={async (created) => {
          if (await attach([created.id])) toast.success(`Question ${ids.length + 1} added to the quiz`);
          else
            toast.error(
              "The question was saved in your bank, but couldn't be added to the quiz. Add it from the bank.",
            );
        }}
      />
    </section>
  );
}
