"use client";

// "Download my data" (FERPA inspection, GDPR articles 15 and 20), and the pieces the admin's data
// protection page and the parent view share: the list of export requests with their progress
// (polled while one is being built) and their download links.
import type { DataExportView } from "@toolboxai/validators";
import { Download } from "lucide-react";
import { toast } from "sonner";
import { LoadError } from "~/components/load-error";
import { LocalTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { api } from "~/trpc/react";
import { ProgressBar } from "../teacher/tasks/task-ui";

/** How often the list is read again while an export is being built. */
const BUILDING_POLL_MS = 1000;

const building = (e: DataExportView) => e.status === "QUEUED" || e.status === "RUNNING";

function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Makes a fresh download link for the export and opens it (the browser saves the zip). */
function DownloadButton({ item }: { item: DataExportView }) {
  const link = api.dataExports.link.useMutation({
    onSuccess({ url }) {
      window.location.assign(url);
    },
    onError: (error) => toast.error(error.message),
  });
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={link.isPending}
      aria-label={`Download the data of ${item.subject.name}`}
      onClick={() => link.mutate({ exportId: item.id })}
    >
      <Download aria-hidden className="size-4" />
      {link.isPending ? "Preparing…" : "Download"}
    </Button>
  );
}

function ExportRow({ item, showSubject }: { item: DataExportView; showSubject: boolean }) {
  return (
    <li className="grid gap-2 py-3" aria-label={`Data export of ${item.subject.name}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="grid gap-0.5">
          <p className="font-medium">
            {showSubject ? item.subject.name : "Data export"}
            {item.requestedBy && item.requestedBy.id !== item.subject.id ? (
              <span className="font-normal text-muted-foreground"> · asked for by {item.requestedBy.name}</span>
            ) : null}
          </p>
          <p className="text-muted-foreground text-sm">
            Asked for <LocalTime value={item.createdAt} />
            {item.fileBytes !== null && item.status === "SUCCEEDED" ? ` · ${formatBytes(item.fileBytes)}` : ""}
          </p>
        </div>
        {item.downloadable ? (
          <DownloadButton item={item} />
        ) : item.expired ? (
          <Badge variant="secondary">Expired</Badge>
        ) : item.status === "FAILED" ? (
          <Badge variant="destructive">Failed</Badge>
        ) : building(item) ? (
          <Badge variant="outline">{item.status === "QUEUED" ? "Waiting" : "Building"}</Badge>
        ) : null}
      </div>
      {building(item) ? <ProgressBar value={item.progress} label={`Export of ${item.subject.name}`} /> : null}
      {item.downloadable && item.expiresAt ? (
        <p className="text-muted-foreground text-sm">
          The download works until <LocalTime value={item.expiresAt} />; then the file is deleted.
        </p>
      ) : null}
      {item.status === "FAILED" && item.error ? (
        <p className="text-destructive text-sm">Couldn't build this export: {item.error}</p>
      ) : null}
    </li>
  );
}

/**
 * The export requests the signed-in person sees (about `subjectId` only, when given), newest first,
 * read again every second while one is being built.
 */
export function ExportRequests({
  subjectId,
  showSubject = true,
  label = "Data export requests",
  emptyText = "No data export has been asked for yet.",
}: {
  subjectId?: string;
  showSubject?: boolean;
  label?: string;
  emptyText?: string;
}) {
  const list = api.dataExports.list.useQuery(subjectId ? { subjectId } : {}, {
    refetchInterval: (query) => (query.state.data?.some(building) ? BUILDING_POLL_MS : false),
  });
  if (list.isPending) {
    return (
      <div className="grid gap-3" aria-hidden>
        <Skeleton className="h-10 w-full" />
      </div>
    );
  }
  if (list.isError) {
    return (
      <LoadError title="Couldn't load the exports" message={list.error.message} onRetry={() => void list.refetch()} />
    );
  }
  if (list.data.length === 0) return <p className="text-muted-foreground text-sm">{emptyText}</p>;
  return (
    <ul aria-label={label} className="divide-y">
      {list.data.map((item) => (
        <ExportRow key={item.id} item={item} showSubject={showSubject} />
      ))}
    </ul>
  );
}

/** Asks for an export of `subjectId` and shows it in the list at once. */
export function useRequestExport(onDone?: () => void) {
  const utils = api.useUtils();
  return api.dataExports.request.useMutation({
    async onSuccess(item) {
      toast.success(`Building the data export of ${item.subject.name}`);
      await utils.dataExports.list.invalidate();
      onDone?.();
    },
    onError: (error) => toast.error(error.message),
  });
}

/** The account page's card: export one's own data as a zip of JSON and CSV files. */
export function DataExportCard() {
  const me = api.me.get.useQuery();
  const request = useRequestExport();
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Download my data</h2>
        </CardTitle>
        <CardDescription>
          A zip of everything ToolboxAI keeps about you (your profile, classes, attempts and answers, lesson progress,
          messages you sent and your account's history), as JSON and CSV files. It takes a moment to build; the download
          link works for 7 days.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {me.data ? (
          <ExportRequests
            subjectId={me.data.id}
            showSubject={false}
            label="My data exports"
            emptyText="You haven't exported your data yet."
          />
        ) : null}
      </CardContent>
      <CardFooter className="justify-end">
        <Button
          disabled={!me.data || request.isPending}
          onClick={() => me.data && request.mutate({ subjectId: me.data.id })}
        >
          {request.isPending ? "Starting…" : "Export my data"}
        </Button>
      </CardFooter>
    </Card>
  );
}
