import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthLayout } from "~/components/auth-layout";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { ROLE_HOME } from "~/lib/role-home";
import { getActor } from "~/server/auth/session";
import { SignInForm } from "./signin-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[]; reset?: string | string[] }>;
}) {
  const actor = await getActor();
  const { error, reset } = await searchParams;
  if (actor) redirect(ROLE_HOME[actor.role]);
  return (
    <AuthLayout>
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Sign in</h1>
          </CardTitle>
          <CardDescription>
            {reset === "done"
              ? "Your password was changed. Sign in with the new one."
              : "Use the email and password your school gave you."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm error={typeof error === "string" ? error : null} />
        </CardContent>
      </Card>
    </AuthLayout>
  );
}
