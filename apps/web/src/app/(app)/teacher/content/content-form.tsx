"use client";

// The one form for creating and editing content: the common fields, plus a body editor for the
// item's type (lesson sections, activity steps, quiz instructions, a Roblox environment).
// Validated with the same createContentSchema as the router; server field errors (including body
// paths such as `body.sections.2.heading`) are put next to their fields.
// Editing an existing item (`trackChanges`), the form says whether it has unsaved changes, keeps
// Save disabled while there are none, reports its state to the screen (`onDirtyChange`, for the
// leave-page warning) and lets the screen save it first (`ref.submit()`, e.g. before publishing).
import { zodResolver } from "@hookform/resolvers/zod";
import { createContentSchema, gradeLevels } from "@toolboxai/validators";
import { TRPCClientError } from "@trpc/client";
import { CheckCircle2, CircleDot } from "lucide-react";
import { type Ref, useEffect, useImperativeHandle, useRef, useState } from "react";
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
import { useFieldIds } from "./field-ids";
import { LessonBodyEditor } from "./lesson-body-editor";
import { QuizBodyEditor } from "./quiz-body-editor";
import { TagsInput } from "./tags-input";

/** What a screen can ask of the form it shows. */
export interface ContentFormHandle {
  /** Whether the form holds changes that are not saved. */
  isDirty(): boolean;
  /** Validates and saves; resolves true when saved (errors are shown on the form, or by the screen). */
  submit(): Promise<boolean>;
}

interface ContentFormProps {
  initial: ContentFormValues;
  /** Read-only view: someone else's item, or a deleted one. */
  disabled?: boolean;
  submitLabel: string;
  pendingLabel: string;
  /** An existing item: show whether there are unsaved changes, and allow Save only when there are. */
  trackChanges?: boolean;
  /**
   * Saves; a thrown tRPC error is shown on the form (field errors next to their fields). Resolves
   * false when the screen refused the save and says why itself (a conflict).
   */
  onSave(values: ContentFormOutput): Promise<unknown>;
  /** Called when the form gains or loses unsaved changes. */
  onDirtyChange?(dirty: boolean): void;
  ref?: Ref<ContentFormHandle>;
}

export function ContentForm({
  initial,
  disabled = false,
  submitLabel,
  pendingLabel,
  trackChanges = false,
  onSave,
  onDirtyChange,
  ref,
}: ContentFormProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const fid = useFieldIds();
  const form = useForm<ContentFormValues, unknown, ContentFormOutput>({
    resolver: zodResolver(createContentSchema),
    defaultValues: initial,
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const type = initial.type;
  const dirty = isDirty && !disabled;

  const onDirtyChangeRef = useRef(onDirtyChange);
  onDirtyChangeRef.current = onDirtyChange;
  useEffect(() => {
    onDirtyChangeRef.current?.(dirty);
  }, [dirty]);
  // A form that goes away (a save starts it afresh, the screen closes) holds no changes any more.
  useEffect(() => () => onDirtyChangeRef.current?.(false), []);

  /** Saves the values; true when saved. */
  async function save(values: ContentFormOutput): Promise<boolean> {
    setFailure(null);
    try {
      return (await onSave(values)) !== false;
    } catch (error) {
      if (error instanceof TRPCClientError) setFailure(applyServerErrors(error, form.setError));
      else setFailure("Something went wrong. Try again.");
      return false;
    }
  }

  useImperativeHandle(ref, () => ({
    isDirty: () => form.formState.isDirty && !disabled,
    async submit() {
      let saved = false;
      await form.handleSubmit(async (values) => {
        saved = await save(values);
      })();
      return saved;
    },
  }));

  return (
    <FormProvider {...form}>
      <form
        noValidate
        className="grid gap-6"
        onSubmit={form.handleSubmit(async (values) => {
          await save(values);
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
              <FormField
                label="Title"
                htmlFor={fid("content-title")}
                error={errors.title?.message}
                className="md:col-span-2"
              >
                <Input id={fid("content-title")} {...form.register("title")} />
              </FormField>
              <FormField
                label="Description"
                htmlFor={fid("content-description")}
                error={errors.description?.message}
                className="md:col-span-2"
              >
                <Textarea id={fid("content-description")} rows={2} {...form.register("description")} />
              </FormField>
              <FormField label="Subject" htmlFor={fid("content-subject")} error={errors.subject?.message}>
                <Input id={fid("content-subject")} placeholder="e.g. Science" {...form.register("subject")} />
              </FormField>
              <FormField label="Grade level" htmlFor={fid("content-grade")} error={errors.gradeLevel?.message}>
                <NativeSelect id={fid("content-grade")} {...form.register("gradeLevel")}>
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
                    htmlFor={fid("content-tags")}
                    description="Separate tags with commas."
                    error={fieldState.error?.message ?? firstError(errors.tags)}
                    className="md:col-span-2"
                  >
                    <TagsInput id={fid("content-tags")} value={field.value ?? []} onChange={field.onChange} />
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
          // Stays in view at the bottom of the window, however long the form.
          <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center justify-end gap-3 rounded-lg border bg-background/95 px-4 py-3 shadow-sm backdrop-blur">
            {trackChanges ? <SaveState dirty={dirty} saving={isSubmitting} /> : null}
            <Button type="submit" disabled={isSubmitting || (trackChanges && !dirty)}>
              {isSubmitting ? pendingLabel : submitLabel}
            </Button>
          </div>
        )}
      </form>
    </FormProvider>
  );
}

/** "Unsaved changes" or "All changes saved", announced politely as it changes. */
function SaveState({ dirty, saving }: { dirty: boolean; saving: boolean }) {
  return (
    <p role="status" data-testid="save-state" className="mr-auto flex items-center gap-2 text-sm">
      {saving ? (
        <span className="text-muted-foreground">Saving…</span>
      ) : dirty ? (
        <>
          <CircleDot className="size-4 text-warning" aria-hidden />
          <span className="font-medium">Unsaved changes</span>
        </>
      ) : (
        <>
          <CheckCircle2 className="size-4 text-success" aria-hidden />
          <span className="text-muted-foreground">All changes saved</span>
        </>
      )}
    </p>
  );
}

/** The first message of an array field's element errors (a bad tag, say). */
function firstError(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  return errors.find((e): e is { message: string } => typeof e?.message === "string")?.message;
}
