"use client";

import { type BulkUsersResult, type Role, roles, type UserView } from "@toolboxai/validators";
import { X } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { ROLE_LABEL } from "~/components/app-shell";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { FormError } from "~/components/ui/form-error";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { SearchInput } from "~/components/ui/search-input";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";

const people = (n: number) => (n === 1 ? "1 person" : `${n} people`);

type Action = "deactivate" | "role" | "link";

/**
 * What the admin can do with the people selected in the table: deactivate them (after a
 * confirmation), change their role, link them to a parent. Each person is done or refused on their
 * own; refusals are listed by name, and the people refused stay selected.
 */
export function BulkActions({
  selected,
  onDone,
  onClear,
}: {
  selected: readonly UserView[];
  /** After an action: the ids it was done for (they leave the selection). */
  onDone(doneIds: string[]): void;
  onClear(): void;
}) {
  const [action, setAction] = useState<Action | null>(null);
  const [outcome, setOutcome] = useState<{ title: string; result: BulkUsersResult } | null>(null);
  const utils = api.useUtils();
  const count = selected.length;
  const userIds = selected.map((u) => u.id);

  async function finished(title: string, result: BulkUsersResult, doneMessage: string) {
    await utils.users.list.invalidate();
    setAction(null);
    onDone(result.results.filter((r) => r.ok).map((r) => r.userId));
    if (result.failed === 0) toast.success(doneMessage);
    else setOutcome({ title, result });
  }

  const deactivate = api.users.bulkDeactivate.useMutation({
    onSuccess: (result) => finished("Deactivation", result, `${people(result.succeeded)} deactivated`),
    onError: (error) => toast.error(error.message),
  });

  if (count === 0 && !outcome) return null;

  return (
    <>
      {count > 0 ? (
        <div
          role="toolbar"
          aria-label="Actions for the selected people"
          className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 p-2"
        >
          <span className="px-2 font-medium text-sm" aria-live="polite" data-testid="selected-count">
            {people(count)} selected
          </span>
          <Button size="sm" variant="outline" onClick={() => setAction("role")}>
            Change role…
          </Button>
          <Button size="sm" variant="outline" onClick={() => setAction("link")}>
            Link to parent…
          </Button>
          <Button size="sm" variant="outline" className="text-destructive" onClick={() => setAction("deactivate")}>
            Deactivate…
          </Button>
          <Button size="sm" variant="ghost" className="ml-auto" onClick={onClear}>
            <X className="size-4" aria-hidden /> Clear selection
          </Button>
        </div>
      ) : null}

      <ConfirmDialog
        open={action === "deactivate"}
        onClose={() => setAction(null)}
        title={`Deactivate ${people(count)}?`}
        description="They are signed out at once and can't sign in until an admin reactivates them. Their work is kept."
        destructive
        pending={deactivate.isPending}
        confirmLabel="Deactivate"
        pendingLabel="Deactivating…"
        onConfirm={() => deactivate.mutate({ userIds })}
      />
      <BulkRoleDialog
        open={action === "role"}
        userIds={userIds}
        onClose={() => setAction(null)}
        onFinished={(result, role) =>
          finished("Role change", result, `${people(result.succeeded)} now ${ROLE_LABEL[role].toLowerCase()}`)
        }
      />
      <BulkLinkParentDialog
        open={action === "link"}
        studentIds={userIds}
        onClose={() => setAction(null)}
        onFinished={(result, parentName) =>
          finished("Linking", result, `${people(result.succeeded)} linked to ${parentName}`)
        }
      />
      <BulkOutcomeDialog outcome={outcome} onClose={() => setOutcome(null)} />
    </>
  );
}

function BulkRoleDialog({
  open,
  userIds,
  onClose,
  onFinished,
}: {
  open: boolean;
  userIds: string[];
  onClose(): void;
  onFinished(result: BulkUsersResult, role: Role): void;
}) {
  const [role, setRole] = useState<Role>("STUDENT");
  const change = api.users.bulkChangeRole.useMutation({ onSuccess: (result, input) => onFinished(result, input.role) });
  useEffect(() => {
    if (open) {
      setRole("STUDENT");
      change.reset();
    }
  }, [open]);

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Change the role of {people(userIds.length)}</DialogTitle>
          <DialogDescription>They see the pages of their new role on their next page load.</DialogDescription>
        </DialogHeader>
        <FormError message={change.error?.message ?? null} />
        <div className="grid gap-1.5">
          <Label htmlFor="bulk-role">New role</Label>
          <NativeSelect id="bulk-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={change.isPending} onClick={() => change.mutate({ userIds, role })}>
            {change.isPending ? "Saving…" : "Change role"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function BulkLinkParentDialog({
  open,
  studentIds,
  onClose,
  onFinished,
}: {
  open: boolean;
  studentIds: string[];
  onClose(): void;
  onFinished(result: BulkUsersResult, parentName: string): void;
}) {
  const [search, setSearch] = useState("");
  const [parentId, setParentId] = useState("");
  const term = useDebounced(search.trim(), 250);
  const parents = api.users.list.useQuery(
    { role: "PARENT", status: "active", search: term || undefined, pageSize: 50 },
    { enabled: open },
  );
  const link = api.users.bulkLinkParent.useMutation({
    onSuccess: (result, input) =>
      onFinished(result, parents.data?.items.find((p) => p.id === input.parentId)?.name ?? "the parent"),
  });
  useEffect(() => {
    if (open) {
      setSearch("");
      setParentId("");
      link.reset();
    }
  }, [open]);
  const candidates = parents.data?.items ?? [];

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Link {people(studentIds.length)} to a parent</DialogTitle>
          <DialogDescription>
            The parent sees each linked child's work and can message the teachers of their classes. Only students can be
            linked.
          </DialogDescription>
        </DialogHeader>
        <FormError message={link.error?.message ?? null} />
        <div className="grid gap-1.5">
          <Label htmlFor="bulk-parent-search">Find a parent</Label>
          <SearchInput
            id="bulk-parent-search"
            placeholder="Name or email"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Label htmlFor="bulk-parent" className="mt-2">
            Parent
          </Label>
          <NativeSelect id="bulk-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">
              {parents.isLoading ? "Loading…" : candidates.length === 0 ? "No parents match" : "Choose a parent"}
            </option>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </NativeSelect>
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!parentId || link.isPending} onClick={() => link.mutate({ parentId, studentIds })}>
            {link.isPending ? "Linking…" : "Link to parent"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** After a bulk action with refusals: how many were done, and who was not, with why. */
function BulkOutcomeDialog({
  outcome,
  onClose,
}: {
  outcome: { title: string; result: BulkUsersResult } | null;
  onClose(): void;
}) {
  const [last, setLast] = useState(outcome);
  if (outcome !== null && outcome !== last) setLast(outcome);
  const shown = outcome ?? last;
  const refused = shown?.result.results.filter((r) => !r.ok) ?? [];

  return (
    <Dialog open={outcome !== null} onOpenChange={(o) => (o ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {shown?.title} done for {shown?.result.succeeded ?? 0} of {shown?.result.results.length ?? 0}
          </DialogTitle>
          <DialogDescription>
            {refused.length === 1 ? "One person was" : `${refused.length} people were`} left as they were. They stay
            selected.
          </DialogDescription>
        </DialogHeader>
        <Alert variant="destructive">
          <AlertTitle>Not changed</AlertTitle>
          <AlertDescription>
            <ul className="grid gap-1" data-testid="bulk-failures">
              {refused.map((r) => (
                <li key={r.userId}>
                  <span className="font-medium">{r.name}</span>: {r.error}
                </li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
        <DialogFooter>
          <Button onClick={onClose}>OK</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
