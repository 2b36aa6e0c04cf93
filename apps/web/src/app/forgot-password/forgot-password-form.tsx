"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ForgotPasswordInput, forgotPasswordSchema } from "@toolboxai/validators";
import { MailCheck } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

/** Asks for the email; the answer is the same whether or not it has an account. */
export function ForgotPasswordForm() {
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const form = useForm<ForgotPasswordInput>({
    resolver: zodResolver(forgotPasswordSchema),
    defaultValues: { email: "" },
  });
  const request = api.passwordReset.request.useMutation({
    onSuccess: (result) => setSent(result.message),
    onError: (error) => setFailure(applyServerErrors(error, form.setError)),
  });

  if (sent) {
    return (
      <Alert data-testid="forgot-password-sent">
        <MailCheck className="size-4" aria-hidden />
        <AlertTitle>Check your email</AlertTitle>
        <AlertDescription>{sent}</AlertDescription>
      </Alert>
    );
  }
  const { errors } = form.formState;
  return (
    <form
      noValidate
      className="grid gap-4"
      onSubmit={form.handleSubmit((values) => {
        setFailure(null);
        request.mutate(values);
      })}
    >
      <FormError message={failure} />
      <FormField label="Email" htmlFor="forgot-email" error={errors.email?.message}>
        <Input id="forgot-email" type="email" autoComplete="email" autoFocus {...form.register("email")} />
      </FormField>
      <Button type="submit" disabled={request.isPending} className="w-full">
        {request.isPending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
