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
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { LoadMore } from "~/components/ui/load-more";
import { NativeSelect } from "~/components/ui/native-select";
import { SearchInput } from "~/components/ui/search-input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { TableSkeletonRows } from "~/components/ui/table-skeleton-rows";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import { STATUS_LABEL, StatusBadge, TYPE_LABEL, TypeBadge } from "./content-badges";

type ContentType = ContentSummary["type"];
type ContentStatus = ContentSummary["status"];
type GradeLevel = (typeof gradeLevels)[number];

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

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
    <Card className="gap-0 py-0">
      <div className="grid gap-3 border-b p-4 md:grid-cols-3 lg:grid-cols-6">
        <div className="grid gap-1.5 md:col-span-3 lg:col-span-2">
          <Label htmlFor="content-search">Search</Label>
          <SearchInput
            id="content-search"
            placeholder="Title, description or text"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="type-filter">Type</Label>
          <NativeSelect id="type-filter" value={type} onChange={(e) => setType(e.target.value as ContentType | "")}>
            <option value="">All types</option>
            {contentTypes.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="status-filter">Status</Label>
          <NativeSelect
            id="status-filter"
            value={status}
            onChange={(e) => setStatus(e.target.value as ContentStatus | "")}
          >
            <option value="">Any status</option>
            {contentStatuses.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="subject-filter">Subject</Label>
          <Input
            id="subject-filter"
            placeholder="e.g. Science"
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="grade-filter">Grade</Label>
          <NativeSelect
            id="grade-filter"
            value={gradeLevel}
            onChange={(e) => setGradeLevel(e.target.value as GradeLevel | "")}
          >
            <option value="">Any grade</option>
            {gradeLevels.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="tag-filter">Tag</Label>
          <Input id="tag-filter" placeholder="e.g. fractions" value={tag} onChange={(e) => setTag(e.target.value)} />
        </div>
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
      </div>

      {list.error ? (
        <Alert variant="destructive" className="m-4 w-auto">
          <AlertDescription>Couldn't load the library: {list.error.message}</AlertDescription>
        </Alert>
      ) : null}

      <div aria-busy={list.isFetching} aria-live="polite">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Title</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden md:table-cell">Subject · grade</TableHead>
              <TableHead className="hidden lg:table-cell">Author</TableHead>
              <TableHead className="hidden lg:table-cell">Updated</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {!items ? (
              <TableSkeletonRows rows={5} columns={6} />
            ) : (
              items.map((item) => (
                <TableRow key={item.id} data-testid={`content-row-${item.id}`}>
                  <TableCell className="max-w-md">
                    <Link
                      href={`/teacher/content/${item.id}`}
                      className="font-medium underline-offset-4 hover:underline focus-visible:underline"
                    >
                      {item.title}
                    </Link>
                    {item.description ? (
                      <div className="truncate text-muted-foreground text-sm">{item.description}</div>
                    ) : null}
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
                    {dateFormat.format(item.updatedAt)}
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
        {items && items.length === 0 ? (
          <div className="p-8">
            <EmptyState
              icon={Library}
              title={filtered ? "Nothing matches these filters" : "Your library is empty"}
              description={
                filtered
                  ? "Try other words or clear a filter."
                  : "Create a lesson, quiz or activity. Items your colleagues publish show up here too."
              }
              action={
                filtered ? null : (
                  <Button asChild>
                    <Link href="/teacher/content/new?type=LESSON">New lesson</Link>
                  </Button>
                )
              }
            />
          </div>
        ) : null}
      </div>

      <LoadMore list={list} />
    </Card>
  );
}
