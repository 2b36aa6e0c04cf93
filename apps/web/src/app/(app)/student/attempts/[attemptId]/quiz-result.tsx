"use client";

import { ArrowLeft, CheckCircle2, Info, Lightbulb, MessageSquareText, XCircle } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { PageHeader } from "~/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { cn } from "~/lib/utils";
import { api, type RouterOutputs } from "~/trpc/react";
import { DateTimeText, percent, plural, scoreText } from "../../assignment-ui";

type Result = Extract<RouterOutputs["assignments"]["attempt"], { kind: "result" }>["result"];
type ResultQuestion = Result["questions"][number];
type Option = { id: string; text: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function optionTexts(ids: string[], options: Option[]): string {
  return ids.map((id) => options.find((o) => o.id === id)?.text ?? id).join(", ");
}

/** What describing an answer needs (a student's result question, or a teacher's review question). */
type Describable = { type: string; options: Option[]; response: unknown; correctAnswer: unknown };

/** The student's answer in words, or null when there is none. */
export function describeResponse(q: Describable): string | null {
  const r: unknown = q.response;
  if (!isObject(r)) return null;
  if ("selected" in r) {
    const ids = strings(r.selected);
    return ids.length > 0 ? optionTexts(ids, q.options) : null;
  }
  if (typeof r.value === "boolean") return r.value ? "True" : "False";
  if (typeof r.text === "string") return r.text.trim() ? r.text : null;
  if (typeof r.number === "number") return String(r.number);
  return null;
}

/** The answer key in words (only present when the teacher chose to show answers). */
export function describeKey(q: Describable): string | null {
  const key: unknown = q.correctAnswer;
  if (!isObject(key)) return null;
  switch (q.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      return optionTexts(strings(key.correct), q.options) || null;
    case "TRUE_FALSE":
      return typeof key.value === "boolean" ? (key.value ? "True" : "False") : null;
    case "SHORT_ANSWER": {
      const accepted = strings(key.accepted);
      if (accepted.length === 0) return null;
      return accepted.length === 1 ? (accepted[0] ?? null) : `Any of: ${accepted.map((a) => `“${a}”`).join(", ")}`;
    }
    case "NUMERIC": {
      if (typeof key.value !== "number") return null;
      const tolerance = typeof key.tolerance === "number" ? key.tolerance : 0;
      return tolerance > 0 ? `${key.value} (± ${tolerance})` : String(key.value);
    }
    default:
      return null;
  }
}

/** Choice questions: every option, marked with what the student picked (and the key when shown). */
function ChoiceReview({ q, revealed }: { q: ResultQuestion; revealed: boolean }) {
  const r: unknown = q.response;
  const picked = new Set(isObject(r) ? strings(r.selected) : []);
  const key: unknown = q.correctAnswer;
  const correct = new Set(revealed && isObject(key) ? strings(key.correct) : []);
  return (
    <ul className="grid gap-2" aria-label="Options">
      {q.options.map((o) => {
        const mine = picked.has(o.id);
        const right = correct.has(o.id);
        return (
          <li
            key={o.id}
            className={cn(
              "flex flex-wrap items-center justify-between gap-2 rounded-md border px-3 py-2 text-sm",
              right && "border-success/40 bg-success/5",
              mine && revealed && !right && "border-destructive/40 bg-destructive/5",
              mine && !revealed && "border-primary/40 bg-primary/5",
            )}
          >
            <span className="whitespace-pre-wrap">{o.text}</span>
            <span className="flex gap-1">
              {mine ? <Badge variant="outline">Your answer</Badge> : null}
              {right ? <Badge variant="success">Correct answer</Badge> : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function QuestionReview({ q, index, revealed }: { q: ResultQuestion; index: number; revealed: boolean }) {
  const given = describeResponse(q);
  const key = revealed ? describeKey(q) : null;
  const choice = q.type === "SINGLE_CHOICE" || q.type === "MULTIPLE_CHOICE";
  return (
    <Card className={cn("gap-4", q.correct ? "border-success/30" : "border-destructive/30")}>
      <CardHeader>
        <CardDescription className="flex flex-wrap items-center justify-between gap-2">
          <span>Question {index + 1}</span>
          <span className="flex items-center gap-2">
            {q.correct ? (
              <Badge variant="success">
                <CheckCircle2 aria-hidden /> Correct
              </Badge>
            ) : (
              <Badge variant="destructive">
                <XCircle aria-hidden /> {given === null ? "Not answered" : "Incorrect"}
              </Badge>
            )}
            {q.teacherScored ? <Badge variant="outline">Marked by your teacher</Badge> : null}
            <span>
              {scoreText(q.points, q.maxPoints)} {q.maxPoints === 1 ? "point" : "points"}
            </span>
          </span>
        </CardDescription>
        <CardTitle className="font-medium text-base leading-relaxed">
          <h3 className="whitespace-pre-wrap">{q.prompt}</h3>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {choice ? (
          <>
            <ChoiceReview q={q} revealed={revealed} />
            {given === null ? <p className="text-muted-foreground">You didn't choose an answer.</p> : null}
          </>
        ) : (
          <dl className="grid gap-2 sm:grid-cols-[10rem_1fr]">
            <dt className="text-muted-foreground">Your answer</dt>
            <dd
              className={cn("whitespace-pre-wrap font-medium", given === null && "font-normal text-muted-foreground")}
            >
              {given ?? "No answer"}
            </dd>
            {key !== null ? (
              <>
                <dt className="text-muted-foreground">Correct answer</dt>
                <dd className="whitespace-pre-wrap font-medium text-success">{key}</dd>
              </>
            ) : null}
          </dl>
        )}
        {q.rubric ? (
          <div className="grid gap-1">
            <p className="font-medium">How your answer was marked</p>
            <ul className="grid gap-1" aria-label="Rubric">
              {q.rubric.map((c) => (
                <li key={c.id} className="flex justify-between gap-2 rounded-md border px-3 py-1.5">
                  <span>{c.label ?? "Rubric total (the criteria show when your teacher shares the answers)"}</span>
                  <span className="tabular-nums">
                    {scoreText(c.awarded, c.points)} {c.points === 1 ? "point" : "points"}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {q.comment ? (
          <div className="flex gap-3 rounded-md border border-primary/30 bg-primary/5 p-3" data-testid="answer-comment">
            <MessageSquareText className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
            <div>
              <p className="font-medium">Your teacher's comment</p>
              <p className="whitespace-pre-wrap">{q.comment}</p>
            </div>
          </div>
        ) : null}
        {revealed && q.explanation ? (
          <div className="flex gap-3 rounded-md bg-muted p-3">
            <Lightbulb className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
            <div>
              <p className="font-medium">Explanation</p>
              <p className="whitespace-pre-wrap text-muted-foreground">{q.explanation}</p>
            </div>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/**
 * Opening a result whose grade is new to the student (a regrade changed it) marks it seen, which
 * clears it from the navigation's new-grades badge and the lists. Once per new grade: if the
 * teacher regrades again while the page is open, the refetched result is new again and is marked.
 */
function useMarkSeen(result: Result) {
  const utils = api.useUtils();
  const { mutate } = api.assignments.markResultSeen.useMutation({
    onSuccess(badge) {
      utils.assignments.newGradeCount.setData(undefined, badge);
      void utils.assignments.attempt.invalidate({ attemptId: result.attemptId });
      void utils.assignments.myAttempts.invalidate({ assignmentId: result.assignmentId });
      void utils.assignments.mine.invalidate();
      void utils.classes.forStudent.invalidate();
      void utils.assignments.myGrades.invalidate();
    },
  });
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (!result.newGrade) {
      marked.current = null;
      return;
    }
    if (marked.current === result.attemptId) return;
    marked.current = result.attemptId;
    mutate({ attemptId: result.attemptId });
  }, [result.attemptId, result.newGrade, mutate]);
}

/** A submitted attempt: the score, then each question with the student's answer. */
export function QuizResult({ result, justSubmitted = false }: { result: Result; justSubmitted?: boolean }) {
  const total = result.questions.length;
  const correct = result.questions.filter((q) => q.correct).length;
  const pct = percent(result.score, result.maxScore);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useMarkSeen(result);
  useEffect(() => {
    // Right after submitting: move focus to the score so it is read out.
    if (justSubmitted) headingRef.current?.focus();
  }, [justSubmitted]);
  return (
    <>
      <Button asChild variant="ghost" size="sm" className="mb-2 -ml-3">
        <Link href={`/student/assignments/${result.assignmentId}`}>
          <ArrowLeft aria-hidden /> Quiz overview
        </Link>
      </Button>
      <PageHeader
        title={result.title}
        description={
          <>
            Attempt {result.number}
            {result.submittedAt ? (
              <>
                {" "}
                · submitted <DateTimeText value={result.submittedAt} />
              </>
            ) : null}
          </>
        }
      />
      <div className="grid max-w-3xl gap-6">
        <Card>
          <CardContent className="flex flex-col gap-6 sm:flex-row sm:items-center">
            <div
              className={cn(
                "flex size-24 shrink-0 items-center justify-center rounded-full border-4 font-semibold text-2xl",
                pct >= 80 ? "border-success text-success" : pct >= 50 ? "border-warning text-warning" : "border-muted",
              )}
              aria-hidden
            >
              {pct}%
            </div>
            <div className="grid gap-2">
              <h2 ref={headingRef} tabIndex={-1} className="font-semibold text-xl outline-none">
                Your score: {pct}%
              </h2>
              <p className="text-muted-foreground">
                {correct} of {plural(total, "question")} correct · {scoreText(result.score, result.maxScore)} points ·{" "}
                {pct}%
              </p>
              <div className="flex flex-wrap gap-2 pt-1">
                <Button asChild>
                  <Link href={`/student/assignments/${result.assignmentId}`}>Back to the quiz</Link>
                </Button>
                <Button asChild variant="outline">
                  <Link href="/student">My assignments</Link>
                </Button>
                <Button asChild variant="outline">
                  <Link href="/student/grades">My grades</Link>
                </Button>
              </div>
            </div>
          </CardContent>
        </Card>

        {result.feedback ? (
          <Card className="border-primary/30" data-testid="attempt-feedback">
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <MessageSquareText className="size-4 text-primary" aria-hidden />
                <h2>Feedback from your teacher</h2>
              </CardTitle>
              {result.returnedAt ? (
                <CardDescription>
                  Returned <DateTimeText value={result.returnedAt} />
                </CardDescription>
              ) : null}
            </CardHeader>
            <CardContent>
              <p className="whitespace-pre-wrap">{result.feedback}</p>
            </CardContent>
          </Card>
        ) : null}

        {result.answersRevealed ? null : (
          <Alert role="note">
            <Info aria-hidden />
            <AlertTitle>Correct answers aren't shown yet</AlertTitle>
            <AlertDescription>
              You can see which questions you got right. Your teacher will share the answers and explanations later.
            </AlertDescription>
          </Alert>
        )}

        <section aria-labelledby="review-heading" className="grid gap-4">
          <h2 id="review-heading" className="font-semibold text-lg">
            Your answers
          </h2>
          <ol className="grid gap-4">
            {result.questions.map((q, i) => (
              <li key={q.id}>
                <QuestionReview q={q} index={i} revealed={result.answersRevealed} />
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
