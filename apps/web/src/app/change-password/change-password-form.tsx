"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ChangePasswordInput, changePasswordSchema } from "@toolboxai/validators";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

/** Replaces the temporary password with the person's own (me.changePassword clears the flag). */
export function ChangePasswordForm() {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const change = api.me.changePassword.useMutation({
    onSuccess() {
      // This browser stays signed in; the home page sends them on to their role's home.
      router.replace("/");
      router.refresh();
    },
    onError: (error) => setFailure(applyServerErrors(error, form.setError)),
  });
  const { errors } = form.formState;
  const pending = change.isPending || change.isSuccess;

  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={form.handleSubmit((values) => {
        setFailure(null);
        change.mutate(values);
      })}
    >
      <FormError message={failure} />
      <FormField label="Temporary password" htmlFor="current-password" error={errors.currentPassword?.message}>
        <Input
          id="current-password"
          type="password"
          autoComplete="current-password"
          autoFocus
          {...form.register("currentPassword")}
        />
      </FormField>
      <FormField
        label="New password"
        htmlFor="new-password"
        error={errors.newPassword?.message}
        description="At least 10 characters, mixing letters with digits or symbols."
      >
        <Input id="new-password" type="password" autoComplete="new-password" {...form.register("newPassword")} />
      </FormField>
      <FormField label="Confirm new password" htmlFor="confirm-password" error={errors.confirmPassword?.message}>
        <Input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          {...form.register("confirmPassword")}
        />
      </FormField>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Save password and continue"}
      </Button>
      <p className="text-center text-muted-foreground text-sm">
        <Link href="/signout" className="text-primary underline-offset-4 hover:underline">
          Sign out
        </Link>
      </p>
    </form>
  );
}
