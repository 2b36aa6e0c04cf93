"use client";

import type { UserView } from "@toolboxai/validators";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { api } from "~/trpc/react";
import { useShownUser } from "./shown-user";

/** Confirms before deactivating (signs the person out everywhere at once) or reactivating. */
export function SetActiveDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const utils = api.useUtils();
  const done = async (updated: UserView) => {
    await utils.users.list.invalidate();
    toast.success(`${updated.name} was ${updated.active ? "reactivated" : "deactivated"}`);
    onClose();
  };
  const onError = (error: { message: string }) => toast.error(error.message);
  const deactivate = api.users.deactivate.useMutation({ onSuccess: done, onError });
  const reactivate = api.users.reactivate.useMutation({ onSuccess: done, onError });
  const shown = useShownUser(user);
  const deactivating = shown?.active ?? true;
  const pending = deactivate.isPending || reactivate.isPending;

  return (
    <ConfirmDialog
      open={user !== null}
      onClose={onClose}
      title={deactivating ? `Deactivate ${shown?.name}?` : `Reactivate ${shown?.name}?`}
      description={
        deactivating
          ? "They are signed out at once and can't sign in until an admin reactivates them. Their work is kept."
          : "They can sign in again with their existing password."
      }
      destructive={deactivating}
      pending={pending}
      confirmLabel={deactivating ? "Deactivate" : "Reactivate"}
      pendingLabel="Working…"
      onConfirm={() => {
        if (!user) return;
        if (deactivating) deactivate.mutate({ userId: user.id });
        else reactivate.mutate({ userId: user.id });
      }}
    />
  );
}
