"use client";

import { IMPORT_KINDS, type ImportJobView, type ImportKind } from "@toolboxai/validators";
import { CircleCheck } from "lucide-react";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { plural } from "~/lib/plural";

const KIND_LABEL: Record<ImportKind, string> = {
  users: "People",
  schools: "Schools",
  classes: "Classes",
  enrollments: "Enrollments",
  parentLinks: "Parent links",
};

/** Created / updated / unchanged / removed / skipped per kind (what a dry run would do). */
export function SummaryTable({ job }: { job: ImportJobView }) {
  const summary = job.summary;
  if (!summary) return null;
  const kinds = IMPORT_KINDS.filter((k) => job.format === "oneroster" || k !== "schools");
  const verb = job.dryRun ? "would be " : "";
  return (
    <div className="overflow-x-auto rounded-md border">
      <Table>
        <TableCaption className="sr-only">
          {job.dryRun ? "What the import would do" : "What the import did"}
        </TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Kind</TableHead>
            <TableHead className="text-right">{job.dryRun ? "To create" : "Created"}</TableHead>
            <TableHead className="text-right">{job.dryRun ? "To update" : "Updated"}</TableHead>
            <TableHead className="text-right">Unchanged</TableHead>
            <TableHead className="text-right">{job.dryRun ? "To remove" : "Removed"}</TableHead>
            <TableHead className="text-right">Skipped</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {kinds.map((kind) => {
            const c = summary[kind];
            return (
              <TableRow key={kind}>
                <TableCell className="font-medium">{KIND_LABEL[kind]}</TableCell>
                <TableCell className="text-right tabular-nums">{c.created}</TableCell>
                <TableCell className="text-right tabular-nums">{c.updated}</TableCell>
                <TableCell className="text-right tabular-nums">{c.unchanged}</TableCell>
                <TableCell className="text-right tabular-nums">{c.removed}</TableCell>
                <TableCell className="text-right tabular-nums">{c.skipped}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <p className="border-t px-4 py-2 text-muted-foreground text-sm">
        Removed: {verb}deactivated, archived or deleted (OneRoster status "tobedeleted"). Skipped: rows with a problem,
        and rows the platform does not keep (the district row, co-teachers, aides).
      </p>
    </div>
  );
}

/** Every row's problem by file, row and column. */
export function ProblemsTable({ job }: { job: ImportJobView }) {
  if (job.problemCount === 0) {
    return (
      <p className="flex items-center gap-2 text-sm" role="status">
        <CircleCheck className="size-4 text-emerald-600" aria-hidden /> No problems found.
      </p>
    );
  }
  return (
    <div className="grid gap-2">
      <h3 className="font-medium">
        {plural(job.problemCount, "problem")}
        {job.dryRun ? "" : ": these rows were skipped"}
      </h3>
      <div className="max-h-[28rem] overflow-auto rounded-md border">
        <Table>
          <TableCaption className="sr-only">Problems by file, row and column</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>File</TableHead>
              <TableHead className="text-right">Row</TableHead>
              <TableHead>Column</TableHead>
              <TableHead>Problem</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {job.problems.map((p, i) => (
              // Problems have no id; their order is stable (by file, then row).
              <TableRow key={`${p.file}:${p.row}:${p.field}:${i}`}>
                <TableCell className="font-mono text-xs">{p.file}</TableCell>
                <TableCell className="text-right tabular-nums">{p.row}</TableCell>
                <TableCell className="font-mono text-xs">{p.field ?? "—"}</TableCell>
                <TableCell className="whitespace-normal">{p.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {job.problems.length < job.problemCount ? (
        <p className="text-muted-foreground text-sm">
          Showing the first {job.problems.length} of {job.problemCount}. Fix these and check the file again.
        </p>
      ) : null}
    </div>
  );
}

/** The job's progress as a labelled bar. */
export function ImportProgress({ job }: { job: ImportJobView }) {
  const percent = job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  const label = job.dryRun ? "Checking the file" : "Importing";
  return (
    <div className="grid gap-2">
      <div className="flex justify-between text-sm">
        <span id="import-progress-label">{job.status === "QUEUED" ? "Waiting to start…" : `${label}…`}</span>
        <span className="tabular-nums text-muted-foreground">
          {job.total > 0 ? `${job.processed} of ${job.total} rows` : ""}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded-full bg-secondary"
      >
        <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
