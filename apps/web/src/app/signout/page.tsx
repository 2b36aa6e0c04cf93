import type { Metadata } from "next";
import { AuthLayout } from "~/components/auth-layout";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { SignOutButtons } from "./signout-buttons";

export const metadata: Metadata = { title: "Sign out" };

export default function SignOutPage() {
  return (
    <AuthLayout>
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Sign out?</h1>
          </CardTitle>
          <CardDescription>You will need your email and password to sign in again.</CardDescription>
        </CardHeader>
        <CardFooter className="flex justify-end gap-2">
          <SignOutButtons />
        </CardFooter>
      </Card>
    </AuthLayout>
  );
}
