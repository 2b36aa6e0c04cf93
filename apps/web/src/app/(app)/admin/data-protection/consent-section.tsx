"use client";

// COPPA parental consent: every student with their birth date and age, where consent stands and
// since when, a way to record a birth date, and a filter for the students whose messaging and AI
// features are closed until a parent consents. A student with no birth date needs no consent
// (packages/core/src/privacy/consent.ts says why): record the birth dates of students under 13.
import { zodResolver } from "@hookform/resolvers/zod";
import { birthDateSchema, type ConsentRow } from "@toolboxai/validators";
import { ShieldCheck } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { z } from "zod";
import { FormDialog, useFormDialog } from "~/components/form-dialog";
import { LoadError } from "~/components/load-error";
import { LocalTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { SearchInput } from "~/components/ui/search-input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { TableSkeletonRows } from "~/components/ui/table-skeleton-rows";
import { api } from "~/trpc/react";

const DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };
type Filter = "all" | "needs_consent";

/** The dialog's form: a date, or nothing to clear it. */
const birthDateFormSchema = z.object({ birthDate: z.union([z.literal(""), birthDateSchema.unwrap()]) });
type BirthDateForm = z.infer<typeof birthDateFormSchema>;

function StateBadge({ row }: { row: ConsentRow }) {
  switch (row.state) {
    case "granted":
      return <Badge variant="success">Granted</Badge>;
    case "required":
      return <Badge variant="warning">Needs consent</Badge>;
    case "revoked":
      return <Badge variant="destructive">Withdrawn</Badge>;
    default:
      return <Badge variant="secondary">Not required</Badge>;
  }
}

function When({ row }: { row: ConsentRow }) {
  if (row.state === "granted" && row.consentedAt) {
    return (
      <span className="text-sm">
        <LocalTime value={row.consentedAt} options={DATE} />
        {row.consentedBy ? <span className="block text-muted-foreground">by {row.consentedBy.name}</span> : null}
      </span>
    );
  }
  if (row.state === "revoked" && row.revokedAt) {
    return (
      <span className="text-sm">
        Withdrawn <LocalTime value={row.revokedAt} options={DATE} />
      </span>
    );
  }
  return <span className="text-muted-foreground text-sm">—</span>;
}

function BirthDateDialog({ row }: { row: ConsentRow }) {
  const utils = api.useUtils();
  const defaults: BirthDateForm = { birthDate: row.birthDate ?? "" };
  const form = useForm<BirthDateForm>({ resolver: zodResolver(birthDateFormSchema), defaultValues: defaults });
  const dialog = useFormDialog(form, defaults);
  const save = api.consent.setBirthDate.useMutation({
    async onSuccess({ birthDate }) {
      await utils.consent.list.invalidate();
      toast.success(birthDate ? `Birth date of ${row.name} saved` : `Birth date of ${row.name} cleared`);
      dialog.close();
    },
    onError: dialog.fail,
  });
  const id = `birth-date-${row.studentId}`;
  return (
    <FormDialog
      state={dialog}
      trigger={
        <Button variant="outline" size="sm" aria-label={`Set birth date of ${row.name}`}>
          Set birth date
        </Button>
      }
      title={`Birth date of ${row.name}`}
      description="A student under 13 needs a parent's consent before they can message or use AI features."
      onSubmit={(values) => save.mutate({ userId: row.studentId, birthDate: values.birthDate || null })}
      submitLabel="Save"
      pendingLabel="Saving…"
      pending={save.isPending}
    >
      <FormField
        label="Birth date"
        htmlFor={id}
        error={form.formState.errors.birthDate?.message}
        description="Leave it empty to clear the birth date."
      >
        <Input id={id} type="date" {...form.register("birthDate")} />
      </FormField>
    </FormDialog>
  );
}

export function ConsentSection() {
  const [filter, setFilter] = useState<Filter>("all");
  const [search, setSearch] = useState("");
  const list = api.consent.list.useQuery({ filter });
  const term = search.trim().toLowerCase();
  const rows = (list.data ?? []).filter(
    (r) => !term || r.name.toLowerCase().includes(term) || r.email.toLowerCase().includes(term),
  );

  return (
    <section aria-labelledby="consent-title">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2 id="consent-title" className="text-lg">
              Parental consent
            </h2>
          </CardTitle>
          <CardDescription>
            COPPA: a student under 13 needs a linked parent's or guardian's consent, given in the parent's account,
            before messaging and AI features open for them. Students without a birth date need none: record the birth
            date of every student under 13.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <div className="flex flex-wrap items-end gap-4">
            <div className="grid gap-2">
              <Label htmlFor="consent-filter">Show</Label>
              <NativeSelect id="consent-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
                <option value="all">All students</option>
                <option value="needs_consent">Needs consent</option>
              </NativeSelect>
            </div>
            <div className="grid min-w-64 gap-2">
              <Label htmlFor="consent-search">Search students</Label>
              <SearchInput
                id="consent-search"
                placeholder="Name or email"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
          </div>
          {list.error ? (
            <LoadError
              title="Consents could not be loaded"
              message={list.error.message}
              onRetry={() => list.refetch()}
            />
          ) : list.data && rows.length === 0 ? (
            <EmptyState
              icon={ShieldCheck}
              title={filter === "needs_consent" ? "No student is waiting for consent" : "No students found"}
              description={
                filter === "needs_consent"
                  ? "Every student under 13 has a parent's consent."
                  : "Students appear here once they have an account."
              }
            />
          ) : (
            <Table aria-label="Students' parental consent">
              <TableHeader>
                <TableRow>
                  <TableHead>Student</TableHead>
                  <TableHead>Birth date</TableHead>
                  <TableHead>Consent</TableHead>
                  <TableHead className="hidden md:table-cell">Since</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.isPending ? <TableSkeletonRows rows={3} columns={5} /> : null}
                {rows.map((row) => (
                  <TableRow key={row.studentId}>
                    <TableCell>
                      <div className="font-medium">{row.name}</div>
                      <div className="text-muted-foreground text-sm">{row.email}</div>
                    </TableCell>
                    <TableCell>
                      {row.birthDate ? (
                        <span className="text-sm">
                          {row.birthDate}
                          <span className="block text-muted-foreground">age {row.age}</span>
                        </span>
                      ) : (
                        <span className="text-muted-foreground text-sm">Not recorded</span>
                      )}
                    </TableCell>
                    <TableCell>
                      <StateBadge row={row} />
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      <When row={row} />
                    </TableCell>
                    <TableCell className="text-right">
                      <BirthDateDialog row={row} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </section>
  );
}
