"use client";

import type { ImportJobSummary, ImportStatus } from "@toolboxai/validators";
import { LocalTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { api } from "~/trpc/react";

const STATUS: Record<ImportStatus, { label: string; variant: "secondary" | "success" | "destructive" | "outline" }> = {
  QUEUED: { label: "Waiting", variant: "secondary" },
  RUNNING: { label: "Running", variant: "secondary" },
  SUCCEEDED: { label: "Done", variant: "success" },
  FAILED: { label: "Failed", variant: "destructive" },
  CANCELLED: { label: "Cancelled", variant: "outline" },
};

function outcome(job: ImportJobSummary): string {
  const users = job.summary?.users;
  if (!users) return "—";
  const verb = job.dryRun ? "would add" : "added";
  return `${users.created} ${verb}, ${users.updated} updated, ${job.problemCount} problems`;
}

/** The organization's latest checks and imports (the wizard refreshes it when a job ends). */
export function RecentImports() {
  const list = api.imports.list.useQuery({ limit: 10 });
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent imports</CardTitle>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        <Table>
          <TableCaption className="sr-only">Recent checks and imports</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Kind</TableHead>
              <TableHead>Format</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Outcome</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((job) => (
              <TableRow key={job.id}>
                <TableCell>
                  <LocalTime value={job.createdAt} />
                </TableCell>
                <TableCell>{job.dryRun ? "Check" : "Import"}</TableCell>
                <TableCell>{job.format === "oneroster" ? "OneRoster" : "Simple CSV"}</TableCell>
                <TableCell>
                  <Badge variant={STATUS[job.status].variant}>{STATUS[job.status].label}</Badge>
                </TableCell>
                <TableCell className="text-muted-foreground text-sm">{outcome(job)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
