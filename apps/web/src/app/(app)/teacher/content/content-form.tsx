"use client";

// The one form for creating and editing content: the common fields, plus a body editor for the
// item's type (lesson sections, activity steps, quiz instructions, a Roblox environment).
// Validated with the same createContentSchema as the router; server field errors (including body
// paths such as `body.sections.2.heading`) are put next to their fields.
import { zodResolver } from "@hookform/resolvers/zod";
import { createContentSchema, gradeLevels } from "@toolboxai/validators";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { Controller, FormProvider, useForm } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { Textarea } from "~/components/ui/textarea";
import { applyServerErrors } from "~/lib/form-errors";
import { ActivityBodyEditor } from "./activity-body-editor";
import type { ContentFormOutput, ContentFormValues } from "./content-form-model";
import { EnvironmentBodyEditor } from "./environment-editor";
import { LessonBodyEditor } from "./lesson-body-editor";
import { QuizBodyEditor } from "./quiz-body-editor";
import { TagsInput } from "./tags-input";

interface ContentFormProps {
  initial: ContentFormValues;
  /** Read-only view: someone else's item, or a deleted one. */
  disabled?: boolean;
  submitLabel: string;
  pendingLabel: string;
  /** Saves; a thrown tRPC error is shown on the form (field errors next to their fields). */
  onSave(values: ContentFormOutput): Promise<void>;
}

export function ContentForm({ initial, disabled = false, submitLabel, pendingLabel, onSave }: ContentFormProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ContentFormValues, unknown, ContentFormOutput>({
    resolver: zodResolver(createContentSchema),
    defaultValues: initial,
  });
  const { errors, isSubmitting } = form.formState;
  const type = initial.type;

  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="grid gap-6"
        onSubmit={form.handleSubmit(async (values) => {
          setFailure(null);
          try {
            await onSave(values);
          } catch (error) {
            if (error instanceof TRPCClientError) setFailure(applyServerErrors(error, form.setError));
            else setFailure("Something went wrong. Try again.");
          }
        })}
      >
        <fieldset disabled={disabled} className="grid gap-6">
          <legend className="sr-only">Content</legend>
          <FormError message={failure} />
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Details</h2>
              </CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 md:grid-cols-2">
              <FormField label="Title" htmlFor="content-title" error={errors.title?.message} className="md:col-span-2">
                <Input id="content-title" {...form.register("title")} />
              </FormField>
              <FormField
                label="Description"
                htmlFor="content-description"
                error={errors.description?.message}
                className="md:col-span-2"
              >
                <Textarea id="content-description" rows={2} {...form.register("description")} />
              </FormField>
              <FormField label="Subject" htmlFor="content-subject" error={errors.subject?.message}>
                <Input id="content-subject" placeholder="e.g. Science" {...form.register("subject")} />
              </FormField>
              <FormField label="Grade level" htmlFor="content-grade" error={errors.gradeLevel?.message}>
                <NativeSelect id="content-grade" {...form.register("gradeLevel")}>
                  <option value="">Pick a grade level</option>
                  {gradeLevels.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <Controller
                control={form.control}
                name="tags"
                render={({ field, fieldState }) => (
                  <FormField
                    label="Tags"
                    htmlFor="content-tags"
                    description="Separate tags with commas."
                    error={fieldState.error?.message ?? firstError(errors.tags)}
                    className="md:col-span-2"
                  >
                    <TagsInput id="content-tags" value={field.value ?? []} onChange={field.onChange} />
                  </FormField>
                )}
              />
            </CardContent>
          </Card>

          {type === "LESSON" ? <LessonBodyEditor /> : null}
          {type === "ACTIVITY" ? <ActivityBodyEditor /> : null}
          {type === "QUIZ" ? <QuizBodyEditor /> : null}
          {type === "ENVIRONMENT" ? <EnvironmentBodyEditor /> : null}
        </fieldset>

        {disabled ? null : (
          <div className="flex justify-end">
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? pendingLabel : submitLabel}
            </Button>
          </div>
        )}
      </form>
    </FormProvider>
  );
}

/** The first message of an array field's element errors (a bad tag, say). */
function firstError(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  return errors.find((e): e is { message: string } => typeof e?.message === "string")?.message;
}
