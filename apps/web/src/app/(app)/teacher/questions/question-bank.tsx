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
import { FilterField, type ListColumn, ListPage, ListPager, SelectFilter } from "~/components/list-page";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
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
import { Input } from "~/components/ui/input";
import { SearchInput } from "~/components/ui/search-input";
import { TableCell, TableRow } from "~/components/ui/table";
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

const COLUMNS: ListColumn[] = [
  { header: "Question" },
  { header: "Type", className: "hidden sm:table-cell" },
  { header: "Points", className: "w-16 text-right" },
  { header: "Tags", className: "hidden lg:table-cell" },
  { header: "Sharing", className: "hidden md:table-cell" },
  { header: <span className="sr-only">Actions</span>, className: "w-12" },
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
    <ListPage
      filtersClassName="flex flex-col gap-3"
      filters={
        <>
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
            <FilterField label="Search" htmlFor="question-search" className="flex-1">
              <SearchInput
                id="question-search"
                placeholder="Words in the question"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </FilterField>
            <FilterField label="Tag" htmlFor="question-tag" className="md:w-44">
              <Input
                id="question-tag"
                placeholder="e.g. fractions"
                value={tag}
                onChange={(e) => setTag(e.target.value)}
              />
            </FilterField>
            <SelectFilter
              label="Type"
              id="question-type"
              className="md:w-44"
              value={type}
              onChange={setType}
              options={questionTypes}
              optionLabel={TYPE_LABEL}
              anyLabel="All types"
            />
          </div>
        </>
      }
      error={list.error}
      errorLabel="Couldn't load questions"
      busy={list.isFetching}
      columns={COLUMNS}
      skeletonRows={5}
      items={data?.items}
      renderRow={(q) => (
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
                <Button variant="ghost" size="icon" aria-label={`Actions for question: ${q.prompt.slice(0, 60)}`}>
                  <MoreHorizontal className="size-4" aria-hidden />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end" className="w-56">
                <DropdownMenuItem onSelect={() => setEditing(q)}>{q.canEdit ? "Edit…" : "View…"}</DropdownMenuItem>
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
      )}
      empty={{
        icon: FileQuestion,
        title: filtered ? "No questions match these filters" : "Your question bank is empty",
        description: filtered
          ? "Try other words, another tag or type, or show all questions."
          : "Add your first question with “New question”. You can reuse it in any quiz.",
      }}
      footer={<ListPager data={data} noun={["question", "questions"]} onPage={setPage} />}
    >
      <QuestionEditorDialog open={editing !== null} question={editing} onClose={() => setEditing(null)} />
      <DeleteQuestionDialog question={deleting} onClose={() => setDeleting(null)} />
    </ListPage>
  );
}
