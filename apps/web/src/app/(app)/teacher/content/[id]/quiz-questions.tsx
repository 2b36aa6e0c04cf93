"use client";

// The quiz editor's "Questions" card: how students get their questions (a fixed, ordered list
// of bank questions, or a random draw by tag) and, for a fixed list, the list itself.
// The list is saved at once through `questions.setQuizQuestions` (no new content version);
// the draw settings are part of the quiz body and saved by the editor (`onSaveDraw`).
import { type Ref, useId } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { plural } from "~/lib/plural";
import type { QuizDraw } from "../content-form-model";
import { EditableQuestions, type QuizDrawHandle } from "./editable-questions";
import { ReadOnlyQuestionList } from "./read-only-question-list";

interface QuizQuestionsProps {
  quizId: string;
  /** The stored draw settings (null: fixed list). */
  draw: QuizDraw | null;
  /** The caller may change the quiz (its author or an admin). */
  canManage: boolean;
  /** The quiz is deleted: nothing can be changed until it is restored. */
  deleted: boolean;
  /** Saves the draw settings into the quiz body (a new version); resolves true when saved. */
  onSaveDraw(draw: QuizDraw | null): Promise<boolean>;
  /** Called when the draw settings gain or lose unsaved changes. */
  onDirtyChange?(dirty: boolean): void;
  /** The draw settings' unsaved state, for Publish to save them first. */
  drawRef?: Ref<QuizDrawHandle>;
}

export function QuizQuestions({
  quizId,
  draw,
  canManage,
  deleted,
  onSaveDraw,
  onDirtyChange,
  drawRef,
}: QuizQuestionsProps) {
  const editable = canManage && !deleted;
  const titleId = useId();
  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle>
          <h2 id={titleId}>Questions</h2>
        </CardTitle>
        <CardDescription>
          {draw
            ? `Each student gets ${plural(draw.count, "random question")} tagged “${draw.tag}”${
                draw.avoidRepeats ? ", avoiding questions they saw in earlier attempts" : ""
              }.`
            : "Every student answers the questions below, in this order."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {editable ? (
          <EditableQuestions
            quizId={quizId}
            draw={draw}
            onSaveDraw={onSaveDraw}
            onDirtyChange={onDirtyChange}
            ref={drawRef}
          />
        ) : deleted ? (
          <p className="text-muted-foreground text-sm">Restore the quiz to see and change its questions.</p>
        ) : draw ? null : (
          <ReadOnlyQuestionList quizId={quizId} />
        )}
      </CardContent>
    </Card>
  );
}
