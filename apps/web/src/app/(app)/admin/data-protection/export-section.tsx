"use client";

import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { SearchInput } from "~/components/ui/search-input";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";
import { ExportRequests, useRequestExport } from "../../account/data-export-card";

const ROLE_LABEL: Record<string, string> = { ADMIN: "Admin", TEACHER: "Teacher", STUDENT: "Student", PARENT: "Parent" };

/**
 * Data export for one person (FERPA's right to inspect, GDPR articles 15 and 20): find the person,
 * "Export data", then follow the build and download the zip from the list of the organization's
 * requests.
 */
export function ExportSection() {
  const [search, setSearch] = useState("");
  const [personId, setPersonId] = useState("");
  const term = useDebounced(search.trim(), 250);
  const people = api.users.list.useQuery({ status: "all", search: term || undefined, pageSize: 50 });
  const request = useRequestExport(() => setPersonId(""));
  const candidates = people.data?.items ?? [];

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Export a person's data</h2>
        </CardTitle>
        <CardDescription>
          When a student, a parent or a member of staff asks to see their records, export everything kept about them as
          a zip of JSON and CSV files. The download link works for 7 days; then the file is deleted.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <form
          className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            if (personId) request.mutate({ subjectId: personId });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="export-person-search">Find a person to export</Label>
            <SearchInput
              id="export-person-search"
              placeholder="Name or email"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="export-person">Person to export</Label>
            <NativeSelect id="export-person" value={personId} onChange={(e) => setPersonId(e.target.value)}>
              <option value="">
                {people.isPending ? "Loading…" : candidates.length === 0 ? "No one matches" : "Choose a person"}
              </option>
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({ROLE_LABEL[p.role] ?? p.role}, {p.email})
                </option>
              ))}
            </NativeSelect>
          </div>
          <Button type="submit" disabled={!personId || request.isPending}>
            {request.isPending ? "Starting…" : "Export data"}
          </Button>
        </form>
        <section aria-labelledby="export-requests-heading" className="grid gap-2">
          <h3 id="export-requests-heading" className="font-medium text-sm">
            Requests
          </h3>
          <ExportRequests />
        </section>
      </CardContent>
    </Card>
  );
}
