"use client";

// A teacher reviews one attempt: each question with the student's answer, the answer key and the
// points (./answer-card), and feedback on the whole attempt (./feedback-card). Every save returns
// the attempt to the student, who sees it as a new grade. Unsaved marks are guarded against
// leaving the page. A link to #answer-<questionId> (the home's "To review") lands on that answer.
import { ArrowLeft, ClipboardCheck } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { PageHeader } from "~/components/page-header";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { Button } from "~/components/ui/button";
import { Card, CardContent } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { useUnsavedChanges } from "~/lib/use-unsaved-changes";
import { api } from "~/trpc/react";
import { DateTimeText, percent, scoreText } from "../../../../../student/assignment-ui";
import { AnswerCard } from "./answer-card";
import { FeedbackCard } from "./feedback-card";
import { needsMarks } from "./review-model";

/** Once the answers are on screen, the answer named by the address's #hash gets the focus. */
function useFocusAnswerFromHash(ready: boolean) {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (!hash.startsWith("answer-")) return;
    const card = document.getElementById(hash);
    if (!card) return;
    card.scrollIntoView({ block: "start" });
    card.focus({ preventScroll: true });
  }, [ready]);
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
  useFocusAnswerFromHash(query.isSuccess);
  if (query.isPending) return <Skeleton className="h-64 w-full" />;
  if (query.error) {
    return <EmptyState icon={ClipboardCheck} title="Couldn't load this attempt" description={query.error.message} />;
  }
  const r = query.data;
  const submitted = r.status === "SUBMITTED";
  const waiting = r.questions.filter((q) => needsMarks(r, q)).length;
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
            {waiting > 0 ? (
              <span className="ml-2 font-normal text-muted-foreground text-sm">
                {waiting === 1 ? "1 short answer needs" : `${waiting} short answers need`} your marks
              </span>
            ) : null}
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
