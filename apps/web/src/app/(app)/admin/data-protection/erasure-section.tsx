"use client";

// Erasure (GDPR article 17): choose a person, write down why, confirm by typing their name. The
// person is deactivated at once; their data is purged after the grace period, until which "Undo"
// restores the account. docs/data-protection.md says what the purge removes and what it keeps.
import { zodResolver } from "@hookform/resolvers/zod";
import { keepPreviousData } from "@tanstack/react-query";
import { type ErasureView, type RequestErasureInput, requestErasureSchema, type UserView } from "@toolboxai/validators";
import { Eraser } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { ROLE_LABEL } from "~/components/app-shell";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { LoadError } from "~/components/load-error";
import { LocalTime } from "~/components/local-time";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { SearchInput } from "~/components/ui/search-input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "~/components/ui/table";
import { TableSkeletonRows } from "~/components/ui/table-skeleton-rows";
import { Textarea } from "~/components/ui/textarea";
import { applyServerErrors } from "~/lib/form-errors";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";

const EMPTY: RequestErasureInput = { userId: "", reason: "" };
const DATE: Intl.DateTimeFormatOptions = { dateStyle: "medium" };

const sameName = (typed: string, name: string) => typed.trim().toLowerCase() === name.trim().toLowerCase();

export function ErasureSection() {
  return (
    <section aria-labelledby="erasure-title">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2 id="erasure-title" className="text-lg">
              Erasure
            </h2>
          </CardTitle>
          <CardDescription>
            Erase a person's data when they or their parent ask (GDPR article 17). They are signed out and deactivated
            at once; after the grace period their name, email, messages and answers are removed, while their grades stay
            in the class's totals as "Erased user". Until then you can undo it.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-8">
          <EraseForm />
          <ErasureList />
        </CardContent>
      </Card>
    </section>
  );
}

/** The person picker and the reason; "Erase…" asks for the typed name before anything happens. */
function EraseForm() {
  const utils = api.useUtils();
  const [search, setSearch] = useState("");
  const term = useDebounced(search.trim(), 250);
  const people = api.users.list.useQuery(
    { search: term || undefined, status: "all", pageSize: 50 },
    { placeholderData: keepPreviousData },
  );
  const form = useForm<RequestErasureInput>({ resolver: zodResolver(requestErasureSchema), defaultValues: EMPTY });
  /** The request being confirmed, with the person as they were listed when "Erase…" was pressed. */
  const [confirming, setConfirming] = useState<{ input: RequestErasureInput; person: UserView } | null>(null);
  const [typed, setTyped] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const erase = api.erasure.request.useMutation({
    async onSuccess(request) {
      await Promise.all([utils.erasure.list.invalidate(), utils.users.list.invalidate()]);
      toast.success(`${request.subject.name} is deactivated; their data will be erased in ${request.daysLeft} days`);
      setConfirming(null);
      setSearch("");
      form.reset(EMPTY);
    },
    onError(error) {
      const message = applyServerErrors(error, form.setError);
      setFailure(message);
      if (!message) setConfirming(null);
    },
  });

  const person = confirming?.person ?? null;
  const { errors } = form.formState;

  return (
    <>
      <form
        noValidate
        aria-labelledby="erase-person-title"
        className="grid max-w-xl gap-4"
        onSubmit={form.handleSubmit((values) => {
          const chosen = people.data?.items.find((u) => u.id === values.userId);
          if (!chosen) {
            form.setError("userId", { type: "manual", message: "Choose the person to erase." });
            return;
          }
          setFailure(null);
          setTyped("");
          erase.reset();
          setConfirming({ input: values, person: chosen });
        })}
      >
        <h3 id="erase-person-title" className="font-medium">
          Erase a person
        </h3>
        <FormField label="Find a person to erase" htmlFor="erase-search">
          <SearchInput
            id="erase-search"
            placeholder="Name or email"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </FormField>
        <FormField label="Person to erase" htmlFor="erase-person" error={errors.userId?.message}>
          <NativeSelect id="erase-person" {...form.register("userId")} disabled={people.isPending}>
            <option value="">
              {people.isPending ? "Loading people…" : people.data?.items.length ? "Choose a person" : "No one matches"}
            </option>
            {people.data?.items.map((u) => (
              <option key={u.id} value={u.id}>
                {`${u.name} (${u.email}) · ${ROLE_LABEL[u.role]}${u.active ? "" : " · deactivated"}`}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        {people.error ? <FormError message={`People could not be loaded: ${people.error.message}`} /> : null}
        <FormField
          label="Reason"
          htmlFor="erase-reason"
          error={errors.reason?.message}
          description="Kept with the request for your records, for example “Parent's request of 2 May”."
        >
          <Textarea id="erase-reason" rows={2} {...form.register("reason")} />
        </FormField>
        <div>
          <Button type="submit" variant="destructive">
            <Eraser className="size-4" aria-hidden /> Erase…
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={`Erase ${person?.name ?? "this person"}?`}
        description={
          <>
            <span className="block">
              {person?.name} ({person?.email}) is signed out and deactivated now. After the grace period their personal
              data is removed for good: their name and email, the messages they wrote and received, their answers. Their
              scores stay in the class's totals as “Erased user”. You can undo it until then.
            </span>
            {failure ? (
              <span role="alert" className="mt-3 block font-medium text-destructive">
                {failure}
              </span>
            ) : null}
          </>
        }
        destructive
        pending={erase.isPending}
        confirmLabel="Erase"
        pendingLabel="Erasing…"
        onConfirm={() => {
          if (!confirming || !person) return;
          if (!sameName(typed, person.name)) {
            setFailure(`Type ${person.name} to confirm.`);
            return;
          }
          setFailure(null);
          erase.mutate(confirming.input);
        }}
      >
        <FormField label={`Type ${person?.name ?? "their name"} to confirm`} htmlFor="erase-confirm">
          <Input id="erase-confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </FormField>
      </ConfirmDialog>
    </>
  );
}

function StatusCell({ request }: { request: ErasureView }) {
  if (request.status === "PENDING") {
    return (
      <div className="grid gap-1">
        <Badge variant="warning">Pending</Badge>
        <span className="text-muted-foreground text-sm">
          {request.daysLeft === 0
            ? "Purged at the next run"
            : `${request.daysLeft} ${request.daysLeft === 1 ? "day" : "days"} left`}{" "}
          (<LocalTime value={request.purgeAfter} options={DATE} />)
        </span>
      </div>
    );
  }
  if (request.status === "PURGED") {
    return (
      <div className="grid gap-1">
        <Badge variant="secondary">Purged</Badge>
        {request.purgedAt ? (
          <span className="text-muted-foreground text-sm">
            <LocalTime value={request.purgedAt} options={DATE} />
          </span>
        ) : null}
      </div>
    );
  }
  return (
    <div className="grid gap-1">
      <Badge variant="outline">Undone</Badge>
      {request.cancelledAt ? (
        <span className="text-muted-foreground text-sm">
          <LocalTime value={request.cancelledAt} options={DATE} />
        </span>
      ) : null}
    </div>
  );
}

/** The organization's requests: pending ones (with the days left and Undo), then the others. */
function ErasureList() {
  const utils = api.useUtils();
  const list = api.erasure.list.useQuery();
  const [undoTarget, setUndoTarget] = useState<ErasureView | null>(null);
  const undo = api.erasure.cancel.useMutation({
    async onSuccess(request) {
      await Promise.all([utils.erasure.list.invalidate(), utils.users.list.invalidate()]);
      toast.success(`The erasure of ${request.subject.name} was undone`);
      setUndoTarget(null);
    },
  });

  return (
    <section aria-labelledby="erasure-requests-title" className="grid gap-3">
      <h3 id="erasure-requests-title" className="font-medium">
        Requests
      </h3>
      {list.error ? (
        <LoadError
          title="Erasure requests could not be loaded"
          message={list.error.message}
          onRetry={() => list.refetch()}
        />
      ) : list.data && list.data.length === 0 ? (
        <EmptyState icon={Eraser} title="No erasure requests" description="Requests you make appear here." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Person</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="hidden md:table-cell">Requested</TableHead>
              <TableHead className="hidden lg:table-cell">Reason</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.isPending ? <TableSkeletonRows rows={3} columns={5} /> : null}
            {list.data?.map((request) => (
              <TableRow key={request.id}>
                <TableCell>
                  <div className="font-medium">{request.subject.name}</div>
                  {request.status !== "PURGED" ? (
                    <div className="text-muted-foreground text-sm">{request.subject.email}</div>
                  ) : null}
                </TableCell>
                <TableCell>
                  <StatusCell request={request} />
                </TableCell>
                <TableCell className="hidden md:table-cell">
                  <LocalTime value={request.requestedAt} options={DATE} />
                  {request.requestedBy ? (
                    <div className="text-muted-foreground text-sm">by {request.requestedBy.name}</div>
                  ) : null}
                </TableCell>
                <TableCell className="hidden max-w-xs truncate lg:table-cell">{request.reason}</TableCell>
                <TableCell className="text-right">
                  {request.status === "PENDING" ? (
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Undo the erasure of ${request.subject.name}`}
                      onClick={() => {
                        undo.reset();
                        setUndoTarget(request);
                      }}
                    >
                      Undo
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={undoTarget !== null}
        onClose={() => setUndoTarget(null)}
        title={`Undo the erasure of ${undoTarget?.subject.name ?? ""}?`}
        description={
          <>
            <span className="block">
              Nothing is erased, and {undoTarget?.subject.name} can sign in again with their password.
            </span>
            {undo.error ? (
              <span role="alert" className="mt-3 block font-medium text-destructive">
                {undo.error.message}
              </span>
            ) : null}
          </>
        }
        pending={undo.isPending}
        confirmLabel="Undo erasure"
        pendingLabel="Undoing…"
        onConfirm={() => undoTarget && undo.mutate({ requestId: undoTarget.id })}
      />
    </section>
  );
}
