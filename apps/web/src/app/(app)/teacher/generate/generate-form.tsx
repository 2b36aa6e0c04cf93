"use client";

// The generate request: validated with the router's own generateRequestSchema; server field
// errors are put next to their fields. On success the teacher follows the task on its page.
import { zodResolver } from "@hookform/resolvers/zod";
import {
  type GenerateRequest,
  type GenerateRequestInput,
  type GenerationPart,
  generateRequestSchema,
  generationParts,
  gradeLevels,
  type ReadingLevel,
  readingLevels,
} from "@toolboxai/validators";
import { TRPCClientError } from "@trpc/client";
import { Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { Textarea } from "~/components/ui/textarea";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";
import { StandardsPicker } from "./standards-picker";

type GradeLevel = (typeof gradeLevels)[number];

const READING_LEVEL_LABEL: Record<ReadingLevel, string> = {
  EMERGING: "Emerging reader",
  ON_GRADE: "On grade level",
  ADVANCED: "Advanced",
};

const PART_CHOICES: Record<GenerationPart, { label: string; description: string }> = {
  lesson: { label: "Lesson", description: "Sections with objectives, vocabulary and timings." },
  quiz: {
    label: "Quiz",
    description: "Questions with a checked answer key; they join your question bank when you publish the quiz.",
  },
  environment: {
    label: "Roblox environment",
    description: "Terrain, learning stations and Luau scripts, downloadable as a Rojo project.",
  },
};

const DEFAULTS: GenerateRequestInput = {
  topic: "",
  subject: "",
  // No grade until the teacher picks one, so a forgotten choice is an error rather than a guess.
  gradeLevel: "" as GradeLevel,
  durationMinutes: 40,
  readingLevel: "ON_GRADE",
  standards: [],
  parts: [...generationParts],
  questionCount: 5,
  notes: "",
};

export function GenerateForm() {
  const router = useRouter();
  const utils = api.useUtils();
  const generate = api.agents.generate.useMutation();
  const [failure, setFailure] = useState<string | null>(null);
  // After a successful submit the page is navigating away: keep the form disabled until it has.
  const [leaving, setLeaving] = useState(false);
  const form = useForm<GenerateRequestInput, unknown, GenerateRequest>({
    resolver: zodResolver(generateRequestSchema),
    defaultValues: DEFAULTS,
  });
  const { errors, isSubmitting } = form.formState;
  const parts = useWatch({ control: form.control, name: "parts" }) ?? [];
  // The standards picker suggests catalog standards for the subject and grade chosen so far.
  const subject = useWatch({ control: form.control, name: "subject" }) ?? "";
  const gradeLevel = useWatch({ control: form.control, name: "gradeLevel" }) ?? "";
  const topic = useWatch({ control: form.control, name: "topic" }) ?? "";
  const wantsQuiz = parts.includes("quiz");
  const busy = isSubmitting || leaving;

  return (
    <form
      noValidate
      aria-labelledby="generate-form-title"
      onSubmit={form.handleSubmit(async (values) => {
        setFailure(null);
        try {
          const task = await generate.mutateAsync(values);
          await utils.agents.list.invalidate();
          toast.success("Generation started: follow it on the task page");
          setLeaving(true);
          router.push(`/teacher/tasks/${task.id}`);
        } catch (error) {
          if (error instanceof TRPCClientError) setFailure(applyServerErrors(error, form.setError));
          else setFailure("Something went wrong. Try again.");
        }
      })}
    >
      <Card>
        <CardHeader>
          <CardTitle>
            <h2 id="generate-form-title">What should the agents draft?</h2>
          </CardTitle>
        </CardHeader>
        <fieldset disabled={busy} className="contents">
          <legend className="sr-only">Generation request</legend>
          <CardContent className="grid gap-5 md:grid-cols-2">
            <FormError message={failure} className="md:col-span-2" />
            <FormField
              label="Topic"
              htmlFor="generate-topic"
              error={errors.topic?.message}
              description="A few words, e.g. “Photosynthesis” or “Equivalent fractions”."
              className="md:col-span-2"
            >
              <Input id="generate-topic" autoComplete="off" {...form.register("topic")} />
            </FormField>
            <FormField label="Subject" htmlFor="generate-subject" error={errors.subject?.message}>
              <Input id="generate-subject" placeholder="e.g. Science" {...form.register("subject")} />
            </FormField>
            <FormField label="Grade level" htmlFor="generate-grade" error={errors.gradeLevel?.message}>
              <NativeSelect id="generate-grade" {...form.register("gradeLevel")}>
                <option value="">Pick a grade level</option>
                {gradeLevels.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              label="Lesson length (minutes)"
              htmlFor="generate-duration"
              error={errors.durationMinutes?.message}
            >
              <Input
                id="generate-duration"
                type="number"
                inputMode="numeric"
                min={10}
                max={180}
                step={5}
                {...form.register("durationMinutes", { valueAsNumber: true })}
              />
            </FormField>
            <FormField label="Reading level" htmlFor="generate-reading-level" error={errors.readingLevel?.message}>
              <NativeSelect id="generate-reading-level" {...form.register("readingLevel")}>
                {readingLevels.map((level) => (
                  <option key={level} value={level}>
                    {READING_LEVEL_LABEL[level]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>

            <Controller
              control={form.control}
              name="parts"
              render={({ field }) => {
                const value = field.value ?? [];
                const partsError = errors.parts?.message ?? errors.parts?.root?.message;
                return (
                  <fieldset
                    className="grid gap-3 md:col-span-2"
                    aria-describedby={partsError ? "generate-parts-error" : undefined}
                  >
                    <legend className="mb-2 font-medium text-sm">Parts to generate</legend>
                    {generationParts.map((part) => (
                      <div key={part} className="flex items-start gap-3">
                        <input
                          id={`generate-part-${part}`}
                          type="checkbox"
                          className="mt-0.5 size-4 accent-primary"
                          checked={value.includes(part)}
                          aria-describedby={`generate-part-${part}-description`}
                          onBlur={field.onBlur}
                          onChange={(e) => {
                            const next = e.target.checked
                              ? generationParts.filter((p) => p === part || value.includes(p))
                              : value.filter((p) => p !== part);
                            field.onChange(next);
                            // A hidden, invalid question count must not block the request.
                            if (part === "quiz" && !e.target.checked) {
                              form.setValue("questionCount", DEFAULTS.questionCount);
                              form.clearErrors("questionCount");
                            }
                          }}
                        />
                        <div className="grid gap-1">
                          <Label htmlFor={`generate-part-${part}`}>{PART_CHOICES[part].label}</Label>
                          <p id={`generate-part-${part}-description`} className="text-muted-foreground text-sm">
                            {PART_CHOICES[part].description}
                          </p>
                        </div>
                      </div>
                    ))}
                    {partsError ? (
                      <p role="alert" id="generate-parts-error" className="font-medium text-destructive text-sm">
                        {partsError}
                      </p>
                    ) : null}
                  </fieldset>
                );
              }}
            />

            {wantsQuiz ? (
              <FormField
                label="Number of questions"
                htmlFor="generate-question-count"
                error={errors.questionCount?.message}
                description="From 3 to 20."
              >
                <Input
                  id="generate-question-count"
                  type="number"
                  inputMode="numeric"
                  min={3}
                  max={20}
                  {...form.register("questionCount", { valueAsNumber: true })}
                />
              </FormField>
            ) : null}

            <Controller
              control={form.control}
              name="standards"
              render={({ field }) => (
                <div className="md:col-span-2">
                  <StandardsPicker
                    id="generate-standards"
                    value={field.value ?? []}
                    onChange={field.onChange}
                    subject={subject}
                    gradeLevel={gradeLevel}
                    topic={topic}
                    error={errors.standards?.message ?? firstError(errors.standards)}
                    disabled={busy}
                  />
                </div>
              )}
            />

            <FormField
              label="Notes for the agents (optional)"
              htmlFor="generate-notes"
              error={errors.notes?.message}
              description="Anything they should know: what the class already covered, a lab you plan to run, words to avoid."
              className="md:col-span-2"
            >
              <Textarea id="generate-notes" rows={4} {...form.register("notes")} />
            </FormField>
          </CardContent>
          <CardFooter className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-muted-foreground text-sm">
              Drafts are saved as “Generated”: students see nothing until you review and publish.
            </p>
            <Button type="submit" disabled={busy}>
              <Sparkles aria-hidden /> {busy ? "Starting…" : "Generate drafts"}
            </Button>
          </CardFooter>
        </fieldset>
      </Card>
    </form>
  );
}

/** The first message among an array field's element errors (a bad standard code, say). */
function firstError(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  return errors.find((e): e is { message: string } => typeof e?.message === "string")?.message;
}
