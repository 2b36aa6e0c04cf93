"use client";

// Retention: the organization's periods (changed on the Settings page), a dry run listing what
// the job would remove now, per kind, and "Run now" (after a confirmation) instead of waiting for
// the hourly job.
import type { OrgSettingsView, RetentionResult } from "@toolboxai/validators";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LoadError } from "~/components/load-error";
import { LocalTime } from "~/components/local-time";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Skeleton } from "~/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { api } from "~/trpc/react";

const DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };

const KINDS = [
  { key: "activity", label: "Activity events", setting: "retentionActivityDays", action: "deleted" },
  { key: "audit", label: "Audit log rows", setting: "retentionAuditDays", action: "deleted" },
  {
    key: "agentIo",
    label: "AI prompts and outputs",
    setting: "retentionAgentIoDays",
    action: "cleared (the tasks and token counts stay)",
  },
] as const satisfies readonly {
  key: keyof RetentionResult;
  setting: keyof OrgSettingsView;
  label: string;
  action: string;
}[];

const period = (days: number | null) => (days === null ? "Kept forever" : days === 1 ? "1 day" : `${days} days`);
const total = (r: RetentionResult) => r.activity.count + r.audit.count + r.agentIo.count;

export function RetentionSection() {
  return (
    <section aria-labelledby="retention-title">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2 id="retention-title" className="text-lg">
              Retention
            </h2>
          </CardTitle>
          <CardDescription>
            Records older than your school's periods are removed every hour. Preview what would go now, or run it at
            once. The periods are changed in{" "}
            <Link href="/admin/settings" className="underline">
              Settings
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <CardContent>
          <RetentionBody />
        </CardContent>
      </Card>
    </section>
  );
}

function RetentionBody() {
  const utils = api.useUtils();
  const settings = api.organization.get.useQuery();
  const [preview, setPreview] = useState<RetentionResult | null>(null);
  const [lastRun, setLastRun] = useState<RetentionResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const run = api.organization.retentionRun.useMutation({
    onSuccess(result) {
      setConfirming(false);
      setLastRun(result);
      setPreview(null);
      toast.success(
        total(result) === 0
          ? "Retention ran: nothing was old enough to remove"
          : `Retention ran: ${total(result)} records removed`,
      );
      void utils.organization.retentionPreview.invalidate();
    },
    onError(error) {
      setConfirming(false);
      toast.error(error.message);
    },
  });
  const showPreview = async () => {
    setPreviewing(true);
    try {
      setPreview(await utils.organization.retentionPreview.fetch(undefined, { staleTime: 0 }));
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "The preview could not be made");
    } finally {
      setPreviewing(false);
    }
  };

  if (settings.error)
    return (
      <LoadError
        title="The retention periods could not be loaded"
        message={settings.error.message}
        onRetry={() => void settings.refetch()}
      />
    );
  if (!settings.data) return <Skeleton className="h-40 w-full" />;
  const shown = preview ?? lastRun;
  return (
    <div className="grid gap-4">
      <Table aria-label="Retention periods">
        <TableHeader>
          <TableRow>
            <TableHead>Kind of record</TableHead>
            <TableHead>Kept for</TableHead>
            {shown ? <TableHead>{preview ? "Would be removed now" : "Removed"}</TableHead> : null}
            {shown ? <TableHead>Older than</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {KINDS.map((kind) => {
            const days = settings.data[kind.setting] as number | null;
            const counted = shown?.[kind.key];
            return (
              <TableRow key={kind.key}>
                <TableCell className="font-medium">{kind.label}</TableCell>
                <TableCell>{period(days)}</TableCell>
                {shown ? (
                  <TableCell className="tabular-nums">
                    {counted ? `${counted.count} ${counted.count === 0 ? "" : kind.action}`.trim() : "–"}
                  </TableCell>
                ) : null}
                {shown ? (
                  <TableCell>
                    {counted?.cutoff ? <LocalTime value={new Date(counted.cutoff)} options={DATE} /> : "Never removed"}
                  </TableCell>
                ) : null}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {preview ? (
        <p className="text-sm" role="status">
          {total(preview) === 0
            ? "Nothing is old enough to be removed now."
            : `A run now would remove ${total(preview)} records. Nothing has been removed yet.`}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={() => void showPreview()} disabled={previewing}>
          {previewing ? "Counting…" : "Preview"}
        </Button>
        <Button variant="destructive" onClick={() => setConfirming(true)}>
          Run now
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Apply retention now?"
        description="Activity events and audit rows older than your periods are deleted, and old AI prompts and outputs are cleared. This can't be undone."
        confirmLabel="Run now"
        pendingLabel="Running…"
        destructive
        pending={run.isPending}
        onConfirm={() => run.mutate()}
      />
    </div>
  );
}
