"use client";

import { Plus, Trash2 } from "lucide-react";
import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Textarea } from "~/components/ui/textarea";
import type { LessonValues } from "./content-form-model";
import { useFieldIds } from "./field-ids";
import { MoveButtons } from "./move-buttons";

/** One section of a lesson: heading, Markdown text and media links. */
export function LessonSectionEditor({
  index,
  count,
  move,
  remove,
}: {
  index: number;
  count: number;
  move(from: number, to: number): void;
  remove(index: number): void;
}) {
  const { control, register, formState } = useFormContext<LessonValues>();
  const fid = useFieldIds();
  const media = useFieldArray({ control, name: `body.sections.${index}.media`, keyName: "key" });
  const errors = formState.errors.body?.sections?.[index];
  const label = `section ${index + 1}`;
  const prefix = `section-${index}`;
  return (
    <fieldset className="grid gap-3 rounded-md border p-4">
      <legend className="px-1 font-medium text-sm">Section {index + 1}</legend>
      <div className="-mt-2 flex justify-end">
        <MoveButtons label={label} index={index} count={count} move={move} remove={remove} />
      </div>
      <FormField label="Heading" htmlFor={fid(`${prefix}-heading`)} error={errors?.heading?.message}>
        <Input id={fid(`${prefix}-heading`)} {...register(`body.sections.${index}.heading`)} />
      </FormField>
      <FormField
        label="Text (Markdown)"
        htmlFor={fid(`${prefix}-markdown`)}
        error={errors?.markdown?.message}
        description="**bold**, _italic_, - lists, [links](https://…)"
      >
        <Textarea
          id={fid(`${prefix}-markdown`)}
          rows={6}
          className="font-mono"
          {...register(`body.sections.${index}.markdown`)}
        />
      </FormField>
      <div className="grid gap-2">
        <p className="font-medium text-sm">Media links</p>
        {media.fields.map((field, m) => (
          <div key={field.key} className="grid items-start gap-2 md:grid-cols-[1fr_1fr_auto]">
            <FormField
              label={`Link ${m + 1}`}
              htmlFor={fid(`${prefix}-media-${m}-url`)}
              error={errors?.media?.[m]?.url?.message}
            >
              <Input
                id={fid(`${prefix}-media-${m}-url`)}
                type="url"
                placeholder="https://"
                {...register(`body.sections.${index}.media.${m}.url`)}
              />
            </FormField>
            <FormField
              label={`Caption ${m + 1}`}
              htmlFor={fid(`${prefix}-media-${m}-caption`)}
              error={errors?.media?.[m]?.caption?.message}
            >
              <Input
                id={fid(`${prefix}-media-${m}-caption`)}
                {...register(`body.sections.${index}.media.${m}.caption`)}
              />
            </FormField>
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="md:mt-6"
              aria-label={`Remove link ${m + 1} of ${label}`}
              onClick={() => media.remove(m)}
            >
              <Trash2 aria-hidden />
            </Button>
          </div>
        ))}
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={media.fields.length >= 10}
            onClick={() => media.append({ url: "", caption: "" })}
          >
            <Plus aria-hidden /> Add media link
          </Button>
        </div>
      </div>
    </fieldset>
  );
}
