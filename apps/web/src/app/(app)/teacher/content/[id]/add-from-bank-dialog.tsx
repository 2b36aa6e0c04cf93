"use client";

// Picks bank questions to add to a quiz's fixed list: search, tag, pages, and a selection kept
// in the order the questions were ticked.
import { keepPreviousData } from "@tanstack/react-query";
import { FileQuestion } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { EmptyState } from "~/components/ui/empty-state";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { Pager } from "~/components/ui/pager";
import { SearchInput } from "~/components/ui/search-input";
import { Skeleton } from "~/components/ui/skeleton";
import { plural } from "~/lib/plural";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import { TYPE_LABEL } from "../../questions/question-form-model";

const BANK_PAGE_SIZE = 20;

export function AddFromBankDialog({
  open,
  attachedIds,
  room,
  onClose,
  onAdd,
}: {
  open: boolean;
  attachedIds: string[];
  /** How many more questions the quiz can take. */
  room: number;
  onClose(): void;
  /** Attaches the selection (in the order ticked); resolves true when done. */
  onAdd(questionIds: string[]): Promise<boolean>;
}) {
  const [search, setSearch] = useState("");
  const [tag, setTag] = useState("");
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, setPending] = useState(false);
  const term = useDebounced(search.trim(), 250);
  const tagTerm = useDebounced(tag.trim().toLowerCase(), 250);
  const idPrefix = useId();

  useEffect(() => {
    if (!open) return;
    setSearch("");
    setTag("");
    setPage(1);
    setSelected([]);
  }, [open]);
  useEffect(() => setPage(1), [term, tagTerm]);

  const list = api.questions.list.useQuery(
    {
      search: term || undefined,
      tag: tagTerm && tagTerm.length <= 40 ? tagTerm : undefined,
      scope: "all",
      page,
      pageSize: BANK_PAGE_SIZE,
    },
    { enabled: open, placeholderData: keepPreviousData },
  );
  const data = list.data;
  const attached = new Set(attachedIds);
  const tooMany = selected.length > room;

  function toggle(id: string, checked: boolean) {
    setSelected((current) => (checked ? [...current.filter((s) => s !== id), id] : current.filter((s) => s !== id)));
  }

  return (
    <Dialog open={open} onOpenChange={(next) => (next || pending ? undefined : onClose())}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Add questions from the bank</DialogTitle>
          <DialogDescription>
            Tick the questions to add: they go at the end of the quiz, in the order you tick them.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
          <div className="grid gap-2">
            <Label htmlFor={`${idPrefix}-search`}>Search</Label>
            <SearchInput
              id={`${idPrefix}-search`}
              placeholder="Words in the question"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${idPrefix}-tag`}>Tag</Label>
            <Input
              id={`${idPrefix}-tag`}
              placeholder="e.g. fractions"
              value={tag}
              onChange={(e) => setTag(e.target.value)}
            />
          </div>
        </div>

        {list.error ? (
          <Alert variant="destructive">
            <AlertDescription>{list.error.message}</AlertDescription>
          </Alert>
        ) : !data ? (
          <div className="grid gap-2" aria-busy="true">
            <span className="sr-only">Loading questions</span>
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : data.items.length === 0 ? (
          <EmptyState
            icon={FileQuestion}
            title={term || tagTerm ? "No questions match" : "Your bank is empty"}
            description={
              term || tagTerm
                ? "Try other words or another tag."
                : "Close this and choose “New question” to write the quiz's first question."
            }
          />
        ) : (
          <fieldset className="grid gap-2" aria-busy={list.isFetching || undefined}>
            <legend className="sr-only">Questions in the bank</legend>
            <ul className="grid max-h-[45vh] gap-2 overflow-y-auto pr-1">
              {data.items.map((q) => {
                const inQuiz = attached.has(q.id);
                const id = `${idPrefix}-q-${q.id}`;
                return (
                  <li key={q.id} className="flex items-start gap-3 rounded-md border p-3 has-[:checked]:bg-accent/50">
                    <input
                      id={id}
                      type="checkbox"
                      className="mt-0.5 size-4 shrink-0 accent-primary"
                      checked={inQuiz || selected.includes(q.id)}
                      disabled={inQuiz || pending}
                      onChange={(e) => toggle(q.id, e.target.checked)}
                    />
                    <label htmlFor={id} className="grid min-w-0 flex-1 gap-1 text-sm">
                      <span className="line-clamp-2 break-words">{q.prompt}</span>
                      <span className="flex flex-wrap items-center gap-2 text-muted-foreground text-xs">
                        <Badge variant="outline">{TYPE_LABEL[q.type]}</Badge>
                        <span>{plural(q.points, "point")}</span>
                        {q.tags.map((t) => (
                          <Badge key={t} variant="secondary">
                            {t}
                          </Badge>
                        ))}
                        {inQuiz ? <span className="font-medium">Already in this quiz</span> : null}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {data.pageCount > 1 ? (
              <Pager
                label="Bank pages"
                page={data.page}
                pageCount={data.pageCount}
                onPage={setPage}
                summary={`Page ${data.page} of ${data.pageCount}`}
              />
            ) : null}
          </fieldset>
        )}

        {tooMany ? (
          <p role="alert" className="font-medium text-destructive text-sm">
            The quiz has room for {plural(room, "more question")}: untick {selected.length - room}.
          </p>
        ) : null}
        <DialogFooter className="items-center">
          <p className="mr-auto text-muted-foreground text-sm" aria-live="polite">
            {plural(selected.length, "question")} selected
          </p>
          <Button type="button" variant="outline" disabled={pending} onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="button"
            disabled={selected.length === 0 || tooMany || pending}
            onClick={async () => {
              setPending(true);
              try {
                if (await onAdd(selected)) onClose();
              } finally {
                setPending(false);
              }
            }}
          >
            {pending ? "Adding…" : "Add selected"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
