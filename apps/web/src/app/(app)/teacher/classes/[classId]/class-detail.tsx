"use client";

import { Archive, ArchiveRestore, Check, Copy, Pencil, RefreshCw, UserMinus, UserPlus, Users } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { ClassFormDialog } from "~/components/classes/class-form-dialog";
import { gradeLabel } from "~/components/classes/class-list";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LocalTime } from "~/components/local-time";
import { PageHeader } from "~/components/page-header";
import { PAGE_POLL_MS } from "~/components/realtime/poll-intervals";
import { useLivePolling } from "~/components/realtime/realtime-provider";
import { WhoIsOnline } from "~/components/realtime/who-is-online";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { api } from "~/trpc/react";
import { AddStudentDialog } from "./add-student-dialog";
import { ClassAssignments } from "./class-assignments";

export function ClassDetail({ classId }: { classId: string }) {
  const utils = api.useUtils();
  const refetchInterval = useLivePolling(PAGE_POLL_MS);
  const query = api.classes.get.useQuery({ classId }, { refetchInterval });
  const [copied, setCopied] = useState(false);
  const refresh = async () => {
    await Promise.all([utils.classes.get.invalidate({ classId }), utils.classes.list.invalidate()]);
  };
  const onError = (e: { message: string }) => toast.error(e.message);
  const archive = api.classes.archive.useMutation({ onSuccess: refresh, onError });
  const unarchive = api.classes.unarchive.useMutation({ onSuccess: refresh, onError });
  const regenerate = api.classes.regenerateCode.useMutation({
    onSuccess: async () => {
      await refresh();
      toast.success("New join code created. The old one no longer works.");
    },
    onError,
  });
  const remove = api.classes.removeStudent.useMutation({
    onSuccess: async () => {
      await refresh();
      toast.success("Student removed from the class");
    },
    onError,
  });

  if (query.isPending) {
    return (
      <div className="grid gap-4" aria-busy="true">
        <Skeleton className="h-10 w-1/2" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (query.error) {
    return (
      <EmptyState
        icon={Users}
        title={query.error.data?.code === "NOT_FOUND" ? "We couldn't find that class" : "Couldn't load the class"}
        description={query.error.message}
        action={
          <Button asChild variant="outline">
            <Link href="/">Back to my home</Link>
          </Button>
        }
      />
    );
  }
  const c = query.data;
  const roster = c.roster ?? [];

  return (
    <>
      <PageHeader
        title={c.name}
        description={
          <>
            {c.subject} · {gradeLabel(c.gradeLevel)} · taught by {c.teacherName}
            {c.archived ? (
              <Badge variant="secondary" className="ml-2">
                Archived
              </Badge>
            ) : null}
          </>
        }
        actions={
          <>
            <ClassFormDialog
              existing={c}
              trigger={
                <Button variant="outline">
                  <Pencil className="size-4" aria-hidden /> Edit
                </Button>
              }
            />
            {c.archived ? (
              <Button variant="outline" onClick={() => unarchive.mutate({ classId })} disabled={unarchive.isPending}>
                <ArchiveRestore className="size-4" aria-hidden /> Unarchive
              </Button>
            ) : (
              <ConfirmDialog
                trigger={
                  <Button variant="outline">
                    <Archive className="size-4" aria-hidden /> Archive
                  </Button>
                }
                title={`Archive ${c.name}?`}
                description="Students no longer see it and its join code stops working. Nothing is deleted; you can unarchive it later."
                confirmLabel="Archive class"
                closeOnConfirm
                onConfirm={() => archive.mutate({ classId })}
              />
            )}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid content-start gap-6 lg:col-span-1">
          <Card>
            <CardHeader>
              <CardTitle>
                <h2>Join code</h2>
              </CardTitle>
              <CardDescription>Students type this on their home page to join.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              <p
                className="rounded-lg bg-muted py-4 text-center font-mono font-semibold text-3xl tracking-[0.3em]"
                data-testid="join-code"
              >
                {c.joinCode}
              </p>
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="outline"
                  onClick={async () => {
                    await navigator.clipboard.writeText(c.joinCode ?? "").catch(() => {});
                    setCopied(true);
                    setTimeout(() => setCopied(false), 2000);
                  }}
                >
                  {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
                  {copied ? "Copied" : "Copy code"}
                </Button>
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost">
                      <RefreshCw className="size-4" aria-hidden /> New code
                    </Button>
                  }
                  title="Make a new join code?"
                  description="The current code stops working at once. Students already in the class stay in it."
                  confirmLabel="Make new code"
                  closeOnConfirm
                  onConfirm={() => regenerate.mutate({ classId })}
                />
              </div>
            </CardContent>
          </Card>
          <WhoIsOnline classId={classId} />
        </div>

        <Card className="lg:col-span-2">
          <CardHeader className="flex flex-row items-start justify-between gap-4">
            <div className="grid gap-1.5">
              <CardTitle>
                <h2>Students ({roster.length})</h2>
              </CardTitle>
              <CardDescription>Everyone enrolled in this class.</CardDescription>
            </div>
            {c.archived ? null : (
              <AddStudentDialog
                classId={classId}
                trigger={
                  <Button variant="outline">
                    <UserPlus className="size-4" aria-hidden /> Add student
                  </Button>
                }
              />
            )}
          </CardHeader>
          <CardContent>
            {roster.length === 0 ? (
              <EmptyState
                icon={Users}
                title="No students yet"
                description="Share the join code, or add students yourself."
              />
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>Name</TableHead>
                    <TableHead className="hidden sm:table-cell">Joined</TableHead>
                    <TableHead className="w-12">
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {roster.map((s) => (
                    <TableRow key={s.id}>
                      <TableCell>
                        <Link
                          href={`/teacher/classes/${classId}/students/${s.id}`}
                          className="font-medium underline-offset-4 hover:underline"
                        >
                          {s.name}
                        </Link>
                        <div className="text-muted-foreground text-sm">{s.email}</div>
                      </TableCell>
                      <TableCell className="hidden text-muted-foreground text-sm sm:table-cell">
                        <LocalTime value={s.joinedAt} options={{ dateStyle: "medium" }} />
                      </TableCell>
                      <TableCell>
                        <ConfirmDialog
                          trigger={
                            <Button variant="ghost" size="icon" aria-label={`Remove ${s.name} from the class`}>
                              <UserMinus className="size-4" aria-hidden />
                            </Button>
                          }
                          title={`Remove ${s.name}?`}
                          description="They lose access to this class's assignments. Their past work is kept."
                          confirmLabel="Remove"
                          closeOnConfirm
                          destructive
                          onConfirm={() => remove.mutate({ classId, studentId: s.id })}
                        />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
      <div className="mt-6">
        <ClassAssignments classId={classId} archived={c.archived} />
      </div>
    </>
  );
}
