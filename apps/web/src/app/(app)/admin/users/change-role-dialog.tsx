"use client";

import { type Role, roles, type UserView } from "@toolboxai/validators";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { ROLE_LABEL } from "~/components/app-shell";
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
import { api } from "~/trpc/react";
import { useShownUser } from "./shown-user";

export function ChangeRoleDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const [role, setRole] = useState<Role>("TEACHER");
  const utils = api.useUtils();
  const change = api.users.changeRole.useMutation({
    async onSuccess(updated) {
      await utils.users.list.invalidate();
      toast.success(`${updated.name} is now ${ROLE_LABEL[updated.role].toLowerCase()}`);
      onClose();
    },
  });
  useEffect(() => {
    if (user) {
      setRole(user.role);
      change.reset();
    }
  }, [user]);
  const shown = useShownUser(user);

  return (
    <Dialog open={user !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Change role</DialogTitle>
          <DialogDescription>{shown?.name} sees the pages of their new role on their next page load.</DialogDescription>
        </DialogHeader>
        {change.error ? (
          <Alert variant="destructive">
            <AlertDescription>{change.error.message}</AlertDescription>
          </Alert>
        ) : null}
        <div className="grid gap-1.5">
          <Label htmlFor="change-role">Role</Label>
          <NativeSelect id="change-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
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
          <Button
            disabled={!user || role === user.role || change.isPending}
            onClick={() => user && change.mutate({ userId: user.id, role })}
          >
            {change.isPending ? "Saving…" : "Save role"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
