import type { QuestionData } from "@toolboxai/validators";
import { Plus, Trash2 } from "lucide-react";
import type { UseFieldArrayReturn, UseFormReturn } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import type { QuestionFormValues } from "./question-form-model";

/** A short-answer question's accepted answers and whether their case matters. */
export function AcceptedAnswersFieldset({
  form,
  accepted,
}: {
  form: UseFormReturn<QuestionFormValues, unknown, QuestionData>;
  accepted: UseFieldArrayReturn<QuestionFormValues, "accepted">;
}) {
  const { errors } = form.formState;
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 font-medium text-sm">Accepted answers</legend>
      {accepted.fields.map((field, i) => {
        const error = errors.accepted?.[i]?.value?.message;
        return (
          <div key={field.id} className="grid gap-1">
            <div className="flex items-center gap-2">
              <Input
                aria-label={`Accepted answer ${i + 1}`}
                aria-invalid={error ? true : undefined}
                {...form.register(`accepted.${i}.value`)}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove accepted answer ${i + 1}`}
                disabled={accepted.fields.length <= 1}
                onClick={() => accepted.remove(i)}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </div>
            {error ? (
              <p role="alert" className="font-medium text-destructive text-sm">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      {errors.accepted?.message || errors.accepted?.root?.message ? (
        <p role="alert" className="font-medium text-destructive text-sm">
          {errors.accepted?.message ?? errors.accepted?.root?.message}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={accepted.fields.length >= 20}
          onClick={() => accepted.append({ value: "" })}
        >
          <Plus className="size-4" aria-hidden /> Add accepted answer
        </Button>
        <Label className="font-normal">
          <input type="checkbox" className="size-4 accent-primary" {...form.register("caseSensitive")} />
          Case-sensitive
        </Label>
      </div>
      <p className="text-muted-foreground text-sm">
        Extra spaces are ignored. Unless case-sensitive, “Paris” and “paris” both count.
      </p>
    </fieldset>
  );
}
