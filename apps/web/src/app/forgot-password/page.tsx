import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthLayout } from "~/components/auth-layout";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { ROLE_HOME } from "~/lib/role-home";
import { getActor } from "~/server/auth/session";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  const actor = await getActor();
  if (actor) redirect(ROLE_HOME[actor.role]);
  return (
    <AuthLayout>
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Forgot your password?</h1>
          </CardTitle>
          <CardDescription>
            Enter the email you sign in with. We'll send it a link to choose a new password.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ForgotPasswordForm />
        </CardContent>
        <CardFooter className="justify-center text-sm">
          <Link href="/signin" className="text-primary underline-offset-4 hover:underline">
            Back to sign in
          </Link>
        </CardFooter>
      </Card>
    </AuthLayout>
  );
}
