"use client";

import { ArrowLeft, Inbox } from "lucide-react";
import Link from "next/link";
import { gradeLabel } from "~/components/classes/class-list";
import { LoadError } from "~/components/load-error";
import { NotFoundCard } from "~/components/not-found-card";
import { PageHeader } from "~/components/page-header";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { WhoIsOnline } from "~/components/realtime/who-is-online";
import { AskTutorButton } from "~/components/tutor/ask-tutor-button";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";
import { plural } from "../../assignment-ui";
import { AssignmentGroups } from "../../my-assignments";

function BackLink() {
  return (
    <Button asChild variant="ghost" size="sm" className="mb-2 -ml-3">
      <Link href="/student">
        <ArrowLeft aria-hidden /> My learning
      </Link>
    </Button>
  );
}

export function StudentClass({ classId }: { classId: string }) {
  // Grades and new work arrive as realtime events; without realtime, re-read every few seconds.
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const query = api.classes.forStudent.useQuery({ classId }, { refetchInterval });

  if (query.isPending) {
    return (
      <div className="grid gap-4" aria-busy="true">
        <span className="sr-only" role="status">
          Loading the class
        </span>
        <Skeleton className="h-10 w-1/2" />
        <div className="grid gap-6 lg:grid-cols-3">
          <Skeleton className="h-48 w-full lg:col-span-2" />
          <Skeleton className="h-48 w-full" />
        </div>
      </div>
    );
  }
  if (query.error) {
    if (query.error.data?.code === "NOT_FOUND") {
      return (
        <>
          <BackLink />
          <PageHeader title="Class not found" />
          <NotFoundCard
            title="We couldn't find that class"
            description="You may not be in it, or your teacher archived it. Ask them for the class code if you should be."
            backLabel="Back to my learning"
          />
        </>
      );
    }
    return (
      <>
        <BackLink />
        <PageHeader title="Class" />
        <LoadError
          title="Couldn't load this class"
          message={query.error.message}
          onRetry={() => void query.refetch()}
        />
      </>
    );
  }

  const c = query.data;
  return (
    <>
      <BackLink />
      <PageHeader
        title={c.name}
        description={`${c.subject} · ${gradeLabel(c.gradeLevel)} · taught by ${c.teacherName}`}
        actions={<AskTutorButton classId={classId} />}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="class-assignments" className="grid content-start gap-3 lg:col-span-2">
          <h2 id="class-assignments" className="font-semibold text-lg">
            Your assignments in this class
          </h2>
          {c.assignments.length === 0 ? (
            <Card>
              <CardContent className="py-6">
                <EmptyState
                  icon={Inbox}
                  title="Nothing assigned in this class yet"
                  description={`When ${c.teacherName} assigns a lesson, quiz or activity, it shows up here.`}
                />
              </CardContent>
            </Card>
          ) : (
            <AssignmentGroups items={c.assignments} showClass={false} />
          )}
        </section>
        <div className="grid content-start gap-6">
          <WhoIsOnline classId={classId} />
          <Card aria-labelledby="about-class" role="region">
            <CardHeader>
              <CardTitle>
                <h2 id="about-class">About this class</h2>
              </CardTitle>
              <CardDescription>Who teaches it and who is in it.</CardDescription>
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-muted-foreground">Teacher</dt>
                <dd className="font-medium">{c.teacherName}</dd>
                <dt className="text-muted-foreground">Subject</dt>
                <dd>{c.subject}</dd>
                <dt className="text-muted-foreground">Level</dt>
                <dd>{gradeLabel(c.gradeLevel)}</dd>
                <dt className="text-muted-foreground">Class size</dt>
                <dd>{plural(c.studentCount, "student")}</dd>
              </dl>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
