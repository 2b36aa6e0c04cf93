import type { QuestionData } from "@toolboxai/validators";
import { Plus, Trash2 } from "lucide-react";
import type { UseFieldArrayReturn, UseFormReturn } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { newOptionId, type QuestionFormValues } from "./question-form-model";

/** A choice question's options, each with its "correct" mark (one for single choice, any for multiple). */
export function ChoiceOptionsFieldset({
  form,
  options,
  type,
  correctIds,
}: {
  form: UseFormReturn<QuestionFormValues, unknown, QuestionData>;
  options: UseFieldArrayReturn<QuestionFormValues, "options">;
  type: "SINGLE_CHOICE" | "MULTIPLE_CHOICE";
  correctIds: string[];
}) {
  const { errors } = form.formState;

  function toggleCorrect(id: string, checked: boolean) {
    const current = form.getValues("correctIds");
    const next =
      type === "SINGLE_CHOICE" ? [id] : checked ? [...new Set([...current, id])] : current.filter((c) => c !== id);
    form.setValue("correctIds", next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
  }

  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 font-medium text-sm">
        Options{" "}
        <span className="font-normal text-muted-foreground">
          ({type === "SINGLE_CHOICE" ? "mark the one correct option" : "mark every correct option"})
        </span>
      </legend>
      {options.fields.map((field, i) => {
        const id = form.getValues(`options.${i}.id`);
        const textError = errors.options?.[i]?.text?.message;
        return (
          <div key={field.id} className="grid gap-1">
            <div className="flex items-center gap-2">
              <input
                type={type === "SINGLE_CHOICE" ? "radio" : "checkbox"}
                name="q-correct"
                className="size-4 shrink-0 accent-primary"
                aria-label={`Option ${i + 1} is correct`}
                checked={correctIds.includes(id)}
                onChange={(e) => toggleCorrect(id, e.target.checked)}
              />
              <Input
                aria-label={`Option ${i + 1}`}
                aria-invalid={textError ? true : undefined}
                placeholder={`Option ${i + 1}`}
                {...form.register(`options.${i}.text`)}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove option ${i + 1}`}
                disabled={options.fields.length <= 2}
                onClick={() => {
                  form.setValue(
                    "correctIds",
                    form.getValues("correctIds").filter((c) => c !== id),
                  );
                  options.remove(i);
                }}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </div>
            {textError ? (
              <p role="alert" className="pl-6 font-medium text-destructive text-sm">
                {textError}
              </p>
            ) : null}
          </div>
        );
      })}
      {errors.correctIds?.message || errors.options?.message || errors.options?.root?.message ? (
        <p role="alert" className="font-medium text-destructive text-sm">
          {errors.correctIds?.message ?? errors.options?.message ?? errors.options?.root?.message}
        </p>
      ) : null}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={options.fields.length >= 10}
          onClick={() => options.append({ id: newOptionId(), text: "" })}
        >
          <Plus className="size-4" aria-hidden /> Add option
        </Button>
      </div>
    </fieldset>
  );
}
