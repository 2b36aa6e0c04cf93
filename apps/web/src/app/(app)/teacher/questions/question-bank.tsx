"use client";

import { keepPreviousData } from "@tanstack/react-query";
import {
  type QuestionScope,
  type QuestionType,
  type QuestionView,
  questionTypes,
  type ShareAccess,
} from "@toolboxai/validators";
import { FileQuestion, MoreHorizontal } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { EmptyState } from "~/components/ui/empty-state";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { Pager } from "~/components/ui/pager";
import { SearchInput } from "~/components/ui/search-input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { TableSkeletonRows } from "~/components/ui/table-skeleton-rows";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import { DeleteQuestionDialog } from "./delete-question-dialog";
import { QuestionEditorDialog } from "./question-editor-dialog";
import { TYPE_LABEL } from "./question-form-model";

const PAGE_SIZE = 20;
const SCOPES: { value: QuestionScope; label: string }[] = [
  { value: "all", label: "All" },
  { value: "mine", label: "Mine" },
  { value: "shared", label: "Shared with me" },
];

function SharingBadge({ question }: { question: QuestionView }) {
  if (!question.sharedAccess) return <Badge variant="secondary">Private</Badge>;
  const label = question.sharedAccess === "EDIT" ? "Shared: can edit" : "Shared: view only";
  return <Badge variant={question.sharedAccess === "EDIT" ? "success" : "outline"}>{label}</Badge>;
}

export function QuestionBank() {
  const [search, setSearch] = useState("");
  const [tag, setTag] = useState("");
  const [type, setType] = useState<QuestionType | "">("");
  const [scope, setScope] = useState<QuestionScope>("all");
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<QuestionView | null>(null);
  const [deleting, setDeleting] = useState<QuestionView | null>(null);
  const term = useDebounced(search.trim(), 250);
  const tagTerm = useDebounced(tag.trim().toLowerCase(), 250);

  // Filters change the result set: start again from page 1.
  useEffect(() => setPage(1), [term, tagTerm, type, scope]);

  const isDefault = !term && !tagTerm && !type && scope === "all" && page === 1;
  const input = isDefault
    ? {}
    : {
        search: term || undefined,
        tag: tagTerm || undefined,
        type: type || undefined,
        scope,
        page,
        pageSize: PAGE_SIZE,
      };
  const list = api.questions.list.useQuery(input, { placeholderData: keepPreviousData });
  const data = list.data;
  const filtered = Boolean(term || tagTerm || type || scope !== "all");

  const utils = api.useUtils();
  const share = api.questions.share.useMutation({
    async onSuccess(q) {
      await utils.questions.list.invalidate();
      toast.success(
        q.sharedAccess === null
          ? "The question is private again"
          : q.sharedAccess === "EDIT"
            ? "Your organization's teachers can now use and edit it"
            : "Your organization's teachers can now use it (view only)",
      );
    },
    onError: (error) => toast.error(error.message),
  });

  return (
    <Card className="gap-0 py-0">
      <div className="flex flex-col gap-3 border-b p-4">
        <fieldset className="flex flex-wrap gap-1">
          <legend className="sr-only">Which questions</legend>
          {SCOPES.map((s) => (
            <Button
              key={s.value}
              type="button"
              size="sm"
              variant={scope === s.value ? "default" : "outline"}
              aria-pressed={scope === s.value}
              onClick={() => setScope(s.value)}
            >
              {s.label}
            </Button>
          ))}
        </fieldset>
        <div className="flex flex-col gap-3 md:flex-row md:items-end">
          <div className="grid flex-1 gap-1.5">
            <Label htmlFor="question-search">Search</Label>
            <SearchInput
              id="question-search"
              placeholder="Words in the question"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <div className="grid gap-1.5 md:w-44">
            <Label htmlFor="question-tag">Tag</Label>
            <Input
              id="question-tag"
              placeholder="e.g. fractions"
              value={tag}
              onChange={(e) => setTag(e.target.value)}
            />
          </div>
          <div className="grid gap-1.5 md:w-44">
            <Label htmlFor="question-type">Type</Label>
            <NativeSelect
              id="question-type"
              value={type}
              onChange={(e) => setType(e.target.value as QuestionType | "")}
            >
              <option value="">All types</option>
              {questionTypes.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABEL[t]}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>
      </div>

      {list.error ? (
        <Alert variant="destructive" className="m-4 w-auto">
          <AlertDescription>Couldn't load questions: {list.error.message}</AlertDescription>
        </Alert>
      ) : null}

      <div aria-busy={list.isFetching} aria-live="polite">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Question</TableHead>
              <TableHead className="hidden sm:table-cell">Type</TableHead>
              <TableHead className="w-16 text-right">Points</TableHead>
              <TableHead className="hidden lg:table-cell">Tags</TableHead>
              <TableHead className="hidden md:table-cell">Sharing</TableHead>
              <TableHead className="w-12">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {!data ? (
              <TableSkeletonRows rows={5} columns={6} />
            ) : (
              data.items.map((q) => (
                <TableRow key={q.id} data-testid={`question-row-${q.id}`}>
                  <TableCell className="max-w-md whitespace-normal">
                    <div className="line-clamp-2 font-medium">{q.prompt}</div>
                    <div className="text-muted-foreground text-xs">
                      {q.canManage && !q.sharedAccess ? "" : `By ${q.owner.name}`}
                      <span className="sm:hidden"> · {TYPE_LABEL[q.type]}</span>
                    </div>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    <Badge variant="outline">{TYPE_LABEL[q.type]}</Badge>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{q.points}</TableCell>
                  <TableCell className="hidden lg:table-cell">
                    <div className="flex flex-wrap gap-1">
                      {q.tags.map((t) => (
                        <Badge key={t} variant="secondary">
                          {t}
                        </Badge>
                      ))}
                    </div>
                  </TableCell>
                  <TableCell className="hidden md:table-cell">
                    <SharingBadge question={q} />
                  </TableCell>
                  <TableCell>
                    <DropdownMenu>
                      <DropdownMenuTrigger asChild>
                        <Button
                          variant="ghost"
                          size="icon"
                          aria-label={`Actions for question: ${q.prompt.slice(0, 60)}`}
                        >
                          <MoreHorizontal className="size-4" aria-hidden />
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent align="end" className="w-56">
                        <DropdownMenuItem onSelect={() => setEditing(q)}>
                          {q.canEdit ? "Edit…" : "View…"}
                        </DropdownMenuItem>
                        {q.canManage ? (
                          <>
                            <DropdownMenuSeparator />
                            <DropdownMenuLabel>Share with my organization</DropdownMenuLabel>
                            <DropdownMenuRadioGroup
                              value={q.sharedAccess ?? "PRIVATE"}
                              onValueChange={(value) =>
                                share.mutate({
                                  questionId: q.id,
                                  access: value === "PRIVATE" ? null : (value as ShareAccess),
                                })
                              }
                            >
                              <DropdownMenuRadioItem value="PRIVATE">Private</DropdownMenuRadioItem>
                              <DropdownMenuRadioItem value="VIEW">Teachers can use it</DropdownMenuRadioItem>
                              <DropdownMenuRadioItem value="EDIT">Teachers can use and edit it</DropdownMenuRadioItem>
                            </DropdownMenuRadioGroup>
                            <DropdownMenuSeparator />
                            <DropdownMenuItem
                              onSelect={() => setDeleting(q)}
                              className="text-destructive focus:text-destructive"
                            >
                              Delete…
                            </DropdownMenuItem>
                          </>
                        ) : null}
                      </DropdownMenuContent>
                    </DropdownMenu>
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
        {data && data.items.length === 0 ? (
          <div className="p-8">
            <EmptyState
              icon={FileQuestion}
              title={filtered ? "No questions match these filters" : "Your question bank is empty"}
              description={
                filtered
                  ? "Try other words, another tag or type, or show all questions."
                  : "Add your first question with “New question”. You can reuse it in any quiz."
              }
            />
          </div>
        ) : null}
      </div>

      {data && data.total > 0 ? (
        <Pager
          className="border-t p-4"
          page={data.page}
          pageCount={data.pageCount}
          onPage={setPage}
          summary={
            <>
              {data.total} {data.total === 1 ? "question" : "questions"} · page {data.page} of {data.pageCount}
            </>
          }
        />
      ) : null}

      <QuestionEditorDialog open={editing !== null} question={editing} onClose={() => setEditing(null)} />
      <DeleteQuestionDialog question={deleting} onClose={() => setDeleting(null)} />
    </Card>
  );
}
