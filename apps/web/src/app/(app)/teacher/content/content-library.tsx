"use client";

import {
  type ContentListInput,
  type ContentSummary,
  contentStatuses,
  contentTypes,
  gradeLevels,
} from "@toolboxai/validators";
import { Library, Sparkles } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { FilterField, type ListColumn, ListPage, SelectFilter } from "~/components/list-page";
import { LocalTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { LoadMore } from "~/components/ui/load-more";
import { SearchInput } from "~/components/ui/search-input";
import { TableCell, TableRow } from "~/components/ui/table";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import { STATUS_LABEL, StatusBadge, TYPE_LABEL, TypeBadge } from "./content-badges";

type ContentType = ContentSummary["type"];
type ContentStatus = ContentSummary["status"];
type GradeLevel = (typeof gradeLevels)[number];

const COLUMNS: ListColumn[] = [
  { header: "Title" },
  { header: "Type" },
  { header: "Status" },
  { header: "Subject · grade", className: "hidden md:table-cell" },
  { header: "Author", className: "hidden lg:table-cell" },
  { header: "Updated", className: "hidden lg:table-cell" },
];

export function ContentLibrary() {
  const [search, setSearch] = useState("");
  const [type, setType] = useState<ContentType | "">("");
  const [status, setStatus] = useState<ContentStatus | "">("");
  const [subject, setSubject] = useState("");
  const [gradeLevel, setGradeLevel] = useState<GradeLevel | "">("");
  const [tag, setTag] = useState("");
  const [deleted, setDeleted] = useState(false);
  const term = useDebounced(search.trim(), 250);
  const subjectTerm = useDebounced(subject.trim(), 250);
  const tagTerm = useDebounced(tag.trim().toLowerCase(), 250);

  // Only set keys go into the input, so the unfiltered list matches the server's prefetch ({}).
  const input: Omit<ContentListInput, "cursor"> = {
    ...(term ? { search: term } : {}),
    ...(type ? { type } : {}),
    ...(status ? { status } : {}),
    ...(subjectTerm ? { subject: subjectTerm } : {}),
    ...(gradeLevel ? { gradeLevel } : {}),
    ...(tagTerm ? { tag: tagTerm } : {}),
    ...(deleted ? { deleted } : {}),
  };
  const list = api.content.list.useInfiniteQuery(input, { getNextPageParam: (page) => page.nextCursor });
  const items = list.data?.pages.flatMap((p) => p.items);
  const filtered = Object.keys(input).length > 0;

  return (
    <ListPage
      filtersClassName="grid gap-3 md:grid-cols-3 lg:grid-cols-6"
      filters={
        <>
          <FilterField label="Search" htmlFor="content-search" className="md:col-span-3 lg:col-span-2">
            <SearchInput
              id="content-search"
              placeholder="Title, description or text"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </FilterField>
          <SelectFilter
            label="Type"
            id="type-filter"
            value={type}
            onChange={setType}
            options={contentTypes}
            optionLabel={TYPE_LABEL}
            anyLabel="All types"
          />
          <SelectFilter
            label="Status"
            id="status-filter"
            value={status}
            onChange={setStatus}
            options={contentStatuses}
            optionLabel={STATUS_LABEL}
            anyLabel="Any status"
          />
          <FilterField label="Subject" htmlFor="subject-filter">
            <Input
              id="subject-filter"
              placeholder="e.g. Science"
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
            />
          </FilterField>
          <SelectFilter
            label="Grade"
            id="grade-filter"
            value={gradeLevel}
            onChange={setGradeLevel}
            options={gradeLevels}
            anyLabel="Any grade"
          />
          <FilterField label="Tag" htmlFor="tag-filter">
            <Input id="tag-filter" placeholder="e.g. fractions" value={tag} onChange={(e) => setTag(e.target.value)} />
          </FilterField>
          <div className="flex items-end gap-2 pb-2">
            <input
              id="deleted-filter"
              type="checkbox"
              className="size-4 accent-primary"
              checked={deleted}
              onChange={(e) => setDeleted(e.target.checked)}
            />
            <Label htmlFor="deleted-filter">Show deleted items</Label>
          </div>
        </>
      }
      error={list.error}
      errorLabel="Couldn't load the library"
      busy={list.isFetching}
      columns={COLUMNS}
      skeletonRows={5}
      items={items}
      renderRow={(item) => (
        <TableRow key={item.id} data-testid={`content-row-${item.id}`}>
          <TableCell className="max-w-md">
            <Link
              href={`/teacher/content/${item.id}`}
              className="font-medium underline-offset-4 hover:underline focus-visible:underline"
            >
              {item.title}
            </Link>
            {item.description ? <div className="truncate text-muted-foreground text-sm">{item.description}</div> : null}
            {item.tags.length > 0 ? (
              <div className="mt-1 flex flex-wrap gap-1">
                {item.tags.map((t) => (
                  <Badge key={t} variant="secondary" className="font-normal">
                    {t}
                  </Badge>
                ))}
              </div>
            ) : null}
          </TableCell>
          <TableCell>
            <TypeBadge type={item.type} />
          </TableCell>
          <TableCell>
            <div className="flex flex-wrap gap-1">
              <StatusBadge status={item.status} deleted={item.deletedAt !== null} />
              {item.generated ? (
                <Badge variant="outline" title="Generated with AI">
                  <Sparkles aria-hidden /> AI
                </Badge>
              ) : null}
            </div>
          </TableCell>
          <TableCell className="hidden text-sm md:table-cell">
            {item.subject} · {item.gradeLevel}
          </TableCell>
          <TableCell className="hidden text-sm lg:table-cell">{item.author.name}</TableCell>
          <TableCell className="hidden text-muted-foreground text-sm lg:table-cell">
            <LocalTime value={item.updatedAt} options={{ dateStyle: "medium" }} />
          </TableCell>
        </TableRow>
      )}
      empty={{
        icon: Library,
        title: filtered ? "Nothing matches these filters" : "Your library is empty",
        description: filtered
          ? "Try other words or clear a filter."
          : "Create a lesson, quiz or activity. Items your colleagues publish show up here too.",
        action: filtered ? null : (
          <Button asChild>
            <Link href="/teacher/content/new?type=LESSON">New lesson</Link>
          </Button>
        ),
      }}
      footer={<LoadMore list={list} />}
    />
  );
}
