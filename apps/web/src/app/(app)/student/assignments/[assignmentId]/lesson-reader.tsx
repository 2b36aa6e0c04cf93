"use client";

import { contentBodySchemas } from "@toolboxai/validators";
import { ArrowLeft, ArrowRight, Check, CheckCircle2, PartyPopper } from "lucide-react";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Markdown } from "~/components/markdown";
import { PageHeader } from "~/components/page-header";
import { AskTutorButton } from "~/components/tutor/ask-tutor-button";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { Spinner } from "~/components/ui/spinner";
import { cn } from "~/lib/utils";
import { api, type RouterOutputs } from "~/trpc/react";
import { DueText, TYPE_LABEL } from "../../assignment-ui";
import { LessonMedia, type MediaLink, withoutUnsafeMedia } from "./lesson-media";

type Lesson = RouterOutputs["assignments"]["openLesson"];
type Unit = { id: string; heading: string; markdown: string; media: MediaLink[] };
type Parsed = { intro: string | null; units: Unit[]; noun: "section" | "step" };

/** The lesson's sections, or the activity's steps, as one list of units to read and complete. */
function parseBody(type: string, body: unknown): Parsed | null {
  if (type === "LESSON") {
    const parsed = contentBodySchemas.LESSON.safeParse(withoutUnsafeMedia(body));
    return parsed.success ? { intro: null, units: parsed.data.sections, noun: "section" } : null;
  }
  if (type === "ACTIVITY") {
    const parsed = contentBodySchemas.ACTIVITY.safeParse(body);
    if (!parsed.success) return null;
    return {
      intro: parsed.data.instructions,
      units: parsed.data.steps.map((s, i) => ({ id: s.id, heading: `Step ${i + 1}`, markdown: s.text, media: [] })),
      noun: "step",
    };
  }
  return null;
}

function ProgressBar({ done, total, noun }: { done: number; total: number; noun: string }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between text-sm">
        <span id="lesson-progress-label" className="font-medium">
          Your progress
        </span>
        <span className="text-muted-foreground">
          {done} of {total} {noun}s complete
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="lesson-progress-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} ${noun}s complete (${pct}%)`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width] duration-300" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function ReaderSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <Spinner label="Opening the lesson" className="sr-only" />
      <Skeleton className="h-4 w-full" />
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <Skeleton className="hidden h-48 lg:block" />
        <Skeleton className="h-80 w-full" />
      </div>
    </div>
  );
}

export function LessonReader({
  assignmentId,
  title,
  classId,
  className,
  type,
  dueAt,
}: {
  assignmentId: string;
  title: string;
  classId: string;
  className: string;
  type: string;
  dueAt: Date | null;
}) {
  const utils = api.useUtils();
  const [lesson, setLesson] = useState<Lesson | null>(null);
  const [current, setCurrent] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const parsed = useMemo(() => (lesson ? parseBody(lesson.content.type, lesson.content.body) : null), [lesson]);

  const open = api.assignments.openLesson.useMutation({
    onSuccess(data) {
      setLesson(data);
      const units = parseBody(data.content.type, data.content.body)?.units ?? [];
      const next = units.findIndex((u) => !data.completedSections.includes(u.id));
      setCurrent(next === -1 ? 0 : next);
      void utils.assignments.mine.invalidate();
    },
    onError: (e) => setFailure(e.message),
  });
  const complete = api.assignments.completeSection.useMutation({
    onSuccess(data, vars) {
      setLesson(data);
      void utils.assignments.mine.invalidate();
      if (data.completedAt) {
        toast.success(`You finished “${data.content.title}”`);
        return;
      }
      // Move on to the next unit still to do (after this one, else from the start).
      const units = parseBody(data.content.type, data.content.body)?.units ?? [];
      const at = units.findIndex((u) => u.id === vars.sectionId);
      const order = [...units.slice(at + 1), ...units.slice(0, at + 1)];
      const next = order.find((u) => !data.completedSections.includes(u.id));
      if (next) goTo(units.indexOf(next));
    },
    onError: (e) => toast.error(e.message),
  });

  const started = useRef(false);
  const openLesson = open.mutate;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    openLesson({ assignmentId });
  }, [assignmentId, openLesson]);

  // After moving between units, put focus on the new heading (keyboard and screen-reader users).
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    headingRef.current?.focus();
  });

  function goTo(index: number) {
    moved.current = true;
    setCurrent(index);
  }

  const header = (
    <>
      <Button asChild variant="ghost" size="sm" className="mb-2 -ml-3">
        <Link href="/student">
          <ArrowLeft aria-hidden /> My assignments
        </Link>
      </Button>
      <PageHeader
        title={title}
        description={
          <>
            {TYPE_LABEL[type] ?? type} · {className} · <DueText dueAt={dueAt} />
          </>
        }
        actions={<AskTutorButton classId={classId} assignmentId={assignmentId} />}
      />
    </>
  );

  if (failure) {
    return (
      <>
        {header}
        <Alert variant="destructive">
          <AlertTitle>Couldn't open this {type === "ACTIVITY" ? "activity" : "lesson"}</AlertTitle>
          <AlertDescription>
            <p>{failure}</p>
            <Button
              variant="outline"
              size="sm"
              onClick={() => {
                setFailure(null);
                open.mutate({ assignmentId });
              }}
            >
              Try again
            </Button>
          </AlertDescription>
        </Alert>
      </>
    );
  }
  if (!lesson) {
    return (
      <>
        {header}
        <ReaderSkeleton />
      </>
    );
  }
  if (!parsed || parsed.units.length === 0) {
    return (
      <>
        {header}
        <Alert variant="destructive">
          <AlertTitle>This {type === "ACTIVITY" ? "activity" : "lesson"} can't be shown</AlertTitle>
          <AlertDescription>
            Its content is empty or in a format we can't read. Please tell your teacher.
          </AlertDescription>
        </Alert>
      </>
    );
  }

  const { units, noun, intro } = parsed;
  const done = new Set(lesson.completedSections);
  const doneCount = units.filter((u) => done.has(u.id)).length;
  const index = Math.min(current, units.length - 1);
  const unit = units[index] as Unit;
  const unitDone = done.has(unit.id);
  const remaining = units.length - doneCount;
  const finished = lesson.completedAt !== null;
  const Noun = noun === "step" ? "Step" : "Section";

  return (
    <>
      {header}
      <div className="grid gap-6">
        <Card className="gap-4 py-4">
          <CardContent className="grid gap-4">
            <ProgressBar done={doneCount} total={units.length} noun={noun} />
          </CardContent>
        </Card>

        {finished ? (
          <Alert role="status" className="border-success/40 bg-success/5">
            <PartyPopper aria-hidden className="text-success" />
            <AlertTitle>Well done — you finished this {type === "ACTIVITY" ? "activity" : "lesson"}!</AlertTitle>
            <AlertDescription>
              <p>Your teacher can see that you completed every {noun}. You can keep reading it any time.</p>
              <Button asChild size="sm">
                <Link href="/student">Back to my assignments</Link>
              </Button>
            </AlertDescription>
          </Alert>
        ) : null}

        {intro ? (
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Instructions</h2>
              </CardTitle>
            </CardHeader>
            <CardContent>
              <Markdown mailto source={intro} />
            </CardContent>
          </Card>
        ) : null}

        <div className="grid items-start gap-6 lg:grid-cols-[16rem_1fr]">
          <nav aria-label={`${Noun}s`} className="lg:sticky lg:top-4">
            <ol className="grid gap-1">
              {units.map((u, i) => {
                const isDone = done.has(u.id);
                return (
                  <li key={u.id}>
                    <button
                      type="button"
                      onClick={() => goTo(i)}
                      aria-current={i === index ? "step" : undefined}
                      className={cn(
                        "flex w-full items-start gap-2 rounded-md px-3 py-2 text-left text-sm outline-none transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring",
                        i === index && "bg-accent font-medium",
                      )}
                    >
                      {isDone ? (
                        <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-success" aria-hidden />
                      ) : (
                        <span
                          className="mt-0.5 flex size-4 shrink-0 items-center justify-center rounded-full border text-[10px] text-muted-foreground"
                          aria-hidden
                        >
                          {i + 1}
                        </span>
                      )}
                      <span className="min-w-0">
                        {u.heading}
                        <span className="sr-only">{isDone ? " (complete)" : " (not complete yet)"}</span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          </nav>

          <Card>
            <CardHeader>
              <CardDescription>
                {Noun} {index + 1} of {units.length}
                {unitDone ? " · complete" : ""}
              </CardDescription>
              <CardTitle className="text-xl">
                <h2 ref={headingRef} tabIndex={-1} className="outline-none">
                  {unit.heading}
                </h2>
              </CardTitle>
            </CardHeader>
            <CardContent className="grid gap-6">
              {unit.markdown.trim() ? (
                <Markdown mailto source={unit.markdown} />
              ) : (
                <p className="text-muted-foreground">This {noun} has no text.</p>
              )}
              <LessonMedia sectionId={unit.id} media={unit.media} />
            </CardContent>
            <CardFooter className="flex flex-wrap justify-between gap-2 border-t">
              <Button variant="outline" onClick={() => goTo(index - 1)} disabled={index === 0}>
                <ArrowLeft aria-hidden /> Previous
              </Button>
              {unitDone ? (
                index < units.length - 1 ? (
                  <Button variant="outline" onClick={() => goTo(index + 1)}>
                    Next {noun} <ArrowRight aria-hidden />
                  </Button>
                ) : finished ? (
                  <Button asChild>
                    <Link href="/student">Back to my assignments</Link>
                  </Button>
                ) : null
              ) : (
                <Button
                  onClick={() => complete.mutate({ assignmentId, sectionId: unit.id })}
                  disabled={complete.isPending}
                >
                  {complete.isPending ? (
                    "Saving…"
                  ) : (
                    <>
                      <Check aria-hidden />
                      {remaining === 1 ? "Mark complete and finish" : `Mark ${noun} complete`}
                    </>
                  )}
                </Button>
              )}
            </CardFooter>
          </Card>
        </div>
      </div>
    </>
  );
}
