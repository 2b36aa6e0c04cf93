"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ChangePasswordInput, changePasswordSchema } from "@toolboxai/validators";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  {
    name: "newPassword",
    label: "New password",
    autoComplete: "new-password",
    description: "At least 10 characters, mixing letters with digits or symbols.",
  },
  { name: "confirmPassword", label: "Confirm new password", autoComplete: "new-password" },
] as const;

export function PasswordForm() {
  const utils = api.useUtils();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const change = api.me.changePassword.useMutation({
    onSuccess() {
      form.reset();
      toast.success("Password changed. Your other sessions were signed out.");
      void utils.me.sessions.invalidate();
    },
    onError(error) {
      setFailure(applyServerErrors(error, form.setError));
    },
  });
  const { errors } = form.formState;

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Password</h2>
        </CardTitle>
        <CardDescription>Change the password you sign in with. Your other sessions are signed out.</CardDescription>
      </CardHeader>
      <form
        noValidate
        onSubmit={form.handleSubmit((values) => {
          setFailure(null);
          change.mutate(values);
        })}
      >
        <CardContent className="grid gap-4">
          <FormError message={failure} />
          {FIELDS.map((f) => (
            <FormField
              key={f.name}
              label={f.label}
              htmlFor={f.name}
              error={errors[f.name]?.message}
              description={"description" in f ? f.description : undefined}
            >
              <Input id={f.name} type="password" autoComplete={f.autoComplete} {...form.register(f.name)} />
            </FormField>
          ))}
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? "Changing…" : "Change password"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
