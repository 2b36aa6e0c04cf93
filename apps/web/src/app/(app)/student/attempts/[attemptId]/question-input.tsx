"use client";

import type { QuestionResponse } from "@toolboxai/validators";
import { Card, CardContent } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { cn } from "~/lib/utils";
import { plural } from "../../assignment-ui";

export type PlayerQuestion = {
  id: string;
  type: string;
  prompt: string;
  options: { id: string; text: string }[];
  points: number;
};

const optionRow =
  "flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2.5 text-sm transition-colors hover:bg-accent has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring";
const nativeControl = "mt-0.5 size-4 shrink-0 accent-primary outline-none";

const HINT: Record<string, string> = {
  SINGLE_CHOICE: "Choose one answer.",
  MULTIPLE_CHOICE: "Choose all the answers that apply.",
  TRUE_FALSE: "Choose true or false.",
  SHORT_ANSWER: "Type a short answer.",
  NUMERIC: "Type a number.",
};

/** Whether a response counts as answered (an empty text or no selected option does not). */
export function isAnswered(r: QuestionResponse | undefined): boolean {
  if (!r) return false;
  if ("selected" in r) return r.selected.length > 0;
  if ("value" in r) return true;
  if ("text" in r) return r.text.trim() !== "";
  return Number.isFinite(r.number);
}

/** One question of the player: a fieldset whose legend is the prompt, with native controls. */
export function QuestionInput({
  q,
  index,
  total,
  response,
  numberDraft,
  disabled,
  onAnswer,
  onNumberDraft,
}: {
  q: PlayerQuestion;
  index: number;
  total: number;
  response: QuestionResponse | undefined;
  numberDraft: string;
  disabled: boolean;
  onAnswer: (response: QuestionResponse) => void;
  onNumberDraft: (raw: string) => void;
}) {
  const name = `q-${q.id}`;
  const hintId = `${name}-hint`;
  const selected = response && "selected" in response ? response.selected : [];
  const answered = isAnswered(response);

  let control: React.ReactNode;
  switch (q.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const multiple = q.type === "MULTIPLE_CHOICE";
      control = (
        <div className="grid gap-2">
          {q.options.map((o) => (
            <label key={o.id} className={optionRow}>
              <input
                type={multiple ? "checkbox" : "radio"}
                name={name}
                value={o.id}
                className={nativeControl}
                disabled={disabled}
                checked={selected.includes(o.id)}
                onChange={(e) => {
                  if (!multiple) return onAnswer({ selected: [o.id] });
                  const next = e.target.checked
                    ? [...selected.filter((id) => id !== o.id), o.id]
                    : selected.filter((id) => id !== o.id);
                  // Keep the options' order, whatever order they were ticked in.
                  onAnswer({ selected: q.options.map((x) => x.id).filter((id) => next.includes(id)) });
                }}
              />
              <span className="whitespace-pre-wrap">{o.text}</span>
            </label>
          ))}
        </div>
      );
      break;
    }
    case "TRUE_FALSE": {
      const value = response && "value" in response ? response.value : undefined;
      control = (
        <div className="grid gap-2 sm:grid-cols-2">
          {[true, false].map((v) => (
            <label key={String(v)} className={optionRow}>
              <input
                type="radio"
                name={name}
                value={String(v)}
                className={nativeControl}
                disabled={disabled}
                checked={value === v}
                onChange={() => onAnswer({ value: v })}
              />
              <span>{v ? "True" : "False"}</span>
            </label>
          ))}
        </div>
      );
      break;
    }
    case "SHORT_ANSWER": {
      const text = response && "text" in response ? response.text : "";
      control = (
        <div className="grid gap-2">
          <Label htmlFor={`${name}-text`}>Your answer</Label>
          <Input
            id={`${name}-text`}
            autoComplete="off"
            maxLength={2000}
            disabled={disabled}
            value={text}
            onChange={(e) => onAnswer({ text: e.target.value })}
            className="max-w-xl"
          />
        </div>
      );
      break;
    }
    case "NUMERIC": {
      control = (
        <div className="grid gap-2">
          <Label htmlFor={`${name}-number`}>Your answer (a number)</Label>
          <Input
            id={`${name}-number`}
            type="number"
            inputMode="decimal"
            step="any"
            autoComplete="off"
            disabled={disabled}
            value={numberDraft}
            onChange={(e) => onNumberDraft(e.target.value)}
            className="max-w-48"
          />
        </div>
      );
      break;
    }
    default:
      control = (
        <p className="text-muted-foreground text-sm">
          This kind of question can't be answered here yet. Please tell your teacher.
        </p>
      );
  }

  return (
    <Card className={cn("gap-0 py-5", answered && "border-primary/30")}>
      <CardContent>
        <fieldset aria-describedby={hintId} className="min-w-0">
          <legend className="mb-1 w-full">
            <span className="flex flex-wrap items-center justify-between gap-2 text-muted-foreground text-sm">
              <span>
                Question {index + 1} of {total}
              </span>
              <span>{plural(q.points, "point")}</span>
            </span>
            <span className="mt-2 block whitespace-pre-wrap font-medium text-base leading-relaxed">{q.prompt}</span>
          </legend>
          <p id={hintId} className="mb-4 text-muted-foreground text-sm">
            {HINT[q.type] ?? ""}
          </p>
          {control}
        </fieldset>
      </CardContent>
    </Card>
  );
}
