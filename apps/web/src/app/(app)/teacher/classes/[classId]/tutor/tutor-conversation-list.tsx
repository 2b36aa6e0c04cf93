"use client";

import { ArrowLeft, MessagesSquare } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { LoadError } from "~/components/load-error";
import { LocalTime } from "~/components/local-time";
import { PageHeader } from "~/components/page-header";
import { filterableStudents } from "~/components/tutor/tutor-model";
import { Button } from "~/components/ui/button";
import { Card, CardContent } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { NativeSelect } from "~/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { TableSkeletonRows } from "~/components/ui/table-skeleton-rows";
import { api } from "~/trpc/react";

export function TutorConversationList({
  classId,
  initialStudentId,
}: {
  classId: string;
  initialStudentId: string | undefined;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [studentId, setStudentId] = useState(initialStudentId);
  const klass = api.classes.get.useQuery({ classId });
  const list = api.assistant.tutorConversations.useQuery({ classId, studentId });

  const students = filterableStudents(
    (klass.data?.roster ?? []).map((s) => ({ id: s.id, name: s.name })),
    (list.data ?? []).map((c) => c.user),
  );
  const chosen = students.find((s) => s.id === studentId);

  const choose = (id: string | undefined) => {
    setStudentId(id);
    // Kept in the address, so the filtered list can be reloaded and shared.
    router.replace(id ? `${pathname}?student=${encodeURIComponent(id)}` : pathname, { scroll: false });
  };

  return (
    <>
      <PageHeader
        title={klass.data ? `Tutor conversations · ${klass.data.name}` : "Tutor conversations"}
        description="What your students asked the tutor and how it answered. You can read them; only the student writes in them."
        actions={
          <Button asChild variant="outline">
            <Link href={`/teacher/classes/${classId}`}>
              <ArrowLeft className="size-4" aria-hidden /> Class
            </Link>
          </Button>
        }
      />
      <div className="mb-4 grid max-w-xs gap-1.5">
        <label htmlFor="tutor-student-filter" className="font-medium text-sm">
          Student
        </label>
        <NativeSelect
          id="tutor-student-filter"
          data-testid="tutor-student-filter"
          value={studentId ?? ""}
          onChange={(e) => choose(e.target.value || undefined)}
        >
          <option value="">All students</option>
          {students.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      {list.error ? (
        <LoadError
          title="Couldn't load the tutor conversations"
          message={list.error.message}
          onRetry={() => void list.refetch()}
        />
      ) : list.data && list.data.length === 0 ? (
        <Card>
          <CardContent className="py-10">
            <EmptyState
              icon={MessagesSquare}
              title="No tutor conversations yet"
              description={
                chosen
                  ? `${chosen.name} hasn't asked the tutor anything in this class.`
                  : "When a student asks the tutor for help in this class, the conversation shows up here."
              }
            />
          </CardContent>
        </Card>
      ) : (
        <Card className="py-0">
          <div className="overflow-x-auto">
            <Table aria-label="Tutor conversations" aria-busy={list.isPending}>
              <TableHeader>
                <TableRow>
                  <TableHead>Student</TableHead>
                  <TableHead>Conversation</TableHead>
                  <TableHead>Last activity</TableHead>
                  <TableHead className="text-right">Messages</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.isPending ? (
                  <TableSkeletonRows rows={4} columns={4} />
                ) : (
                  list.data.map((c) => (
                    <TableRow key={c.id} data-testid="tutor-conversation-row">
                      <TableCell className="font-medium">{c.user.name}</TableCell>
                      <TableCell>
                        <Link
                          href={`/teacher/classes/${classId}/tutor/${c.id}`}
                          className="underline-offset-4 hover:underline"
                        >
                          {c.title}
                        </Link>
                      </TableCell>
                      <TableCell className="text-muted-foreground">
                        <LocalTime value={c.updatedAt} />
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{c.messageCount}</TableCell>
                    </TableRow>
                  ))
                )}
              </TableBody>
            </Table>
          </div>
        </Card>
      )}
    </>
  );
}
