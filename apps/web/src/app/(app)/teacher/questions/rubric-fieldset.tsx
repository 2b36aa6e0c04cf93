import type { QuestionData } from "@toolboxai/validators";
import { Plus, Trash2 } from "lucide-react";
import { type UseFieldArrayReturn, type UseFormReturn, useWatch } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { newCriterionId, type QuestionFormValues } from "./question-form-model";

/** A short-answer question's optional rubric: criteria marked by hand when reviewing an answer. */
export function RubricFieldset({
  form,
  rubric,
}: {
  form: UseFormReturn<QuestionFormValues, unknown, QuestionData>;
  rubric: UseFieldArrayReturn<QuestionFormValues, "rubric", "key">;
}) {
  const { errors } = form.formState;
  const criteria = useWatch({ control: form.control, name: "rubric" });
  const questionPoints = Number(useWatch({ control: form.control, name: "points" }));
  const total = round2((criteria ?? []).reduce((sum, c) => sum + (Number(c.points) || 0), 0));
  const mismatch =
    criteria &&
    criteria.length > 0 &&
    Number.isFinite(questionPoints) &&
    questionPoints > 0 &&
    total !== questionPoints;
  return (
    <fieldset className="grid gap-2" aria-describedby="q-rubric-help">
      <legend className="mb-1 font-medium text-sm">Rubric (optional)</legend>
      <p id="q-rubric-help" className="text-muted-foreground text-sm">
        Criteria you mark by hand when reviewing an answer. The answer gets the sum of the marks, up to the question's
        points.
      </p>
      {rubric.fields.length > 0 ? (
        <div aria-hidden className="flex items-center gap-2 text-muted-foreground text-xs">
          <span className="flex-1">Criterion</span>
          <span className="w-24">Points</span>
          <span className="w-9" />
        </div>
      ) : null}
      {rubric.fields.map((field, i) => {
        const labelError = errors.rubric?.[i]?.label?.message;
        const pointsError = errors.rubric?.[i]?.points?.message;
        return (
          <div key={field.key} className="grid gap-1">
            <div className="flex items-center gap-2">
              <Input
                aria-label={`Criterion ${i + 1}`}
                placeholder="e.g. Names the cause"
                aria-invalid={labelError ? true : undefined}
                {...form.register(`rubric.${i}.label`)}
              />
              <Input
                aria-label={`Points for criterion ${i + 1}`}
                type="number"
                min={1}
                className="w-24"
                aria-invalid={pointsError ? true : undefined}
                {...form.register(`rubric.${i}.points`)}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove criterion ${i + 1}`}
                onClick={() => rubric.remove(i)}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </div>
            {labelError || pointsError ? (
              <p role="alert" className="font-medium text-destructive text-sm">
                {labelError ?? pointsError}
              </p>
            ) : null}
          </div>
        );
      })}
      {errors.rubric?.message || errors.rubric?.root?.message ? (
        <p role="alert" className="font-medium text-destructive text-sm">
          {errors.rubric?.message ?? errors.rubric?.root?.message}
        </p>
      ) : null}
      {mismatch ? (
        <p data-testid="rubric-total-warning" className="text-amber-800 text-sm dark:text-amber-300">
          The criteria add up to {total} {total === 1 ? "point" : "points"}, but the question is worth {questionPoints}.{" "}
          {total > questionPoints
            ? `An answer that meets every criterion still gets at most ${questionPoints}.`
            : `An answer that meets every criterion gets only ${total}.`}
        </p>
      ) : null}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={rubric.fields.length >= 10}
          onClick={() => rubric.append({ id: newCriterionId(), label: "", points: "1" })}
        >
          <Plus className="size-4" aria-hidden /> Add criterion
        </Button>
      </div>
    </fieldset>
  );
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
