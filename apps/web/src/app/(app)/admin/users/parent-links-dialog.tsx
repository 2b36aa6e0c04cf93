"use client";

import type { UserView } from "@toolboxai/validators";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { SearchInput } from "~/components/ui/search-input";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";

interface Child {
  id: string;
  name: string;
  email: string;
}

/** An admin links a parent to their children (students of the organization) and unlinks them. */
export function ParentLinksDialog({ parent, onClose }: { parent: UserView | null; onClose: () => void }) {
  const [search, setSearch] = useState("");
  const [studentId, setStudentId] = useState("");
  const [unlinkTarget, setUnlinkTarget] = useState<Child | null>(null);
  const term = useDebounced(search.trim(), 250);
  const utils = api.useUtils();
  const open = parent !== null;
  const links = api.users.parentLinks.useQuery({ parentId: parent?.id ?? "" }, { enabled: open });
  const students = api.users.list.useQuery(
    { role: "STUDENT", status: "active", search: term || undefined, pageSize: 50 },
    { enabled: open },
  );
  const link = api.users.linkParent.useMutation({
    onSuccess(data) {
      utils.users.parentLinks.setData({ parentId: data.parentId }, data);
      const child = data.children.find((c) => c.id === studentId);
      toast.success(`${parent?.name} is linked to ${child?.name ?? "the child"}`);
      setStudentId("");
    },
  });
  const unlink = api.users.unlinkParent.useMutation({
    onSuccess(data) {
      utils.users.parentLinks.setData({ parentId: data.parentId }, data);
      toast.success(`${unlinkTarget?.name} was unlinked from ${parent?.name}`);
      setUnlinkTarget(null);
    },
    onError: (error) => toast.error(error.message),
  });
  useEffect(() => {
    if (parent) {
      setSearch("");
      setStudentId("");
      link.reset();
    }
  }, [parent]);

  const linkedIds = new Set(links.data?.children.map((c) => c.id));
  const candidates = students.data?.items.filter((s) => !linkedIds.has(s.id)) ?? [];

  return (
    <>
      <Dialog open={open} onOpenChange={(o) => (o ? undefined : onClose())}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Children of {parent?.name}</DialogTitle>
            <DialogDescription>
              A linked parent sees their child's work and can message the teachers of their child's classes.
            </DialogDescription>
          </DialogHeader>
          {link.error ? (
            <Alert variant="destructive">
              <AlertDescription>{link.error.message}</AlertDescription>
            </Alert>
          ) : null}
          <section aria-label="Linked children" className="grid gap-2">
            {links.error ? (
              <p className="text-destructive text-sm">Couldn't load the linked children.</p>
            ) : !links.data ? (
              <p className="text-muted-foreground text-sm">Loading…</p>
            ) : links.data.children.length === 0 ? (
              <p className="text-muted-foreground text-sm">No children linked yet.</p>
            ) : (
              <ul className="grid gap-2">
                {links.data.children.map((child) => (
                  <li key={child.id} className="flex items-center justify-between gap-2 rounded-md border p-2">
                    <div className="min-w-0">
                      <div className="truncate font-medium text-sm">{child.name}</div>
                      <div className="truncate text-muted-foreground text-xs">{child.email}</div>
                    </div>
                    <Button variant="outline" size="sm" onClick={() => setUnlinkTarget(child)}>
                      Unlink
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div className="grid gap-1.5">
            <Label htmlFor="link-child-search">Find a student</Label>
            <SearchInput
              id="link-child-search"
              placeholder="Name or email"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <Label htmlFor="link-child" className="mt-2">
              Student to link
            </Label>
            <NativeSelect id="link-child" value={studentId} onChange={(e) => setStudentId(e.target.value)}>
              <option value="">{candidates.length === 0 ? "No students match" : "Choose a student"}</option>
              {candidates.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.email})
                </option>
              ))}
            </NativeSelect>
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={onClose}>
              Done
            </Button>
            <Button
              disabled={!parent || !studentId || link.isPending}
              onClick={() => parent && link.mutate({ parentId: parent.id, studentIds: [studentId] })}
            >
              {link.isPending ? "Linking…" : "Link child"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <ConfirmDialog
        open={unlinkTarget !== null}
        onClose={() => setUnlinkTarget(null)}
        title={`Unlink ${unlinkTarget?.name}?`}
        description={`${parent?.name} will no longer see ${unlinkTarget?.name}'s work or be able to message their teachers. Their past messages are kept.`}
        destructive
        pending={unlink.isPending}
        confirmLabel="Unlink"
        pendingLabel="Unlinking…"
        onConfirm={() => parent && unlinkTarget && unlink.mutate({ parentId: parent.id, studentId: unlinkTarget.id })}
      />
    </>
  );
}
