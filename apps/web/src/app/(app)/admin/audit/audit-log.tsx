"use client";

// The audit log: who did what in the organization, newest first. The filters (person, action,
// target, days, free text, request chain) live in the URL, so a filtered log is a link to share;
// each row's correlation id links to everything that one request did (that filter alone).
// "Export CSV" downloads every entry matching the current filters from the REST API (the same
// file `POST /api/v1/audit/export` answers an API key).
import { keepPreviousData } from "@tanstack/react-query";
import { type AuditEntryView, auditActionLabel } from "@toolboxai/validators";
import { Download, Link2, Loader2, ScrollText, X } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { FilterField, type ListColumn, ListPage, ListPager } from "~/components/list-page";
import { DownloadError, downloadFile } from "~/components/metrics/download";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { SearchInput } from "~/components/ui/search-input";
import { TableCell, TableRow } from "~/components/ui/table";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import {
  type AuditParamName,
  type AuditParams,
  auditFilterInput,
  auditListInput,
  auditQueryString,
  detailsSummary,
  formatInZone,
  isFiltered,
  knownTimeZone,
  readAuditParams,
} from "./audit-params";
import { PersonFilter } from "./person-filter";

const COLUMNS: ListColumn[] = [
  { header: "When", className: "w-44" },
  { header: "Who" },
  { header: "Action" },
  { header: "Target", className: "hidden lg:table-cell" },
  { header: "Details", className: "hidden xl:table-cell" },
  { header: "Request", className: "w-28" },
];

/** The URL's filters, and a way to change some of them (any change but paging goes back to page 1). */
function useAuditParams() {
  const pathname = usePathname();
  const query = useSearchParams();
  const params = useMemo(() => readAuditParams(new URLSearchParams(query.toString())), [query]);
  const hrefWith = (changes: AuditParams) => {
    const next: AuditParams = { ...params, ...changes };
    if (!("page" in changes)) delete next.page;
    return `${pathname}${auditQueryString(next)}`;
  };
  // The browser's history API: Next keeps useSearchParams in step, without asking the server for the page again.
  const set = (changes: AuditParams) => window.history.replaceState(null, "", hrefWith(changes));
  return { params, set, hrefWith, clearHref: pathname };
}

/** A text filter typed into a box: the URL follows once typing pauses. */
function useTypedParam(
  name: AuditParamName,
  params: AuditParams,
  set: (changes: AuditParams) => void,
): [string, (value: string) => void] {
  const current = params[name] ?? "";
  const [text, setText] = useState(current);
  const typed = useDebounced(text.trim(), 300);
  // What this box last put in the URL: a different value came from elsewhere (a link, Back,
  // "Clear filters"), and the box shows it; its own value coming back must not undo later typing.
  const pushed = useRef(current);
  useEffect(() => {
    if (current !== pushed.current) {
      pushed.current = current;
      setText(current);
    }
  }, [current]);
  // Only the typed value drives this (`set` and `current` change with every URL change).
  useEffect(() => {
    if (typed !== pushed.current) {
      pushed.current = typed;
      set({ [name]: typed || undefined });
    }
  }, [typed]);
  return [text, setText];
}

function ShortId({ id }: { id: string }) {
  return <span className="font-mono text-xs">{id.length > 10 ? `${id.slice(0, 8)}…` : id}</span>;
}

export function AuditLog() {
  const { params, set, hrefWith, clearHref } = useAuditParams();
  const filters = api.audit.filters.useQuery();
  const timeZone = knownTimeZone(filters.data?.organization.timeZone);
  const list = api.audit.list.useQuery(auditListInput(params, timeZone), {
    enabled: filters.isSuccess,
    placeholderData: keepPreviousData,
  });
  const [search, setSearch] = useTypedParam("q", params, set);
  const [targetId, setTargetId] = useTypedParam("targetId", params, set);
  const [exporting, setExporting] = useState(false);
  const filtered = isFiltered(params);
  const data = list.data;

  const actions = filters.data?.actions ?? [];
  // A filtered action the log no longer holds (a shared link) stays choosable.
  const actionOptions = params.action && !actions.includes(params.action) ? [params.action, ...actions] : actions;
  const targetTypes = filters.data?.targetTypes ?? [];

  const exportCsv = async () => {
    setExporting(true);
    try {
      const name = await downloadFile(
        "/api/v1/audit/export",
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(auditFilterInput(params, timeZone)),
        },
        "audit-log.csv",
      );
      toast.success(`Downloaded ${name}`);
    } catch (error) {
      toast.error("Couldn't export the audit log", {
        description: error instanceof DownloadError ? error.message : "The connection failed. Try again.",
      });
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-muted-foreground text-sm">
          Times in {timeZone === "UTC" ? "UTC" : `your organization's time zone (${timeZone})`}.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {filtered ? (
            <Button asChild variant="ghost" size="sm">
              <Link href={clearHref} scroll={false}>
                <X className="size-4" aria-hidden /> Clear filters
              </Link>
            </Button>
          ) : null}
          <Button
            variant="outline"
            size="sm"
            onClick={() => void exportCsv()}
            disabled={exporting || !filters.isSuccess}
          >
            {exporting ? (
              <Loader2 className="size-4 motion-safe:animate-spin" aria-hidden />
            ) : (
              <Download className="size-4" aria-hidden />
            )}
            Export CSV
          </Button>
          <span className="sr-only" role="status">
            {exporting ? "Preparing the CSV file…" : ""}
          </span>
        </div>
      </div>
      {params.correlationId ? (
        <div className="mb-4 flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm">
          <Link2 className="size-4 text-muted-foreground" aria-hidden />
          <span>
            Everything request <span className="font-mono">{params.correlationId}</span> did.
          </span>
          <Button asChild variant="link" size="sm" className="h-auto p-0">
            <Link href={hrefWith({ correlationId: undefined })} scroll={false}>
              Show every request
            </Link>
          </Button>
        </div>
      ) : null}
      <ListPage
        filtersClassName="grid gap-3 md:grid-cols-2 xl:grid-cols-4"
        filters={
          <>
            <FilterField label="Search" htmlFor="audit-search">
              <SearchInput
                id="audit-search"
                placeholder="Action, target, person, request id"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </FilterField>
            <PersonFilter actorId={params.actorId} onChange={(person) => set({ actorId: person?.id ?? undefined })} />
            <FilterField label="Action" htmlFor="audit-action">
              <NativeSelect
                id="audit-action"
                value={params.action ?? ""}
                onChange={(e) => set({ action: e.target.value || undefined })}
              >
                <option value="">All actions</option>
                {actionOptions.map((action) => (
                  <option key={action} value={action}>
                    {auditActionLabel(action)}
                  </option>
                ))}
              </NativeSelect>
            </FilterField>
            <FilterField label="Target type" htmlFor="audit-target-type">
              <NativeSelect
                id="audit-target-type"
                value={params.targetType ?? ""}
                onChange={(e) => set({ targetType: e.target.value || undefined })}
              >
                <option value="">Any target</option>
                {(params.targetType && !targetTypes.includes(params.targetType)
                  ? [params.targetType, ...targetTypes]
                  : targetTypes
                ).map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </NativeSelect>
            </FilterField>
            <FilterField label="Target id" htmlFor="audit-target-id">
              <Input
                id="audit-target-id"
                placeholder="The id of a person, class, key…"
                value={targetId}
                autoComplete="off"
                onChange={(e) => setTargetId(e.target.value)}
              />
            </FilterField>
            <FilterField label="From" htmlFor="audit-from">
              <Input
                id="audit-from"
                type="date"
                value={params.from ?? ""}
                max={params.to}
                onChange={(e) => set({ from: e.target.value || undefined })}
              />
            </FilterField>
            <FilterField label="To" htmlFor="audit-to">
              <Input
                id="audit-to"
                type="date"
                value={params.to ?? ""}
                min={params.from}
                onChange={(e) => set({ to: e.target.value || undefined })}
              />
            </FilterField>
          </>
        }
        error={filters.error ?? list.error}
        errorLabel="Couldn't load the audit log"
        onRetry={() => {
          void filters.refetch();
          void list.refetch();
        }}
        busy={list.isFetching}
        columns={COLUMNS}
        skeletonRows={8}
        items={data?.items}
        renderRow={(entry: AuditEntryView) => (
          <TableRow key={entry.id} data-testid="audit-row">
            <TableCell className="text-muted-foreground text-sm">
              <time dateTime={entry.createdAt.toISOString()}>{formatInZone(entry.createdAt, timeZone)}</time>
            </TableCell>
            <TableCell>
              {entry.actor ? (
                <Link
                  href={hrefWith({ actorId: entry.actor.id })}
                  scroll={false}
                  className="hover:underline"
                  title={`Show what ${entry.actor.name} did`}
                >
                  <div className="font-medium">{entry.actor.name}</div>
                  <div className="text-muted-foreground text-sm">{entry.actor.email}</div>
                  <span className="sr-only">: show what they did</span>
                </Link>
              ) : (
                <span className="text-muted-foreground text-sm">No one signed in</span>
              )}
            </TableCell>
            <TableCell>
              <div>{auditActionLabel(entry.action)}</div>
              <div className="font-mono text-muted-foreground text-xs">{entry.action}</div>
            </TableCell>
            <TableCell className="hidden text-sm lg:table-cell">
              {entry.targetType ? (
                <Link
                  href={hrefWith({ targetType: entry.targetType, targetId: entry.targetId ?? undefined })}
                  scroll={false}
                  className="hover:underline"
                  title={`Show everything done to ${entry.targetType} ${entry.targetId ?? ""}`.trim()}
                >
                  {entry.targetType} {entry.targetId ? <ShortId id={entry.targetId} /> : null}
                  <span className="sr-only">: show everything done to it</span>
                </Link>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </TableCell>
            <TableCell className="hidden max-w-sm text-muted-foreground text-sm xl:table-cell">
              <span className="line-clamp-2 break-words">{detailsSummary(entry.metadata) || "—"}</span>
            </TableCell>
            <TableCell>
              {entry.correlationId ? (
                <Link
                  href={`${clearHref}${auditQueryString({ correlationId: entry.correlationId })}`}
                  scroll={false}
                  className="text-primary hover:underline"
                  title={entry.correlationId}
                  aria-label={`Show everything request ${entry.correlationId} did`}
                >
                  <ShortId id={entry.correlationId} />
                </Link>
              ) : (
                <span className="text-muted-foreground text-sm">—</span>
              )}
            </TableCell>
          </TableRow>
        )}
        empty={{
          icon: ScrollText,
          title: filtered ? "Nothing matches these filters" : "Nothing recorded yet",
          description: filtered
            ? "Try another person, action or time range, or clear the filters."
            : "Sign-ins, changes to people, API keys and other admin actions appear here as they happen.",
        }}
        footer={<ListPager data={data} noun={["entry", "entries"]} onPage={(page) => set({ page: String(page) })} />}
      />
    </>
  );
}
