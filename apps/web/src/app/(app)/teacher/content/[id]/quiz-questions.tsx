"use client";

// The quiz editor's "Questions" card: how students get their questions (a fixed, ordered list
// of bank questions, or a random draw by tag) and, for a fixed list, the list itself.
// The list is saved at once through `questions.setQuizQuestions` (no new content version);
// the draw settings are part of the quiz body and saved by the editor (`onSaveDraw`).
import { keepPreviousData } from "@tanstack/react-query";
import { contentBodySchemas, type QuestionView } from "@toolboxai/validators";
import { ArrowDown, ArrowUp, FileQuestion, Library, Plus, Trash2 } from "lucide-react";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { EmptyState } from "~/components/ui/empty-state";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { Pager } from "~/components/ui/pager";
import { SearchInput } from "~/components/ui/search-input";
import { Skeleton } from "~/components/ui/skeleton";
import { Spinner } from "~/components/ui/spinner";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import { QuestionEditorDialog } from "../../questions/question-editor-dialog";
import { TYPE_LABEL } from "../../questions/question-form-model";

export interface QuizDraw {
  tag: string;
  count: number;
  avoidRepeats: boolean;
}

const MAX_QUESTIONS = 100;
const BANK_PAGE_SIZE = 20;

/** The draw settings stored in a quiz body (null: the fixed list is used, also for a body that doesn't parse). */
export function storedQuizDraw(body: unknown): QuizDraw | null {
  const parsed = contentBodySchemas.QUIZ.safeParse(body);
  return parsed.success ? parsed.data.draw : null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface QuizQuestionsProps {
  quizId: string;
  /** The stored draw settings (null: fixed list). */
  draw: QuizDraw | null;
  /** The caller may change the quiz (its author or an admin). */
  canManage: boolean;
  /** The quiz is deleted: nothing can be changed until it is restored. */
  deleted: boolean;
  /** Saves the draw settings into the quiz body (a new version); resolves true when saved. */
  onSaveDraw(draw: QuizDraw | null): Promise<boolean>;
}

export function QuizQuestions({ quizId, draw, canManage, deleted, onSaveDraw }: QuizQuestionsProps) {
  const editable = canManage && !deleted;
  return (
    <Card aria-labelledby="quiz-questions-title">
      <CardHeader>
        <CardTitle>
          <h2 id="quiz-questions-title">Questions</h2>
        </CardTitle>
        <CardDescription>
          {draw
            ? `Each student gets ${plural(draw.count, "random question")} tagged “${draw.tag}”${
                draw.avoidRepeats ? ", avoiding questions they saw in earlier attempts" : ""
              }.`
            : "Every student answers the questions below, in this order."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {editable ? (
          <EditableQuestions quizId={quizId} draw={draw} onSaveDraw={onSaveDraw} />
        ) : deleted ? (
          <p className="text-muted-foreground text-sm">Restore the quiz to see and change its questions.</p>
        ) : draw ? null : (
          <ReadOnlyList quizId={quizId} />
        )}
      </CardContent>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------
// Mode and draw settings

type Mode = "fixed" | "draw";

function EditableQuestions({
  quizId,
  draw,
  onSaveDraw,
}: {
  quizId: string;
  draw: QuizDraw | null;
  onSaveDraw(draw: QuizDraw | null): Promise<boolean>;
}) {
  const [mode, setMode] = useState<Mode>(draw ? "draw" : "fixed");
  const [tag, setTag] = useState(draw?.tag ?? "");
  const [count, setCount] = useState(String(draw?.count ?? 10));
  const [avoidRepeats, setAvoidRepeats] = useState(draw?.avoidRepeats ?? true);
  const [errors, setErrors] = useState<{ tag?: string; count?: string }>({});
  const [saving, setSaving] = useState(false);

  // A new stored value (a save here, a restored version, someone else's save) resets the settings.
  const storedKey = JSON.stringify(draw);
  useEffect(() => {
    setMode(draw ? "draw" : "fixed");
    setTag(draw?.tag ?? "");
    setCount(String(draw?.count ?? 10));
    setAvoidRepeats(draw?.avoidRepeats ?? true);
    setErrors({});
  }, [storedKey]);

  const tagTerm = useDebounced(tag.trim().toLowerCase(), 250);
  const tagged = api.questions.list.useQuery(
    { tag: tagTerm, scope: "all", pageSize: 1 },
    { enabled: mode === "draw" && tagTerm.length > 0 && tagTerm.length <= 40 },
  );

  const storedMode: Mode = draw ? "draw" : "fixed";
  const countNumber = Number(count);
  const dirty =
    mode !== storedMode ||
    (mode === "draw" &&
      (tag.trim().toLowerCase() !== draw?.tag || countNumber !== draw?.count || avoidRepeats !== draw?.avoidRepeats));

  async function save() {
    let next: QuizDraw | null = null;
    if (mode === "draw") {
      const t = tag.trim().toLowerCase();
      const found: typeof errors = {};
      if (!t) found.tag = "Enter the tag of the questions to draw from";
      else if (t.length > 40) found.tag = "A tag is at most 40 characters";
      if (!Number.isInteger(countNumber) || countNumber < 1 || countNumber > MAX_QUESTIONS)
        found.count = `Enter a whole number from 1 to ${MAX_QUESTIONS}`;
      setErrors(found);
      if (found.tag || found.count) return;
      next = { tag: t, count: countNumber, avoidRepeats };
    } else setErrors({});
    setSaving(true);
    try {
      await onSaveDraw(next);
    } finally {
      setSaving(false);
    }
  }

  const available = tagged.data?.total;
  return (
    <>
      <form
        noValidate
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="grid gap-2" disabled={saving}>
          <legend className="mb-1 font-medium text-sm">How students get questions</legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
            <Label className="font-normal">
              <input
                type="radio"
                name={`quiz-mode-${quizId}`}
                value="fixed"
                className="size-4 accent-primary"
                checked={mode === "fixed"}
                onChange={() => setMode("fixed")}
              />
              Fixed list of questions
            </Label>
            <Label className="font-normal">
              <input
                type="radio"
                name={`quiz-mode-${quizId}`}
                value="draw"
                className="size-4 accent-primary"
                checked={mode === "draw"}
                onChange={() => setMode("draw")}
              />
              Draw at random from the bank
            </Label>
          </div>
        </fieldset>

        {mode === "draw" ? (
          <fieldset className="grid gap-4 rounded-md border p-4 sm:grid-cols-[1fr_10rem]" disabled={saving}>
            <legend className="px-1 font-medium text-sm">Random draw</legend>
            <FormField
              label="Tag"
              htmlFor="quiz-draw-tag"
              error={errors.tag}
              description={
                tagTerm && available !== undefined
                  ? `${plural(available, "question")} in the bank ${available === 1 ? "has" : "have"} this tag.`
                  : "Questions with this tag in your bank (and ones shared with your organization) can be drawn."
              }
            >
              <Input
                id="quiz-draw-tag"
                placeholder="e.g. fractions"
                value={tag}
                onChange={(e) => setTag(e.target.value)}
              />
            </FormField>
            <FormField label="Number of questions" htmlFor="quiz-draw-count" error={errors.count}>
              <Input
                id="quiz-draw-count"
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_QUESTIONS}
                value={count}
                onChange={(e) => setCount(e.target.value)}
              />
            </FormField>
            <Label className="font-normal sm:col-span-2">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={avoidRepeats}
                onChange={(e) => setAvoidRepeats(e.target.checked)}
              />
              Avoid repeating questions across a student's attempts
            </Label>
            {available !== undefined && tagTerm && Number.isInteger(countNumber) && countNumber > available ? (
              <p className="text-sm text-warning sm:col-span-2">
                Only {plural(available, "question")} {available === 1 ? "has" : "have"} this tag: students get at most{" "}
                {available}.
              </p>
            ) : null}
          </fieldset>
        ) : null}

        {dirty ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={saving}>
              {saving ? "Saving…" : "Save question settings"}
            </Button>
            <p className="text-muted-foreground text-sm">
              {mode === "fixed" && storedMode === "draw"
                ? "Students still get random questions until you save."
                : mode === "draw" && storedMode === "fixed"
                  ? "Students still get the fixed list until you save."
                  : "Unsaved changes to the random draw."}
            </p>
          </div>
        ) : null}
      </form>

      {mode === "fixed" ? <FixedList quizId={quizId} /> : <AttachedNote quizId={quizId} />}
    </>
  );
}

/** In draw mode: a note that the fixed list is kept (not used) when there is one. */
function AttachedNote({ quizId }: { quizId: string }) {
  const list = api.questions.quizQuestions.useQuery({ quizId });
  const n = list.data?.length ?? 0;
  if (n === 0) return null;
  return (
    <p className="text-muted-foreground text-sm">
      The fixed list ({plural(n, "question")}) is kept but not used while the quiz draws at random.
    </p>
  );
}

// ---------------------------------------------------------------------------------------------
// The fixed list

type Focus = { questionId: string; control: "up" | "down" | "remove" } | { control: "add" } | null;

function FixedList({ quizId }: { quizId: string }) {
  const utils = api.useUtils();
  const list = api.questions.quizQuestions.useQuery({ quizId });
  const [adding, setAdding] = useState(false);
  const [writing, setWriting] = useState(false);
  const [focus, setFocus] = useState<Focus>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const addButton = useRef<HTMLButtonElement>(null);

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
    if (next.length > MAX_QUESTIONS) {
      toast.error(`A quiz has at most ${MAX_QUESTIONS} questions`);
      return false;
    }
    return save(next);
  }

  const full = ids.length >= MAX_QUESTIONS;
  return (
    <section aria-labelledby="quiz-fixed-list-title" className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h3 id="quiz-fixed-list-title" className="font-medium text-sm">
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
        room={MAX_QUESTIONS - ids.length}
        onClose={() => setAdding(false)}
        onAdd={async (selected) => {
          if (!(await attach(selected))) return false;
          toast.success(`${plural(selected.length, "question")} added to the quiz`);
          return true;
        }}
      />
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

function QuestionRow({ question, number, children }: { question: QuestionView; number: number; children?: ReactNode }) {
  return (
    <li className="grid grid-cols-[2rem_1fr_auto] items-start gap-3 rounded-md border p-3">
      <span className="pt-0.5 font-semibold tabular-nums" aria-hidden>
        {number}.
      </span>
      <div className="grid min-w-0 gap-1">
        <p className="line-clamp-2 whitespace-pre-line break-words text-sm">{question.prompt}</p>
        <div className="flex flex-wrap items-center gap-2 text-muted-foreground text-xs">
          <Badge variant="outline">{TYPE_LABEL[question.type]}</Badge>
          <span>{plural(question.points, "point")}</span>
        </div>
      </div>
      {children ?? <span />}
    </li>
  );
}

/** Someone else's quiz: the list without buttons (when the server lets the caller read it). */
function ReadOnlyList({ quizId }: { quizId: string }) {
  const list = api.questions.quizQuestions.useQuery({ quizId }, { retry: false });
  if (list.error) {
    const code = list.error.data?.code;
    return (
      <p className="text-muted-foreground text-sm">
        {code === "FORBIDDEN" || code === "NOT_FOUND"
          ? "Only the quiz's author can see its question list. Duplicate the quiz to get your own copy."
          : list.error.message}
      </p>
    );
  }
  if (!list.data) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <span className="sr-only">Loading the quiz's questions</span>
        <Skeleton className="h-14 w-full" />
      </div>
    );
  }
  const total = list.data.reduce((sum, i) => sum + i.question.points, 0);
  if (list.data.length === 0) return <p className="text-muted-foreground text-sm">No questions yet.</p>;
  return (
    <div className="grid gap-2">
      <p className="text-muted-foreground text-sm">
        {plural(list.data.length, "question")} · {plural(total, "point")} in total
      </p>
      <ol className="grid gap-2" aria-label="Quiz questions">
        {list.data.map(({ question }, index) => (
          <QuestionRow key={question.id} question={question} number={index + 1} />
        ))}
      </ol>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Add from bank

function AddFromBankDialog({
  open,
  attachedIds,
  room,
  onClose,
  onAdd,
}: {
  open: boolean;
  attachedIds: string[];
  /** How many more questions the quiz can take. */
  room: number;
  onClose(): void;
  /** Attaches the selection (in the order ticked); resolves true when done. */
  onAdd(questionIds: string[]): Promise<boolean>;
}) {
  const [search, setSearch] = useState("");
  const [tag, setTag] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const term = useDebounced(search.trim(), 250);
  const tagTerm = useDebounced(tag.trim().toLowerCase(), 250);
  const idPrefix = useId();

  useEffect(() => {
    if (!open) return;
    setSearch("");
    setTag("");
    setPage(1);
    setSelected([]);
  }, [open]);
  useEffect(() => setPage(1), [term, tagTerm]);

  const list = api.questions.list.useQuery(
    {
      search: term || undefined,
      tag: tagTerm && tagTerm.length <= 40 ? tagTerm : undefined,
      scope: "all",
      page,
      pageSize: BANK_PAGE_SIZE,
    },
    { enabled: open, placeholderData: keepPreviousData },
  );
  const data = list.data;
  const attached = new Set(attachedIds);
  const tooMany = selected.length > room;

  function toggle(id: string, checked: boolean) {
    setSelected((current) => (checked ? [...current.filter((s) => s !== id), id] : current.filter((s) => s !== id)));
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (next || pending ? undefined : onClose())}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Add questions from the bank</DialogTitle>
          <DialogDescription>
            Tick the questions to add: they go at the end of the quiz, in the order you tick them.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
          <div className="grid gap-2">
            <Label htmlFor={`${idPrefix}-search`}>Search</Label>
            <SearchInput
              id={`${idPrefix}-search`}
              placeholder="Words in the question"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${idPrefix}-tag`}>Tag</Label>
            <Input
              id={`${idPrefix}-tag`}
              placeholder="e.g. fractions"
              value={tag}
              onChange={(e) => setTag(e.target.value)}
            />
          </div>
        </div>

        {list.error ? (
          <Alert variant="destructive">
            <AlertDescription>{list.error.message}</AlertDescription>
          </Alert>
        ) : !data ? (
          <div className="grid gap-2" aria-busy="true">
            <span className="sr-only">Loading questions</span>
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : data.items.length === 0 ? (
          <EmptyState
            icon={FileQuestion}
            title={term || tagTerm ? "No questions match" : "Your bank is empty"}
            description={
              term || tagTerm
                ? "Try other words or another tag."
                : "Close this and choose “New question” to write the quiz's first question."
            }
          />
        ) : (
          <fieldset className="grid gap-2" aria-busy={list.isFetching || undefined}>
            <legend className="sr-only">Questions in the bank</legend>
            <ul className="grid max-h-[45vh] gap-2 overflow-y-auto pr-1">
              {data.items.map((q) => {
                const inQuiz = attached.has(q.id);
                const id = `${idPrefix}-q-${q.id}`;
                return (
                  <li key={q.id} className="flex items-start gap-3 rounded-md border p-3 has-[:checked]:bg-accent/50">
                    <input
                      id={id}
                      type="checkbox"
                      className="mt-0.5 size-4 shrink-0 accent-primary"
                      checked={inQuiz || selected.includes(q.id)}
                      disabled={inQuiz || pending}
                      onChange={(e) => toggle(q.id, e.target.checked)}
                    />
                    <label htmlFor={id} className="grid min-w-0 flex-1 gap-1 text-sm">
                      <span className="line-clamp-2 break-words">{q.prompt}</span>
                      <span className="flex flex-wrap items-center gap-2 text-muted-foreground text-xs">
                        <Badge variant="outline">{TYPE_LABEL[q.type]}</Badge>
                        <span>{plural(q.points, "point")}</span>
                        {q.tags.map((t) => (
                          <Badge key={t} variant="secondary">
                            {t}
                          </Badge>
                        ))}
                        {inQuiz ? <span className="font-medium">Already in this quiz</span> : null}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {data.pageCount > 1 ? (
              <Pager
                label="Bank pages"
                page={data.page}
                pageCount={data.pageCount}
                onPage={setPage}
                summary={`Page ${data.page} of ${data.pageCount}`}
              />
            ) : null}
          </fieldset>
        )}

        {tooMany ? (
          <p role="alert" className="font-medium text-destructive text-sm">
            The quiz has room for {plural(room, "more question")}: untick {selected.length - room}.
          </p>
        ) : null}
        <DialogFooter className="items-center">
          <p className="mr-auto text-muted-foreground text-sm" aria-live="polite">
            {plural(selected.length, "question")} selected
          </p>
          <Button type="button" variant="outline" disabled={pending} onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="button"
            disabled={selected.length === 0 || tooMany || pending}
            onClick={async () => {
              setPending(true);
              try {
                if (await onAdd(selected)) onClose();
              } finally {
                setPending(false);
              }
            }}
          >
            {pending ? "Adding…" : "Add selected"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
