"use client";

import type { UserView } from "@toolboxai/validators";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "~/components/ui/alert-dialog";
import { api } from "~/trpc/react";

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
  const deactivating = user?.active ?? true;
  const pending = deactivate.isPending || reactivate.isPending;

  return (
    <AlertDialog open={user !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>
            {deactivating ? `Deactivate ${user?.name}?` : `Reactivate ${user?.name}?`}
          </AlertDialogTitle>
          <AlertDialogDescription>
            {deactivating
              ? "They are signed out at once and can't sign in until an admin reactivates them. Their work is kept."
              : "They can sign in again with their existing password."}
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            disabled={pending}
            className={deactivating ? "bg-destructive text-destructive-foreground hover:bg-destructive/90" : undefined}
            onClick={(e) => {
              e.preventDefault();
              if (!user) return;
              if (deactivating) deactivate.mutate({ userId: user.id });
              else reactivate.mutate({ userId: user.id });
            }}
          >
            {pending ? "Working…" : deactivating ? "Deactivate" : "Reactivate"}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
