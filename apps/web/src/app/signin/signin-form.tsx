"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { SIGN_IN_FAILED_MESSAGE, type SignInInput, signInSchema } from "@toolboxai/validators";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { tooManyAttemptsMessage, tooManyAttemptsWait } from "./too-many-attempts";

/** What the page says about a failed sign-in, from next-auth's error code. */
function failureMessage(error: string | null | undefined): string {
  const wait = tooManyAttemptsWait(error);
  if (wait !== null) return tooManyAttemptsMessage(wait);
  return error && error !== "CredentialsSignin"
    ? "Sign-in is unavailable right now. Try again in a moment."
    : SIGN_IN_FAILED_MESSAGE;
}

/** `error`: next-auth's error code when it sent the visitor here after a failed sign-in (`?error=`). */
export function SignInForm({ error }: { error?: string | null | undefined }) {
  const router = useRouter();
  // Only the outcomes of a sign-in are shown on arrival; other next-auth codes are not about one.
  const arrivedAfterFailure = error === "CredentialsSignin" || tooManyAttemptsWait(error) !== null;
  const [failure, setFailure] = useState<string | null>(arrivedAfterFailure ? failureMessage(error) : null);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: SignInInput) {
    setFailure(null);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setFailure(failureMessage(result?.error));
      form.setValue("password", "");
      form.setFocus("password");
      return;
    }
    // The home page sends each role to its own home, using the role stored now, not a cached one.
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="grid gap-4">
      <FormError message={failure} />
      <FormField label="Email" htmlFor="email" error={errors.email?.message}>
        <Input id="email" type="email" autoComplete="email" autoFocus {...form.register("email")} />
      </FormField>
      <FormField label="Password" htmlFor="password" error={errors.password?.message}>
        <Input id="password" type="password" autoComplete="current-password" {...form.register("password")} />
      </FormField>
      <div className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="text-primary underline-offset-4 hover:underline">
          Forgot password?
        </Link>
      </div>
      <Button type="submit" disabled={isSubmitting} className="w-full">
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
