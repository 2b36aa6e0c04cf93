"use client";

import { Plus } from "lucide-react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Textarea } from "~/components/ui/textarea";
import { ArrayError } from "./array-error";
import { type ActivityValues, newId } from "./content-form-model";
import { useFieldIds } from "./field-ids";
import { MoveButtons } from "./move-buttons";

/** The body editor for ACTIVITY items: instructions and steps. */
export function ActivityBodyEditor() {
  const { control, register, formState } = useFormContext<ActivityValues>();
  const fid = useFieldIds();
  const steps = useFieldArray({ control, name: "body.steps", keyName: "key" });
  const errors = formState.errors.body;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Activity</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <FormField label="Instructions" htmlFor={fid("activity-instructions")} error={errors?.instructions?.message}>
          <Textarea id={fid("activity-instructions")} rows={5} {...register("body.instructions")} />
        </FormField>
        <div className="grid gap-2">
          <p className="font-medium text-sm">Steps</p>
          <ArrayError message={errors?.steps?.message ?? errors?.steps?.root?.message} />
          <ol className="grid gap-2">
            {steps.fields.map((field, index) => (
              <li key={field.key} className="grid items-start gap-2 md:grid-cols-[1fr_auto]">
                <FormField
                  label={`Step ${index + 1}`}
                  htmlFor={fid(`step-${index}`)}
                  error={errors?.steps?.[index]?.text?.message}
                >
                  <Input id={fid(`step-${index}`)} {...register(`body.steps.${index}.text`)} />
                </FormField>
                <div className="md:mt-6">
                  <MoveButtons
                    label={`step ${index + 1}`}
                    index={index}
                    count={steps.fields.length}
                    move={steps.move}
                    remove={steps.remove}
                  />
                </div>
              </li>
            ))}
          </ol>
        </div>
      </CardContent>
      <CardFooter>
        <Button
          type="button"
          variant="outline"
          disabled={steps.fields.length >= 50}
          onClick={() => steps.append({ id: newId(), text: "" })}
        >
          <Plus aria-hidden /> Add step
        </Button>
      </CardFooter>
    </Card>
  );
}
