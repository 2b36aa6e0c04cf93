"use client";

// The one form for creating and editing content: the common fields, plus a body editor for the
// item's type (lesson sections, activity steps, quiz instructions, a Roblox environment).
// Validated with the same createContentSchema as the router; server field errors (including body
// paths such as `body.sections.2.heading`) are put next to their fields.
import { zodResolver } from "@hookform/resolvers/zod";
import { type ContentSummary, createContentSchema, gradeLevels } from "@toolboxai/validators";
import { TRPCClientError } from "@trpc/client";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useEffect, useState } from "react";
import { Controller, FormProvider, useFieldArray, useForm, useFormContext } from "react-hook-form";
import type { z } from "zod";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { Textarea } from "~/components/ui/textarea";
import { applyServerErrors } from "~/lib/form-errors";
import { EnvironmentBodyEditor } from "./environment-editor";

export type ContentFormValues = z.input<typeof createContentSchema>;
export type ContentFormOutput = z.output<typeof createContentSchema>;
type LessonValues = Extract<ContentFormValues, { type: "LESSON" }>;
type ActivityValues = Extract<ContentFormValues, { type: "ACTIVITY" }>;
type QuizValues = Extract<ContentFormValues, { type: "QUIZ" }>;
export type GradeLevel = (typeof gradeLevels)[number];

/** A stable id for a new section or step (randomUUID needs a secure context; plain http falls back). */
const newId = () =>
  typeof crypto.randomUUID === "function"
    ? crypto.randomUUID().slice(0, 12)
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export function emptyBody(type: ContentSummary["type"]): ContentFormValues["body"] {
  switch (type) {
    case "LESSON":
      return { sections: [{ id: newId(), heading: "", markdown: "", media: [] }] };
    case "ACTIVITY":
      return { instructions: "", steps: [{ id: newId(), text: "" }] };
    case "QUIZ":
      return { instructions: "", draw: null };
    case "ENVIRONMENT":
      return starterEnvironment();
  }
}

/**
 * A small valid environment to start from by hand: a grass plate, one spawn point, one info
 * station and one server script (Lua 5.1 syntax, so the script check parses it), no checkpoints.
 */
function starterEnvironment(): Extract<ContentFormValues, { type: "ENVIRONMENT" }>["body"] {
  return {
    terrain: {
      name: "Learning space",
      description: "An open grass field with a welcome station.",
      baseMaterial: "Grass",
      size: { x: 256, z: 256 },
      regions: [],
      props: [],
      spawnPoints: [{ name: "Start", position: { x: 0, y: 5, z: 0 } }],
      stations: [
        {
          id: "Welcome",
          name: "Welcome",
          kind: "info",
          position: { x: 0, y: 3, z: 24 },
          prompt: "Welcome! Walk to each station and read what it says.",
          questionIndex: null,
        },
      ],
    },
    scripts: [
      {
        name: "Welcome",
        kind: "server",
        purpose: "Greets each student who joins.",
        source: [
          'local Players = game:GetService("Players")',
          "",
          "Players.PlayerAdded:Connect(function(player)",
          '  print("Welcome, " .. player.Name .. "!")',
          "end)",
          "",
        ].join("\n"),
      },
    ],
    checkpoints: [],
  };
}

export function emptyContent(type: ContentSummary["type"]): ContentFormValues {
  return {
    type,
    title: "",
    description: "",
    subject: "",
    gradeLevel: "" as GradeLevel,
    tags: [],
    body: emptyBody(type),
  } as ContentFormValues;
}

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

/** Comma-separated tags, kept as the user types and parsed into the list. */
function TagsInput({ id, value, onChange }: { id: string; value: string[]; onChange(tags: string[]): void }) {
  const [text, setText] = useState(value.join(", "));
  const parse = (s: string) =>
    s
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
  // Follow outside changes (a reset), without fighting the user's typing.
  useEffect(() => {
    setText((current) => (parse(current).join(",") === value.join(",") ? current : value.join(", ")));
  }, [value]);
  return (
    <Input
      id={id}
      value={text}
      placeholder="fractions, visual"
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}

/** The first message of an array field's element errors (a bad tag, say). */
function firstError(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  return errors.find((e): e is { message: string } => typeof e?.message === "string")?.message;
}

function ArrayError({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" className="font-medium text-destructive text-sm">
      {message}
    </p>
  ) : null;
}

function MoveButtons({
  label,
  index,
  count,
  move,
  remove,
}: {
  label: string;
  index: number;
  count: number;
  move(from: number, to: number): void;
  remove(index: number): void;
}) {
  return (
    <div className="flex gap-1">
      <Button
        type="button"
        variant="ghost"
        size="icon"
        aria-label={`Move ${label} up`}
        disabled={index === 0}
        onClick={() => move(index, index - 1)}
      >
        <ArrowUp aria-hidden />
      </Button>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        aria-label={`Move ${label} down`}
        disabled={index === count - 1}
        onClick={() => move(index, index + 1)}
      >
        <ArrowDown aria-hidden />
      </Button>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        aria-label={`Remove ${label}`}
        disabled={count === 1}
        onClick={() => remove(index)}
      >
        <Trash2 aria-hidden />
      </Button>
    </div>
  );
}

function LessonBodyEditor() {
  const { control, formState } = useFormContext<LessonValues>();
  const sections = useFieldArray({ control, name: "body.sections", keyName: "key" });
  const arrayError = formState.errors.body?.sections;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Sections</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ArrayError message={arrayError?.message ?? arrayError?.root?.message} />
        <ol className="grid gap-4">
          {sections.fields.map((field, index) => (
            <li key={field.key}>
              <SectionEditor
                index={index}
                count={sections.fields.length}
                move={sections.move}
                remove={sections.remove}
              />
            </li>
          ))}
        </ol>
      </CardContent>
      <CardFooter>
        <Button
          type="button"
          variant="outline"
          onClick={() => sections.append({ id: newId(), heading: "", markdown: "", media: [] })}
          disabled={sections.fields.length >= 50}
        >
          <Plus aria-hidden /> Add section
        </Button>
      </CardFooter>
    </Card>
  );
}

function SectionEditor({
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
      <FormField label="Heading" htmlFor={`${prefix}-heading`} error={errors?.heading?.message}>
        <Input id={`${prefix}-heading`} {...register(`body.sections.${index}.heading`)} />
      </FormField>
      <FormField
        label="Text (Markdown)"
        htmlFor={`${prefix}-markdown`}
        error={errors?.markdown?.message}
        description="**bold**, _italic_, - lists, [links](https://…)"
      >
        <Textarea
          id={`${prefix}-markdown`}
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
              htmlFor={`${prefix}-media-${m}-url`}
              error={errors?.media?.[m]?.url?.message}
            >
              <Input
                id={`${prefix}-media-${m}-url`}
                type="url"
                placeholder="https://"
                {...register(`body.sections.${index}.media.${m}.url`)}
              />
            </FormField>
            <FormField
              label={`Caption ${m + 1}`}
              htmlFor={`${prefix}-media-${m}-caption`}
              error={errors?.media?.[m]?.caption?.message}
            >
              <Input id={`${prefix}-media-${m}-caption`} {...register(`body.sections.${index}.media.${m}.caption`)} />
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

function ActivityBodyEditor() {
  const { control, register, formState } = useFormContext<ActivityValues>();
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
        <FormField label="Instructions" htmlFor="activity-instructions" error={errors?.instructions?.message}>
          <Textarea id="activity-instructions" rows={5} {...register("body.instructions")} />
        </FormField>
        <div className="grid gap-2">
          <p className="font-medium text-sm">Steps</p>
          <ArrayError message={errors?.steps?.message ?? errors?.steps?.root?.message} />
          <ol className="grid gap-2">
            {steps.fields.map((field, index) => (
              <li key={field.key} className="grid items-start gap-2 md:grid-cols-[1fr_auto]">
                <FormField
                  label={`Step ${index + 1}`}
                  htmlFor={`step-${index}`}
                  error={errors?.steps?.[index]?.text?.message}
                >
                  <Input id={`step-${index}`} {...register(`body.steps.${index}.text`)} />
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

function QuizBodyEditor() {
  const { register, formState } = useFormContext<QuizValues>();
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Quiz</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <FormField
          label="Instructions"
          htmlFor="quiz-instructions"
          error={formState.errors.body?.instructions?.message}
          description="Shown to students before the first question. The questions themselves are chosen in the quiz's Questions section, from your question bank."
        >
          <Textarea id="quiz-instructions" rows={4} {...register("body.instructions")} />
        </FormField>
      </CardContent>
    </Card>
  );
}
