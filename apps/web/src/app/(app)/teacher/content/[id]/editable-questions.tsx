"use client";

// The Questions card of a quiz its author may change: the mode (a fixed list, or a random draw
// by tag) with the draw settings, saved into the quiz body by the editor; then the fixed list.
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
import { Button } from "~/components/ui/button";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { plural } from "~/lib/plural";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import { MAX_QUIZ_QUESTIONS, type QuizDraw } from "../content-form-model";
import { useFieldIds } from "../field-ids";
import { AttachedNote } from "./attached-note";
import { FixedQuestionList } from "./fixed-question-list";

type Mode = "fixed" | "draw";

/** What the screen's Publish needs from the Questions card: its unsaved draw settings, to save them first. */
export interface QuizDrawHandle {
  /** Whether the mode or the draw settings hold changes that are not saved. */
  isDirty(): boolean;
  /** The settings as entered (null: the fixed list), or `invalid` with the errors shown on the card. */
  read(): { draw: QuizDraw | null } | "invalid";
}

export function EditableQuestions({
  quizId,
  draw,
  onSaveDraw,
  onDirtyChange,
  ref,
}: {
  quizId: string;
  draw: QuizDraw | null;
  onSaveDraw(draw: QuizDraw | null): Promise<boolean>;
  onDirtyChange?(dirty: boolean): void;
  ref?: Ref<QuizDrawHandle>;
}) {
  const [mode, setMode] = useState<Mode>(draw ? "draw" : "fixed");
  const [tag, setTag] = useState(draw?.tag ?? "");
  const [count, setCount] = useState(String(draw?.count ?? 10));
  const [avoidRepeats, setAvoidRepeats] = useState(draw?.avoidRepeats ?? true);
  const [errors, setErrors] = useState<{ tag?: string; count?: string }>({});
  const [saving, setSaving] = useState(false);
  const fid = useFieldIds();

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
  const onDirtyChangeRef = useRef(onDirtyChange);
  onDirtyChangeRef.current = onDirtyChange;
  useEffect(() => {
    onDirtyChangeRef.current?.(dirty);
  }, [dirty]);
  useEffect(() => () => onDirtyChangeRef.current?.(false), []);

  /** The settings as entered, validated (errors shown on the card). */
  function read(): { draw: QuizDraw | null } | "invalid" {
    if (mode !== "draw") {
      setErrors({});
      return { draw: null };
    }
    const t = tag.trim().toLowerCase();
    const found: typeof errors = {};
    if (!t) found.tag = "Enter the tag of the questions to draw from";
    else if (t.length > 40) found.tag = "A tag is at most 40 characters";
    if (!Number.isInteger(countNumber) || countNumber < 1 || countNumber > MAX_QUIZ_QUESTIONS)
      found.count = `Enter a whole number from 1 to ${MAX_QUIZ_QUESTIONS}`;
    setErrors(found);
    if (found.tag || found.count) return "invalid";
    return { draw: { tag: t, count: countNumber, avoidRepeats } };
  }
  useImperativeHandle(ref, () => ({ isDirty: () => dirty, read }));

  async function save() {
    const entered = read();
    if (entered === "invalid") return;
    const next = entered.draw;
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
              htmlFor={fid("quiz-draw-tag")}
              error={errors.tag}
              description={
                tagTerm && available !== undefined
                  ? `${plural(available, "question")} in the bank ${available === 1 ? "has" : "have"} this tag.`
                  : "Questions with this tag in your bank (and ones shared with your organization) can be drawn."
              }
            >
              <Input
                id={fid("quiz-draw-tag")}
                placeholder="e.g. fractions"
                value={tag}
                onChange={(e) => setTag(e.target.value)}
              />
            </FormField>
            <FormField label="Number of questions" htmlFor={fid("quiz-draw-count")} error={errors.count}>
              <Input
                id={fid("quiz-draw-count")}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_QUIZ_QUESTIONS}
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
                  : "Unsaved changes to the random draw."}{" "}
              Publish saves them first.
            </p>
          </div>
        ) : null}
      </form>

      {mode === "fixed" ? <FixedQuestionList quizId={quizId} /> : <AttachedNote quizId={quizId} />}
    </>
  );
}
