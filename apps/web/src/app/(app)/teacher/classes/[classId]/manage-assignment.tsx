"use client";

import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { useLocalFormat } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "~/components/ui/dialog";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { api, type RouterOutputs } from "~/trpc/react";

export type ClassAssignment = RouterOutputs["assignments"]["listForClass"][number];

/** A date as a `datetime-local` input's value, in the browser's time zone. */
export function toLocalInput(date: Date | null): string {
  if (!date) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value that is set and already passed: the teacher must confirm it. */
export function isPast(value: string): boolean {
  return value !== "" && new Date(value).getTime() < Date.now();
}

/** Asks before a due date in the past is saved; `onConfirm` resends with `confirmPastDue`. */
export function PastDueConfirm({
  open,
  onClose,
  onConfirm,
  pending,
}: {
  open: boolean;
  onClose(): void;
  onConfirm(): void;
  pending: boolean;
}) {
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title="This due date has already passed"
      description="Students will see the work as overdue straight away. Use this date anyway?"
      confirmLabel="Use this date"
      pendingLabel="Saving…"
      pending={pending}
      onConfirm={onConfirm}
    />
  );
}

function useRefresh(classId: string) {
  const utils = api.useUtils();
  return () =>
    Promise.all([
      utils.assignments.listForClass.invalidate({ classId }),
      utils.gradebook.forClass.invalidate({ classId }),
    ]);
}

/** Edits the due date, attempts and results visibility of an assignment. */
export function EditAssignmentDialog({ classId, assignment }: { classId: string; assignment: ClassAssignment }) {
  const [open, setOpen] = useState(false);
  const [due, setDue] = useState(toLocalInput(assignment.dueAt));
  const [maxAttempts, setMaxAttempts] = useState(assignment.maxAttempts ? String(assignment.maxAttempts) : "");
  const [showAnswers, setShowAnswers] = useState(assignment.showCorrectAnswers);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const refresh = useRefresh(classId);
  const quiz = assignment.content.type === "QUIZ";
  const update = api.assignments.update.useMutation({
    async onSuccess() {
      await refresh();
      toast.success(`${assignment.content.title} updated`);
      setConfirming(false);
      setOpen(false);
    },
    onError(e) {
      setConfirming(false);
      setFailure(e.data?.fieldErrors?.dueAt?.[0] ?? e.data?.fieldErrors?.maxAttempts?.[0] ?? e.message);
    },
  });
  const attemptsNumber = maxAttempts ? Number(maxAttempts) : null;
  const attemptsInvalid =
    attemptsNumber !== null && (!Number.isInteger(attemptsNumber) || attemptsNumber < 1 || attemptsNumber > 20);
  const dueChanged = due !== toLocalInput(assignment.dueAt);
  function save(confirmPastDue: boolean) {
    update.mutate({
      assignmentId: assignment.id,
      ...(dueChanged ? { dueAt: due ? new Date(due) : null } : {}),
      ...(quiz ? { maxAttempts: attemptsNumber, showCorrectAnswers: showAnswers } : {}),
      confirmPastDue,
    });
  }
  function openWith(next: boolean) {
    if (next) {
      setDue(toLocalInput(assignment.dueAt));
      setMaxAttempts(assignment.maxAttempts ? String(assignment.maxAttempts) : "");
      setShowAnswers(assignment.showCorrectAnswers);
      setFailure(null);
    }
    setOpen(next);
  }
  return (
    <Dialog open={open} onOpenChange={openWith}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Edit ${assignment.content.title}`}>
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit {assignment.content.title}</DialogTitle>
          <DialogDescription>Changes apply to every student straight away.</DialogDescription>
        </DialogHeader>
        <FormError message={failure} />
        <FormField label="Due (optional)" htmlFor={`edit-due-${assignment.id}`}>
          <Input
            id={`edit-due-${assignment.id}`}
            type="datetime-local"
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
        </FormField>
        {quiz ? (
          <>
            <FormField
              label="Attempts allowed"
              htmlFor={`edit-attempts-${assignment.id}`}
              description="Empty for unlimited."
              error={attemptsInvalid ? "Between 1 and 20" : undefined}
            >
              <Input
                id={`edit-attempts-${assignment.id}`}
                type="number"
                min={1}
                max={20}
                value={maxAttempts}
                onChange={(e) => setMaxAttempts(e.target.value)}
              />
            </FormField>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={showAnswers}
                onChange={(e) => setShowAnswers(e.target.checked)}
                className="size-4 accent-primary"
              />
              Show students the correct answers on their results
            </label>
          </>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            disabled={attemptsInvalid || update.isPending}
            onClick={() => (dueChanged && isPast(due) ? setConfirming(true) : save(false))}
          >
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </DialogFooter>
        <PastDueConfirm
          open={confirming}
          onClose={() => setConfirming(false)}
          onConfirm={() => save(true)}
          pending={update.isPending}
        />
      </DialogContent>
    </Dialog>
  );
}

/** Makes a quiz's hidden answers visible on every student's results, now. */
export function ReleaseAnswersButton({ classId, assignment }: { classId: string; assignment: ClassAssignment }) {
  const refresh = useRefresh(classId);
  const release = api.assignments.update.useMutation({
    async onSuccess() {
      await refresh();
      toast.success("Answers released: students see them on their results");
    },
    onError: (e) => toast.error(e.message),
  });
  if (assignment.content.type !== "QUIZ" || assignment.showCorrectAnswers) return null;
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={release.isPending}
      onClick={() => release.mutate({ assignmentId: assignment.id, showCorrectAnswers: true })}
    >
      {release.isPending ? "Releasing…" : "Release answers now"}
    </Button>
  );
}

/** Gives one student a due date of their own, or takes it away. */
export function ExtendDueDateDialog({ classId, assignment }: { classId: string; assignment: ClassAssignment }) {
  const [open, setOpen] = useState(false);
  const [studentId, setStudentId] = useState("");
  const [due, setDue] = useState("");
  const dateFormat = useLocalFormat();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const refresh = useRefresh(classId);
  const roster = api.classes.get.useQuery({ classId }, { enabled: open }).data?.roster ?? [];
  const nameOf = (id: string) => roster.find((s) => s.id === id)?.name ?? "The student";
  const extend = api.assignments.extendDueDate.useMutation({
    async onSuccess(_, input) {
      await refresh();
      toast.success(
        input.dueAt
          ? `${nameOf(input.studentId)} now has until ${dateFormat(input.dueAt)}`
          : `${nameOf(input.studentId)} is back on the class's due date`,
      );
      setConfirming(false);
      setOpen(false);
    },
    onError(e) {
      setConfirming(false);
      setFailure(e.data?.fieldErrors?.dueAt?.[0] ?? e.data?.fieldErrors?.studentId?.[0] ?? e.message);
    },
  });
  const existing = assignment.extensions.find((x) => x.studentId === studentId);
  function pick(id: string) {
    setStudentId(id);
    setDue(toLocalInput(assignment.extensions.find((x) => x.studentId === id)?.dueAt ?? assignment.dueAt));
  }
  const save = (confirmPastDue: boolean) =>
    extend.mutate({ assignmentId: assignment.id, studentId, dueAt: new Date(due), confirmPastDue });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setStudentId("");
          setDue("");
          setFailure(null);
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Extend ${assignment.content.title} for one student`}>
          Extend
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Extend for one student</DialogTitle>
          <DialogDescription>
            The student's own due date replaces the class's for them, everywhere they see it.
          </DialogDescription>
        </DialogHeader>
        <FormError message={failure} />
        <FormField label="Student" htmlFor={`extend-student-${assignment.id}`}>
          <NativeSelect id={`extend-student-${assignment.id}`} value={studentId} onChange={(e) => pick(e.target.value)}>
            <option value="">Choose a student</option>
            {roster.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Their due date" htmlFor={`extend-due-${assignment.id}`}>
          <Input
            id={`extend-due-${assignment.id}`}
            type="datetime-local"
            value={due}
            onChange={(e) => setDue(e.target.value)}
          />
        </FormField>
        <DialogFooter>
          {existing ? (
            <Button
              variant="outline"
              disabled={extend.isPending}
              onClick={() => extend.mutate({ assignmentId: assignment.id, studentId, dueAt: null })}
            >
              Remove extension
            </Button>
          ) : null}
          <Button
            disabled={!studentId || !due || extend.isPending}
            onClick={() => (isPast(due) ? setConfirming(true) : save(false))}
          >
            {extend.isPending ? "Saving…" : "Extend"}
          </Button>
        </DialogFooter>
        <PastDueConfirm
          open={confirming}
          onClose={() => setConfirming(false)}
          onConfirm={() => save(true)}
          pending={extend.isPending}
        />
      </DialogContent>
    </Dialog>
  );
}

/** Unassigns after a confirmation that names how much student work is deleted with it. */
export function UnassignButton({ classId, assignment }: { classId: string; assignment: ClassAssignment }) {
  const [open, setOpen] = useState(false);
  const refresh = useRefresh(classId);
  const unassign = api.assignments.unassign.useMutation({
    async onSuccess() {
      await refresh();
      toast.success(`${assignment.content.title} unassigned`);
      setOpen(false);
    },
    onError(e) {
      setOpen(false);
      toast.error(e.message);
    },
  });
  const work = assignment.studentWork;
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        // No "assign" in the name: the class page's "Assign" button must stay the only one matching it.
        aria-label={`Remove ${assignment.content.title}`}
        onClick={() => setOpen(true)}
      >
        Remove
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        destructive
        title={`Unassign ${assignment.content.title}?`}
        description={
          work > 0
            ? `Students have ${work} ${work === 1 ? "attempt or lesson in progress" : "attempts and lessons in progress"} in it. Unassigning deletes ${work === 1 ? "it" : "all of them"} and their grades; this can't be undone.`
            : "Nobody has started it yet. Students will no longer see it."
        }
        confirmLabel={work > 0 ? `Delete ${work} and unassign` : "Unassign"}
        pendingLabel="Unassigning…"
        pending={unassign.isPending}
        onConfirm={() => unassign.mutate({ assignmentId: assignment.id, confirmDeletedWork: work })}
      />
    </>
  );
}
