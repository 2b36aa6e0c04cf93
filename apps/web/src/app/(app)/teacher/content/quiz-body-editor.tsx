"use client";

import { useFormContext } from "react-hook-form";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { FormField } from "~/components/ui/form-field";
import { Textarea } from "~/components/ui/textarea";
import type { QuizValues } from "./content-form-model";
import { useFieldIds } from "./field-ids";

/** The body editor for QUIZ items: the instructions (the questions have their own card). */
export function QuizBodyEditor() {
  const { register, formState } = useFormContext<QuizValues>();
  const fid = useFieldIds();
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
          htmlFor={fid("quiz-instructions")}
          error={formState.errors.body?.instructions?.message}
          description="Shown to students before the first question. The questions themselves are chosen in the quiz's Questions section, from your question bank."
        >
          <Textarea id={fid("quiz-instructions")} rows={4} {...register("body.instructions")} />
        </FormField>
      </CardContent>
    </Card>
  );
}
