"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type UpdateUserInput, type UserView, updateUserSchema } from "@toolboxai/validators";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
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
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";
import { useShownUser } from "./shown-user";

type FormValues = z.input<typeof updateUserSchema>;

/** An admin edits a person's name and email; an email another account of the school uses is refused at the field. */
export function EditUserDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const utils = api.useUtils();
  const form = useForm<FormValues, unknown, UpdateUserInput>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: { userId: "", name: "", email: "" },
  });
  const update = api.users.update.useMutation({
    async onSuccess(updated) {
      await utils.users.list.invalidate();
      toast.success(`${updated.name}'s details were saved`);
      onClose();
    },
    onError(error) {
      setFailure(applyServerErrors(error, form.setError));
    },
  });
  useEffect(() => {
    if (user) {
      form.reset({ userId: user.id, name: user.name, email: user.email });
      setFailure(null);
      update.reset();
    }
  }, [user]);

  const shown = useShownUser(user);
  const { errors, isDirty } = form.formState;
  return (
    <Dialog open={user !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) => {
            setFailure(null);
            update.mutate(values);
          })}
        >
          <DialogHeader>
            <DialogTitle>Edit {shown?.name}</DialogTitle>
            <DialogDescription>
              They sign in with the new email from now on. Their password and sessions stay as they are.
            </DialogDescription>
          </DialogHeader>
          <FormError message={failure} />
          <FormField label="Full name" htmlFor="edit-name" error={errors.name?.message}>
            <Input id="edit-name" autoComplete="off" {...form.register("name")} />
          </FormField>
          <FormField label="Email" htmlFor="edit-email" error={errors.email?.message}>
            <Input id="edit-email" type="email" autoComplete="off" {...form.register("email")} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!isDirty || update.isPending}>
              {update.isPending ? "Saving…" : "Save changes"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
