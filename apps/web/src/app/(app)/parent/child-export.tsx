"use client";

import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { api } from "~/trpc/react";
import { ExportRequests, useRequestExport } from "../account/data-export-card";

/** "Download data" for one linked child: ask for the export, follow its build, download the zip. */
function ChildExportCard({ child }: { child: { id: string; name: string } }) {
  const request = useRequestExport();
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{child.name}'s data</h2>
        </CardTitle>
        <CardDescription>
          As {child.name}'s parent or guardian you may see everything the school keeps about them on ToolboxAI: a zip of
          JSON and CSV files, whose download link works for 7 days.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ExportRequests
          subjectId={child.id}
          showSubject={false}
          label={`Data exports of ${child.name}`}
          emptyText={`You haven't downloaded ${child.name}'s data yet.`}
        />
      </CardContent>
      <CardFooter className="justify-end">
        <Button
          disabled={request.isPending}
          aria-label={`Download data of ${child.name}`}
          onClick={() => request.mutate({ subjectId: child.id })}
        >
          {request.isPending ? "Starting…" : "Download data"}
        </Button>
      </CardFooter>
    </Card>
  );
}

/** A data export card per linked child (FERPA: a parent's right to inspect their child's records). */
export function ChildExports() {
  const children = api.gradebook.children.useQuery();
  if (!children.data || children.data.length === 0) return null;
  return (
    <div className="mt-6 grid gap-6">
      {children.data.map(({ child }) => (
        <ChildExportCard key={child.id} child={child} />
      ))}
    </div>
  );
}
