import { mustChangePassword } from "@toolboxai/core";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthLayout } from "~/components/auth-layout";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { getActor } from "~/server/auth/session";
import { getDb } from "~/server/db";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Choose your password" };

/**
 * Where a person who signed in with a temporary password (set by an admin) chooses their own
 * before anything else: the signed-in layout sends them here until they have. Anyone else is sent
 * on to their home (the account page changes a password otherwise).
 */
export default async function ChangePasswordPage() {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  if (!(await mustChangePassword(getDb(), actor.userId))) redirect("/");
  return (
    <AuthLayout>
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Choose your password</h1>
          </CardTitle>
          <CardDescription>
            You signed in with a temporary password from your school. Choose a password of your own to continue.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
    </AuthLayout>
  );
}
