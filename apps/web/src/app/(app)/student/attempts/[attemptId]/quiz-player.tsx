"use client";

import type { QuestionResponse } from "@toolboxai/validators";
import { TRPCClientError } from "@trpc/client";
import { ArrowLeft, Check, CloudOff, Loader2, Send } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { LocalTime } from "~/components/local-time";
import { PageHeader } from "~/components/page-header";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { api, type RouterOutputs } from "~/trpc/react";
import { DueText, plural } from "../../assignment-ui";
import { isAnswered, QuestionInput } from "./question-input";

type Player = Extract<RouterOutputs["assignments"]["attempt"], { kind: "player" }>["player"];
type Responses = Record<string, QuestionResponse>;
type SaveState =
  | { status: "idle" }
  | { status: "dirty" }
  | { status: "saving" }
  | { status: "saved"; at: Date }
  | { status: "error"; message: string };

const AUTOSAVE_MS = 800;

function errorInfo(e: unknown): { message: string; code: string | undefined } {
  if (e instanceof TRPCClientError) {
    const data = e.data as { code?: string } | undefined;
    return { message: e.message, code: data?.code };
  }
  return { message: e instanceof Error ? e.message : "Something went wrong.", code: undefined };
}

function listNumbers(ns: number[]): string {
  if (ns.length <= 1) return ns.join("");
  return `${ns.slice(0, -1).join(", ")} and ${ns[ns.length - 1]}`;
}

function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span role="status" className="inline-flex items-center gap-1.5 text-muted-foreground">
        {state.status === "saving" ? (
          <>
            <Loader2 className="size-4 animate-spin" aria-hidden /> Saving…
          </>
        ) : state.status === "saved" ? (
          <>
            <Check className="size-4 text-success" aria-hidden /> Saved at{" "}
            <LocalTime value={state.at} options={{ timeStyle: "short" }} />
          </>
        ) : state.status === "dirty" ? (
          "Unsaved changes"
        ) : state.status === "error" ? (
          <span className="inline-flex items-center gap-1.5 text-destructive">
            <CloudOff className="size-4" aria-hidden /> Not saved: {state.message}
          </span>
        ) : (
          "Answers save automatically"
        )}
      </span>
      {state.status === "error" ? (
        <Button variant="outline" size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </span>
  );
}

/** Taking a quiz: native controls per question, autosave, and a confirmed submit. */
export function QuizPlayer({ player }: { player: Player }) {
  const utils = api.useUtils();
  const { attemptId, assignmentId, questions } = player;
  const [responses, setResponses] = useState<Responses>(() => ({ ...player.responses }));
  const [numberDrafts, setNumberDrafts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      Object.entries(player.responses).flatMap(([id, r]) => ("number" in r ? [[id, String(r.number)]] : [])),
    ),
  );
  const [save, setSave] = useState<SaveState>({ status: "idle" });
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);

  /** Changes not yet saved; null means "clear this answer". */
  const pending = useRef<Record<string, QuestionResponse | null>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  /** Set once submitting starts (or the server says the attempt is closed): autosave stops. */
  const stopped = useRef(false);
  const flushRef = useRef<() => Promise<void>>(async () => {});

  const clearTimer = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const flush = useCallback((): Promise<void> => {
    clearTimer();
    // One save at a time, so an older batch can never land after a newer one.
    if (inFlight.current) return inFlight.current.then(() => flushRef.current());
    const batch = pending.current;
    if (stopped.current || Object.keys(batch).length === 0) return Promise.resolve();
    pending.current = {};
    setSave({ status: "saving" });
    const request = utils.client.assignments.saveResponses
      .mutate({ attemptId, responses: batch })
      .then((r) => {
        if (stopped.current) return;
        setSave(Object.keys(pending.current).length > 0 ? { status: "dirty" } : { status: "saved", at: r.savedAt });
      })
      .catch((e: unknown) => {
        if (stopped.current) return;
        pending.current = { ...batch, ...pending.current };
        const { message, code } = errorInfo(e);
        setSave({ status: "error", message });
        if (code === "PRECONDITION_FAILED" || code === "NOT_FOUND") {
          // Submitted in another tab, or no longer available: show what the server has now.
          stopped.current = true;
          void utils.assignments.attempt.invalidate({ attemptId });
        }
      })
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = request;
    return request;
  }, [attemptId, utils, clearTimer]);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const schedule = useCallback(() => {
    if (stopped.current) return;
    setSave((s) => (s.status === "saving" ? s : { status: "dirty" }));
    clearTimer();
    timer.current = setTimeout(() => void flushRef.current(), AUTOSAVE_MS);
  }, [clearTimer]);

  function answer(id: string, r: QuestionResponse | null) {
    setResponses((prev) => {
      const next = { ...prev };
      if (r) next[id] = r;
      else delete next[id];
      return next;
    });
    // null clears the saved answer on the server.
    pending.current = { ...pending.current, [id]: r };
    schedule();
  }

  // Save what's left when the page is hidden or left; warn before closing with unsaved answers.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === "hidden") void flushRef.current();
    };
    const onUnload = (e: BeforeUnloadEvent) => {
      if (!stopped.current && (Object.keys(pending.current).length > 0 || inFlight.current)) e.preventDefault();
    };
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("beforeunload", onUnload);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("beforeunload", onUnload);
      void flushRef.current();
    };
  }, []);

  async function submit() {
    setFailure(null);
    setSubmitting(true);
    clearTimer();
    stopped.current = true;
    pending.current = {};
    await inFlight.current;
    try {
      // Every question is sent, unanswered ones as null, so an answer cleared on screen is cleared on the server.
      const all = Object.fromEntries(questions.map((q) => [q.id, responses[q.id] ?? null]));
      const result = await utils.client.assignments.submitAttempt.mutate({ attemptId, responses: all });
      utils.assignments.attempt.setData({ attemptId }, { kind: "result", result });
      void utils.assignments.myAttempts.invalidate({ assignmentId });
      void utils.assignments.mine.invalidate();
      toast.success("Your answers were submitted");
      window.scrollTo({ top: 0 });
    } catch (e) {
      const { message, code } = errorInfo(e);
      setSubmitting(false);
      setFailure({ title: "Your answers were not submitted", message });
      if (code === "PRECONDITION_FAILED" || code === "NOT_FOUND") {
        void utils.assignments.attempt.invalidate({ attemptId });
        return;
      }
      // Keep working: everything on screen is saved again on the next change or retry.
      stopped.current = false;
      pending.current = { ...responses };
      setSave({ status: "dirty" });
    }
  }

  const total = questions.length;
  const answeredCount = questions.filter((q) => isAnswered(responses[q.id])).length;
  const unanswered = questions.flatMap((q, i) => (isAnswered(responses[q.id]) ? [] : [i + 1]));

  return (
    <>
      <Button asChild variant="ghost" size="sm" className="mb-2 -ml-3">
        <Link href={`/student/assignments/${assignmentId}`}>
          <ArrowLeft aria-hidden /> Quiz overview
        </Link>
      </Button>
      <PageHeader
        title={player.title}
        description={
          <>
            Attempt {player.number}
            {player.maxAttempts !== null ? ` of ${player.maxAttempts}` : ""} · <DueText dueAt={player.dueAt} />
          </>
        }
      />

      <div className="grid max-w-3xl gap-4">
        {player.instructions ? <p className="whitespace-pre-line">{player.instructions}</p> : null}
        <Alert role="note">
          <AlertDescription>
            Your answers save automatically as you go. You can leave and come back to this attempt until you submit.
          </AlertDescription>
        </Alert>

        {failure ? (
          <Alert variant="destructive">
            <AlertTitle>{failure.title}</AlertTitle>
            <AlertDescription>{failure.message}</AlertDescription>
          </Alert>
        ) : null}

        {total === 0 ? (
          <EmptyState
            title="This attempt has no questions"
            description="Please tell your teacher. You can still submit to close the attempt."
          />
        ) : (
          <ol className="grid gap-4" aria-label="Questions">
            {questions.map((q, i) => (
              <li key={q.id} id={`question-${i + 1}`} className="scroll-mt-4">
                <QuestionInput
                  q={q}
                  index={i}
                  total={total}
                  response={responses[q.id]}
                  numberDraft={numberDrafts[q.id] ?? ""}
                  disabled={submitting}
                  onAnswer={(r) => answer(q.id, r)}
                  onNumberDraft={(raw) => {
                    setNumberDrafts((d) => ({ ...d, [q.id]: raw }));
                    const n = raw.trim() === "" ? Number.NaN : Number(raw);
                    answer(q.id, Number.isFinite(n) ? { number: n } : null);
                  }}
                />
              </li>
            ))}
          </ol>
        )}
      </div>

      <div className="sticky bottom-0 z-10 -mx-4 mt-6 border-t bg-background/95 px-4 py-3 backdrop-blur supports-[backdrop-filter]:bg-background/80 md:-mx-8 md:px-8">
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <span className="font-medium">
              {answeredCount} of {total} answered
            </span>
            <SaveStatus state={save} onRetry={() => void flush()} />
          </div>
          <AlertDialog>
            <AlertDialogTrigger asChild>
              <Button disabled={submitting}>
                <Send aria-hidden /> {submitting ? "Submitting…" : "Submit answers"}
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>Submit your answers?</AlertDialogTitle>
                <AlertDialogDescription asChild>
                  <div className="grid gap-2">
                    {unanswered.length === 0 ? (
                      <p>You answered all {plural(total, "question")}.</p>
                    ) : (
                      <p className="font-medium text-foreground">
                        You answered {answeredCount} of {plural(total, "question")}.{" "}
                        {unanswered.length === 1 ? "Question" : "Questions"} {listNumbers(unanswered)}{" "}
                        {unanswered.length === 1 ? "has" : "have"} no answer and will be marked incorrect.
                      </p>
                    )}
                    <p>
                      After you submit, you can't change your answers
                      {player.maxAttempts !== null
                        ? ` (this is attempt ${player.number} of ${player.maxAttempts})`
                        : ""}
                      .
                    </p>
                  </div>
                </AlertDialogDescription>
              </AlertDialogHeader>
              <AlertDialogFooter>
                <AlertDialogCancel>Keep working</AlertDialogCancel>
                <AlertDialogAction onClick={() => void submit()}>Submit answers</AlertDialogAction>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
        </div>
      </div>
    </>
  );
}
