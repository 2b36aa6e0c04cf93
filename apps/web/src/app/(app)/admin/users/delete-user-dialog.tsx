"use client";

import type { UserView } from "@toolboxai/validators";
import { useEffect } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { api } from "~/trpc/react";
import { useShownUser } from "./shown-user";

/** Confirms a deletion, naming the person; a refusal (last admin, active classes) is shown in the dialog. */
export function DeleteUserDialog({
  user,
  onClose,
  onDeleted,
}: {
  user: UserView | null;
  onClose: () => void;
  /** After the deletion (the table drops the person from its selection). */
  onDeleted?: (userId: string) => void;
}) {
  const utils = api.useUtils();
  const remove = api.users.delete.useMutation({
    async onSuccess(deleted) {
      await utils.users.list.invalidate();
      toast.success(`${deleted.name} was deleted`);
      onDeleted?.(deleted.userId);
      onClose();
    },
  });
  useEffect(() => {
    if (user) remove.reset();
  }, [user]);
  const shown = useShownUser(user);

  return (
    <ConfirmDialog
      open={user !== null}
      onClose={onClose}
      title={`Delete ${shown?.name}?`}
      description={
        <>
          <span className="block">
            {shown?.name} ({shown?.email}) is signed out at once and can no longer sign in. They leave their classes and
            parent links; the work and messages they wrote stay. Their email can be used for a new account.
          </span>
          {remove.error ? (
            <span role="alert" className="mt-3 block font-medium text-destructive">
              {remove.error.message}
            </span>
          ) : null}
        </>
      }
      destructive
      pending={remove.isPending}
      confirmLabel="Delete user"
      pendingLabel="Deleting…"
      onConfirm={() => user && remove.mutate({ userId: user.id })}
    />
  );
}
