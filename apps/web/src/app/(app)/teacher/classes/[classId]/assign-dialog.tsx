"use client";

import { BookOpen, ClipboardCheck } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "~/components/ui/badge";
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
import { Label } from "~/components/ui/label";
import { SearchInput } from "~/components/ui/search-input";
import { Skeleton } from "~/components/ui/skeleton";
import { useDebounced } from "~/lib/use-debounced";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { isPast, PastDueConfirm } from "./manage-assignment";

const TYPE_LABEL: Record<string, string> = { LESSON: "Lesson", QUIZ: "Quiz", ACTIVITY: "Activity" };

/** Assigns a published lesson, quiz or activity to the class. */
export function AssignDialog({ classId, trigger }: { classId: string; trigger: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState("");
  const [picked, setPicked] = useState<{ id: string; title: string; type: string } | null>(null);
  const [due, setDue] = useState("");
  const [maxAttempts, setMaxAttempts] = useState("");
  const [showAnswers, setShowAnswers] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmingPastDue, setConfirmingPastDue] = useState(false);
  const term = useDebounced(search.trim());
  const utils = api.useUtils();
  const content = api.content.list.useQuery(
    { status: "PUBLISHED", search: term || undefined, limit: 30 },
    { enabled: open },
  );
  const assign = api.assignments.create.useMutation({
    async onSuccess() {
      await Promise.all([
        utils.assignments.listForClass.invalidate({ classId }),
        utils.gradebook.forClass.invalidate({ classId }),
      ]);
      toast.success(`${picked?.title ?? "Content"} assigned`);
      reset();
    },
    onError(e) {
      setConfirmingPastDue(false);
      setFailure(e.data?.fieldErrors?.contentId?.[0] ?? e.data?.fieldErrors?.dueAt?.[0] ?? e.message);
    },
  });
  function reset() {
    setOpen(false);
    setPicked(null);
    setSearch("");
    setDue("");
    setMaxAttempts("");
    setShowAnswers(false);
    setFailure(null);
    setConfirmingPastDue(false);
  }
  function submit(confirmPastDue: boolean) {
    if (!picked) return;
    assign.mutate({
      classId,
      contentId: picked.id,
      dueAt: due ? new Date(due) : null,
      maxAttempts: picked.type === "QUIZ" ? attemptsNumber : null,
      showCorrectAnswers: showAnswers,
      confirmPastDue,
    });
  }
  const items = (content.data?.items ?? []).filter((i) => i.type in TYPE_LABEL);
  const attemptsNumber = maxAttempts ? Number(maxAttempts) : null;
  const attemptsInvalid =
    attemptsNumber !== null && (!Number.isInteger(attemptsNumber) || attemptsNumber < 1 || attemptsNumber > 20);

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? setOpen(true) : reset())}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Assign work</DialogTitle>
          <DialogDescription>Pick a published lesson, quiz or activity from your library.</DialogDescription>
        </DialogHeader>
        <FormError message={failure} />
        <div className="grid gap-1.5">
          <Label htmlFor="assign-search">Search published content</Label>
          <SearchInput
            id="assign-search"
            placeholder="Title or topic"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <fieldset className="grid max-h-56 gap-1 overflow-y-auto" aria-busy={content.isFetching}>
          <legend className="sr-only">Content to assign</legend>
          {content.isPending ? (
            <Skeleton className="h-10 w-full" />
          ) : items.length === 0 ? (
            <p className="py-6 text-center text-muted-foreground text-sm">
              No published content matches. Publish a lesson or quiz in your library first.
            </p>
          ) : (
            items.map((item) => (
              <label
                key={item.id}
                className={cn(
                  "flex cursor-pointer items-center gap-3 rounded-md border px-3 py-2 text-sm hover:bg-muted",
                  picked?.id === item.id && "border-primary bg-primary/5",
                )}
              >
                <input
                  type="radio"
                  name="assign-content"
                  value={item.id}
                  checked={picked?.id === item.id}
                  onChange={() => setPicked({ id: item.id, title: item.title, type: item.type })}
                  className="accent-primary"
                />
                {item.type === "QUIZ" ? (
                  <ClipboardCheck className="size-4 text-muted-foreground" aria-hidden />
                ) : (
                  <BookOpen className="size-4 text-muted-foreground" aria-hidden />
                )}
                <span className="flex-1 truncate font-medium">{item.title}</span>
                <Badge variant="outline">{TYPE_LABEL[item.type]}</Badge>
              </label>
            ))
          )}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label="Due (optional)" htmlFor="assign-due">
            <Input id="assign-due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
          </FormField>
          {picked?.type === "QUIZ" ? (
            <FormField
              label="Attempts allowed"
              htmlFor="assign-attempts"
              description="Empty for unlimited."
              error={attemptsInvalid ? "Between 1 and 20" : undefined}
            >
              <Input
                id="assign-attempts"
                type="number"
                min={1}
                max={20}
                value={maxAttempts}
                onChange={(e) => setMaxAttempts(e.target.value)}
              />
            </FormField>
          ) : null}
        </div>
        {picked?.type === "QUIZ" ? (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={showAnswers}
              onChange={(e) => setShowAnswers(e.target.checked)}
              className="size-4 accent-primary"
            />
            Show students the correct answers after they submit
          </label>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={reset}>
            Cancel
          </Button>
          <Button
            disabled={!picked || attemptsInvalid || assign.isPending}
            onClick={() => (isPast(due) ? setConfirmingPastDue(true) : submit(false))}
          >
            {assign.isPending ? "Assigning…" : "Assign"}
          </Button>
        </DialogFooter>
        <PastDueConfirm
          open={confirmingPastDue}
          onClose={() => setConfirmingPastDue(false)}
          onConfirm={() => submit(true)}
          pending={assign.isPending}
        />
      </DialogContent>
    </Dialog>
  );
}
