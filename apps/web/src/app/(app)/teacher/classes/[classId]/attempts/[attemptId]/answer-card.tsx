"use client";

// One answer of the attempt under review: the student's answer, the key and the points, and the
// teacher's marking: override the points (with a reason), or mark a short answer's rubric, and
// comment; or accept the score as it is. Any save counts the answer as reviewed and returns it to
// the student. A short answer nobody has looked at yet says "Needs your marks".
import { gradeAnswerSchema } from "@toolboxai/validators";
import { CheckCircle2, CircleAlert, Eye, RotateCcw, XCircle } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { toast } from "sonner";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Textarea } from "~/components/ui/textarea";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { DateTimeText, scoreText } from "../../../../../student/assignment-ui";
import { describeKey, describeResponse } from "../../../../../student/attempts/[attemptId]/quiz-result";
import { marksDiffer, marksText, pointsDiffer, typedNumber } from "./marks";
import {
  answerAnchor,
  type FieldErrors,
  needsMarks,
  type OnDirty,
  points,
  type Review,
  type ReviewQuestion,
  serverFieldErrors,
  useSaved,
} from "./review-model";

const pointsText = (q: ReviewQuestion | undefined) =>
  q?.points === null || q?.points === undefined ? "" : String(q.points);

function StatusBadges({ review, q, answered }: { review: Review; q: ReviewQuestion; answered: boolean }) {
  return (
    <span className="flex flex-wrap items-center gap-2">
      {needsMarks(review, q) ? (
        <Badge variant="warning" data-testid="needs-marks">
          <CircleAlert aria-hidden /> Needs your marks
        </Badge>
      ) : null}
      {!q.graded ? (
        <Badge variant="outline">Not graded yet</Badge>
      ) : q.correct ? (
        <Badge variant="success">
          <CheckCircle2 aria-hidden /> Full marks
        </Badge>
      ) : (
        <Badge variant="destructive">
          <XCircle aria-hidden /> {answered ? "Not full marks" : "Not answered"}
        </Badge>
      )}
      {q.autoPoints !== null ? (
        <Badge variant="outline">Changed by {q.gradedBy?.name ?? "a teacher"}</Badge>
      ) : q.gradedAt ? (
        <Badge variant="outline">Reviewed by {q.gradedBy?.name ?? "a teacher"}</Badge>
      ) : null}
      <span className="font-medium text-foreground tabular-nums">
        {q.points === null ? "–" : scoreText(q.points, q.maxPoints)} {q.maxPoints === 1 ? "point" : "points"}
      </span>
    </span>
  );
}

export function AnswerCard({
  q,
  index,
  review,
  onDirty,
}: {
  q: ReviewQuestion;
  index: number;
  review: Review;
  onDirty: OnDirty;
}) {
  const id = useId();
  const saved = useSaved(review);
  const [typedPoints, setTypedPoints] = useState(pointsText(q));
  const [reason, setReason] = useState("");
  const [marks, setMarks] = useState<Record<string, string>>(() => marksText(q));
  const [comment, setComment] = useState(q.comment ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  // Compared as numbers: "1.50" is the saved 1.5.
  const pointsChanged = !q.rubric && pointsDiffer(q, typedPoints);
  const marksChanged = !!q.rubric && marksDiffer(q, marks);
  const commentChanged = comment.trim() !== (q.comment ?? "");
  // A reason alone saves nothing, so it alone is no unsaved change.
  const dirty = pointsChanged || marksChanged || commentChanged;
  const waiting = needsMarks(review, q);

  // The screen's leave-page guard follows what this form holds that is not saved yet.
  useEffect(() => onDirty(q.id, dirty), [onDirty, q.id, dirty]);
  useEffect(() => () => onDirty(q.id, false), [onDirty, q.id]);

  const grade = api.assignments.gradeAnswer.useMutation({
    onSuccess(next, input) {
      saved(next);
      const after = next.questions.find((x) => x.id === q.id);
      setTypedPoints(pointsText(after));
      setMarks(after ? marksText(after) : {});
      setReason("");
      setComment(after?.comment ?? "");
      setErrors({});
      setFormError(null);
      toast.success(
        input.reviewed
          ? `Question ${index + 1} marked as reviewed`
          : `Question ${index + 1} saved: ${review.student.name} sees it on their result`,
      );
    },
    onError(error) {
      const fields = serverFieldErrors(error);
      setErrors(fields);
      setFormError(Object.keys(fields).length > 0 ? null : error.message);
    },
  });

  function save(event: React.FormEvent) {
    event.preventDefault();
    if (!dirty) {
      // Saving an untouched answer that waits for review accepts its score.
      if (waiting) grade.mutate({ attemptId: review.attemptId, questionId: q.id, reviewed: true });
      else setFormError("Nothing has changed yet: enter points, marks or a comment.");
      return;
    }
    const input = {
      attemptId: review.attemptId,
      questionId: q.id,
      ...(pointsChanged ? { points: typedNumber(typedPoints) ?? Number.NaN, reason } : {}),
      ...(marksChanged
        ? {
            rubricScores: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, typedNumber(v) ?? 0])),
            ...(reason.trim() ? { reason } : {}),
          }
        : {}),
      ...(commentChanged ? { comment } : {}),
    };
    // The same rules as the server, so mistakes show at once, next to their fields.
    const parsed = gradeAnswerSchema.safeParse(input);
    if (!parsed.success) {
      const fields: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.map(String).join(".");
        fields[key] ??= issue.message;
      }
      setErrors(fields);
      return;
    }
    grade.mutate(parsed.data);
  }

  const given = describeResponse(q);
  const key = describeKey(q);
  const rubricSum = Object.values(marks).reduce((s, v) => s + (Number(v) || 0), 0);
  return (
    <Card
      id={answerAnchor(q.id)}
      tabIndex={-1}
      className={cn(
        "scroll-mt-20 gap-4 outline-none focus-visible:ring-2 focus-visible:ring-ring",
        waiting && "border-warning/60",
      )}
      data-testid={`answer-${index + 1}`}
    >
      <CardHeader>
        <CardDescription className="flex flex-wrap items-center justify-between gap-2">
          <span>Question {index + 1}</span>
          <StatusBadges review={review} q={q} answered={given !== null} />
        </CardDescription>
        <CardTitle className="font-medium text-base leading-relaxed">
          <h3 className="whitespace-pre-wrap">{q.prompt}</h3>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        <dl className="grid gap-2 sm:grid-cols-[10rem_1fr]">
          <dt className="text-muted-foreground">Student's answer</dt>
          <dd className={cn("whitespace-pre-wrap font-medium", given === null && "font-normal text-muted-foreground")}>
            {given ?? "No answer"}
          </dd>
          <dt className="text-muted-foreground">Correct answer</dt>
          <dd className="whitespace-pre-wrap font-medium text-success">{key ?? "—"}</dd>
          {q.autoPoints !== null ? (
            <>
              <dt className="text-muted-foreground">Automatic score</dt>
              <dd>{points(q.autoPoints)}</dd>
              <dt className="text-muted-foreground">Why it changed</dt>
              <dd>
                {q.overrideReason ?? (q.rubricScores ? "Marked with the rubric" : "—")}
                {q.gradedAt ? (
                  <span className="text-muted-foreground">
                    {" "}
                    · {q.gradedBy?.name ?? "a teacher"}, <DateTimeText value={q.gradedAt} />
                  </span>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>

        {review.status === "SUBMITTED" && q.graded ? (
          <form onSubmit={save} className="grid gap-3 rounded-md border bg-muted/30 p-3" noValidate>
            <FormError message={formError} />
            {q.rubric ? (
              <fieldset className="grid gap-2">
                <legend className="mb-1 font-medium">
                  Rubric{" "}
                  <span className="font-normal text-muted-foreground">
                    ({points(Math.min(rubricSum, q.maxPoints))} of {q.maxPoints}
                    {rubricSum > q.maxPoints ? `, capped from ${rubricSum}` : ""})
                  </span>
                </legend>
                {q.rubric.map((c) => (
                  <FormField
                    key={c.id}
                    htmlFor={`${id}-c-${c.id}`}
                    label={`${c.label} (out of ${c.points})`}
                    error={errors[`rubricScores.${c.id}`]}
                    className="sm:grid-cols-[1fr_8rem] sm:items-center"
                  >
                    <Input
                      id={`${id}-c-${c.id}`}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      max={c.points}
                      step="any"
                      value={marks[c.id] ?? ""}
                      onChange={(e) => setMarks((m) => ({ ...m, [c.id]: e.target.value }))}
                    />
                  </FormField>
                ))}
                {errors.rubricScores ? (
                  <p role="alert" className="font-medium text-destructive text-sm">
                    {errors.rubricScores}
                  </p>
                ) : null}
              </fieldset>
            ) : (
              <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
                <FormField htmlFor={`${id}-points`} label={`Points (out of ${q.maxPoints})`} error={errors.points}>
                  <Input
                    id={`${id}-points`}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={q.maxPoints}
                    step="any"
                    value={typedPoints}
                    onChange={(e) => setTypedPoints(e.target.value)}
                  />
                </FormField>
                <FormField
                  htmlFor={`${id}-reason`}
                  label="Reason for the change"
                  error={errors.reason}
                  description={pointsChanged ? "Required when you change the score. Kept in the audit log." : undefined}
                >
                  <Input
                    id={`${id}-reason`}
                    value={reason}
                    placeholder="e.g. Right method, arithmetic slip"
                    onChange={(e) => setReason(e.target.value)}
                  />
                </FormField>
              </div>
            )}
            <FormField htmlFor={`${id}-comment`} label="Comment to the student" error={errors.comment}>
              <Textarea
                id={`${id}-comment`}
                value={comment}
                rows={2}
                placeholder="What went well, what to look at again"
                onChange={(e) => setComment(e.target.value)}
              />
            </FormField>
            <div className="flex flex-wrap items-center gap-2">
              <Button type="submit" disabled={grade.isPending}>
                {grade.isPending ? "Saving…" : "Save"}
              </Button>
              {waiting && !dirty ? (
                <Button
                  type="button"
                  variant="outline"
                  disabled={grade.isPending}
                  onClick={() => grade.mutate({ attemptId: review.attemptId, questionId: q.id, reviewed: true })}
                >
                  <Eye aria-hidden /> Accept {points(q.points ?? 0)}
                </Button>
              ) : null}
              {q.autoPoints !== null ? (
                <Button
                  type="button"
                  variant="outline"
                  disabled={grade.isPending}
                  onClick={() => grade.mutate({ attemptId: review.attemptId, questionId: q.id, points: null })}
                >
                  <RotateCcw aria-hidden /> Use the automatic score
                </Button>
              ) : null}
              {dirty ? <span className="text-muted-foreground text-xs">Unsaved changes</span> : null}
            </div>
          </form>
        ) : q.comment ? (
          <p className="whitespace-pre-wrap rounded-md bg-muted p-3">{q.comment}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
