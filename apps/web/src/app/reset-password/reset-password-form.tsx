"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ResetPasswordInput, resetPasswordSchema } from "@toolboxai/validators";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

/** Sets the new password with the link's token, then signs in with it (or sends to sign-in). */
export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ResetPasswordInput>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { token, password: "", confirmPassword: "" },
  });
  const complete = api.passwordReset.complete.useMutation({
    onError: (error) => setFailure(applyServerErrors(error, form.setError)),
  });

  async function onSubmit(values: ResetPasswordInput) {
    setFailure(null);
    const result = await complete.mutateAsync(values).catch(() => null);
    if (!result) return;
    const signedIn = await signIn("credentials", { email: result.email, password: values.password, redirect: false });
    if (!signedIn || signedIn.error) {
      router.replace("/signin?reset=done");
      return;
    }
    router.replace("/");
    router.refresh();
  }

  const { errors, isSubmitting } = form.formState;
  return (
    <form noValidate className="grid gap-4" onSubmit={form.handleSubmit(onSubmit)}>
      <FormError message={failure} />
      <FormField
        label="New password"
        htmlFor="new-password"
        error={errors.password?.message}
        description="At least 10 characters, mixing letters with digits or symbols."
      >
        <Input id="new-password" type="password" autoComplete="new-password" autoFocus {...form.register("password")} />
      </FormField>
      <FormField label="Confirm new password" htmlFor="confirm-password" error={errors.confirmPassword?.message}>
        <Input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          {...form.register("confirmPassword")}
        />
      </FormField>
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? "Saving…" : "Set password and sign in"}
      </Button>
    </form>
  );
}
