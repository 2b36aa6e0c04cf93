"use client";

// A teacher reviews one attempt: each question with the student's answer, the answer key and the
// points. Per answer: override the points (a reason is required), or mark the rubric of a short
// answer, and comment; per attempt: feedback. Every save returns the attempt to the student, who
// sees it as a new grade. Unsaved marks are guarded against leaving the page.
import { gradeAnswerSchema } from "@toolboxai/validators";
import { ArrowLeft, CheckCircle2, ClipboardCheck, RotateCcw, XCircle } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useId, useState } from "react";
import { toast } from "sonner";
import { PageHeader } from "~/components/page-header";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Skeleton } from "~/components/ui/skeleton";
import { Textarea } from "~/components/ui/textarea";
import { useUnsavedChanges } from "~/lib/use-unsaved-changes";
import { cn } from "~/lib/utils";
import { api, type RouterOutputs } from "~/trpc/react";
import { DateTimeText, percent, scoreText } from "../../../../../student/assignment-ui";
import { describeKey, describeResponse } from "../../../../../student/attempts/[attemptId]/quiz-result";

type Review = RouterOutputs["assignments"]["review"];
type ReviewQuestion = Review["questions"][number];
type FieldErrors = Record<string, string | undefined>;

const points = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} ${n === 1 ? "point" : "points"}`;

/** Field errors of a tRPC error (zod's and the domain's), first message per field. */
function serverFieldErrors(error: { data?: { fieldErrors?: Record<string, string[] | undefined> | null } | null }) {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(error.data?.fieldErrors ?? {})) if (v?.[0]) out[k] = v[0];
  return out;
}

function useSaved(review: Review) {
  const utils = api.useUtils();
  return (next: Review) => {
    utils.assignments.review.setData({ attemptId: review.attemptId }, next);
    void utils.gradebook.invalidate();
  };
}

function AnswerCard({
  q,
  index,
  review,
  onDirty,
}: {
  q: ReviewQuestion;
  index: number;
  review: Review;
  onDirty(id: string, dirty: boolean): void;
}) {
  const id = useId();
  const saved = useSaved(review);
  const initialMarks = () =>
    Object.fromEntries((q.rubric ?? []).map((c) => [c.id, String(q.rubricScores?.[c.id] ?? "")]));
  const [pointsText, setPointsText] = useState(q.points === null ? "" : String(q.points));
  const [reason, setReason] = useState("");
  const [marks, setMarks] = useState<Record<string, string>>(initialMarks);
  const [comment, setComment] = useState(q.comment ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const pointsChanged = !q.rubric && pointsText !== (q.points === null ? "" : String(q.points));
  const marksChanged = !!q.rubric && JSON.stringify(marks) !== JSON.stringify(initialMarks());
  const commentChanged = comment.trim() !== (q.comment ?? "");
  const dirty = pointsChanged || marksChanged || commentChanged || reason.trim() !== "";

  // The screen's leave-page guard follows what this form holds that is not saved yet.
  useEffect(() => onDirty(q.id, dirty), [onDirty, q.id, dirty]);
  useEffect(() => () => onDirty(q.id, false), [onDirty, q.id]);

  const grade = api.assignments.gradeAnswer.useMutation({
    onSuccess(next) {
      saved(next);
      const after = next.questions.find((x) => x.id === q.id);
      setPointsText(after?.points === null || after?.points === undefined ? "" : String(after.points));
      setReason("");
      setComment(after?.comment ?? "");
      setErrors({});
      setFormError(null);
      toast.success(`Question ${index + 1} saved: ${review.student.name} sees it on their result`);
    },
    onError(error) {
      const fields = serverFieldErrors(error);
      setErrors(fields);
      setFormError(Object.keys(fields).length > 0 ? null : error.message);
    },
  });

  function save(event: React.FormEvent) {
    event.preventDefault();
    const input = {
      attemptId: review.attemptId,
      questionId: q.id,
      ...(pointsChanged ? { points: pointsText.trim() === "" ? Number.NaN : Number(pointsText), reason } : {}),
      ...(marksChanged
        ? {
            rubricScores: Object.fromEntries(
              Object.entries(marks).map(([k, v]) => [k, v.trim() === "" ? 0 : Number(v)]),
            ),
            ...(reason.trim() ? { reason } : {}),
          }
        : {}),
      ...(commentChanged ? { comment } : {}),
    };
    if (!pointsChanged && !marksChanged && !commentChanged) {
      setFormError("Nothing has changed yet: enter points, marks or a comment.");
      return;
    }
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
    <Card className="gap-4" data-testid={`answer-${index + 1}`}>
      <CardHeader>
        <CardDescription className="flex flex-wrap items-center justify-between gap-2">
          <span>Question {index + 1}</span>
          <span className="flex flex-wrap items-center gap-2">
            {!q.graded ? (
              <Badge variant="outline">Not graded yet</Badge>
            ) : q.correct ? (
              <Badge variant="success">
                <CheckCircle2 aria-hidden /> Full marks
              </Badge>
            ) : (
              <Badge variant="destructive">
                <XCircle aria-hidden /> {given === null ? "Not answered" : "Not full marks"}
              </Badge>
            )}
            {q.autoPoints !== null ? (
              <Badge variant="outline">Changed by {q.gradedBy?.name ?? "a teacher"}</Badge>
            ) : null}
            <span className="font-medium text-foreground tabular-nums">
              {q.points === null ? "–" : scoreText(q.points, q.maxPoints)} {q.maxPoints === 1 ? "point" : "points"}
            </span>
          </span>
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
                    value={pointsText}
                    onChange={(e) => setPointsText(e.target.value)}
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

function FeedbackCard({ review, onDirty }: { review: Review; onDirty(id: string, dirty: boolean): void }) {
  const saved = useSaved(review);
  const [text, setText] = useState(review.feedback ?? "");
  const [error, setError] = useState<string | undefined>();
  const mutation = api.assignments.setFeedback.useMutation({
    onSuccess(next) {
      saved(next);
      setText(next.feedback ?? "");
      setError(undefined);
      toast.success(`Feedback returned to ${review.student.name}`);
    },
    onError(e) {
      setError(serverFieldErrors(e).feedback ?? e.message);
    },
  });
  const dirty = text.trim() !== (review.feedback ?? "");
  useEffect(() => onDirty("feedback", dirty), [onDirty, dirty]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Feedback on this attempt</h2>
        </CardTitle>
        <CardDescription>
          {review.returnedAt ? (
            <>
              Last returned <DateTimeText value={review.returnedAt} />
              {review.unseenByStudent ? " · not opened by the student yet" : " · seen by the student"}
            </>
          ) : (
            "The student sees it with their result."
          )}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="grid gap-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            mutation.mutate({ attemptId: review.attemptId, feedback: text });
          }}
        >
          <FormField htmlFor="attempt-feedback" label="Feedback to the student" error={error}>
            <Textarea id="attempt-feedback" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </FormField>
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={mutation.isPending || !dirty}>
              {mutation.isPending ? "Returning…" : "Return feedback"}
            </Button>
            {dirty ? <span className="text-muted-foreground text-xs">Unsaved changes</span> : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

export function AttemptReview({ classId, attemptId }: { classId: string; attemptId: string }) {
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const [dirtyForms, setDirtyForms] = useState<ReadonlySet<string>>(new Set());
  const onDirty = useCallback((id: string, dirty: boolean) => {
    setDirtyForms((prev) => {
      if (prev.has(id) === dirty) return prev;
      const next = new Set(prev);
      if (dirty) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const guard = useUnsavedChanges(dirtyForms.size > 0);
  // While the teacher is marking, a background refetch must not reset what they typed.
  const query = api.assignments.review.useQuery(
    { attemptId },
    { refetchInterval: dirtyForms.size > 0 ? false : refetchInterval },
  );
  if (query.isPending) return <Skeleton className="h-64 w-full" />;
  if (query.error) {
    return <EmptyState icon={ClipboardCheck} title="Couldn't load this attempt" description={query.error.message} />;
  }
  const r = query.data;
  const submitted = r.status === "SUBMITTED";
  return (
    <>
      {guard.dialog}
      <PageHeader
        title={`${r.student.name} · ${r.assignment.title}`}
        description={
          <>
            Attempt {r.number} ·{" "}
            {submitted && r.submittedAt ? (
              <>
                submitted <DateTimeText value={r.submittedAt} />
              </>
            ) : (
              "in progress: not submitted yet"
            )}
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline">
              <Link href={`/teacher/classes/${classId}/students/${r.student.id}`}>
                <ArrowLeft className="size-4" aria-hidden /> {r.student.name}
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`/teacher/classes/${classId}/gradebook`}>Gradebook</Link>
            </Button>
          </div>
        }
      />
      <div className="grid max-w-4xl gap-6">
        <Card>
          <CardContent className="flex flex-wrap items-center justify-between gap-4">
            <div>
              <p className="text-muted-foreground text-sm">Total</p>
              <p className="font-semibold text-2xl tabular-nums" data-testid="attempt-total">
                {submitted && r.score !== null && r.maxScore !== null
                  ? `${scoreText(r.score, r.maxScore)} · ${percent(r.score, r.maxScore)}%`
                  : "Not submitted"}
              </p>
            </div>
            {r.attempts.length > 1 ? (
              <nav aria-label="Attempts" className="flex flex-wrap gap-1">
                {r.attempts.map((t) => (
                  <Button key={t.id} asChild size="sm" variant={t.id === r.attemptId ? "default" : "outline"}>
                    <Link
                      href={`/teacher/classes/${classId}/attempts/${t.id}`}
                      aria-current={t.id === r.attemptId ? "page" : undefined}
                    >
                      Attempt {t.number}
                      {t.status === "SUBMITTED" && t.score !== null && t.maxScore !== null
                        ? ` · ${percent(t.score, t.maxScore)}%`
                        : ""}
                    </Link>
                  </Button>
                ))}
              </nav>
            ) : null}
          </CardContent>
        </Card>
        {submitted ? <FeedbackCard review={r} onDirty={onDirty} /> : null}
        <section aria-labelledby="answers-heading" className="grid gap-4">
          <h2 id="answers-heading" className="font-semibold text-lg">
            Answers
          </h2>
          <ol className="grid gap-4">
            {r.questions.map((q, i) => (
              <li key={q.id}>
                <AnswerCard q={q} index={i} review={r} onDirty={onDirty} />
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
