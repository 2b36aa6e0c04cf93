import type { ResetTokenStatus } from "@toolboxai/validators";
import type { Metadata } from "next";
import Link from "next/link";
import { AuthLayout } from "~/components/auth-layout";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "~/components/ui/card";
import { api } from "~/trpc/server";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

const REFUSED: Record<
  Exclude<ResetTokenStatus, { valid: true }>["reason"] | "missing",
  { title: string; text: string }
> = {
  missing: { title: "This link is incomplete", text: "Open the whole link from your email, or ask for a new one." },
  unknown: { title: "This link doesn't work", text: "It may have been replaced by a newer link. Ask for a new one." },
  used: { title: "This link has already been used", text: "Each link works once. Ask for a new one if you need it." },
  expired: { title: "This link has expired", text: "Links work for 24 hours. Ask for a new one." },
};

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const given = typeof token === "string" && token.trim() && token.length <= 200 ? token.trim() : null;
  const status: ResetTokenStatus | null = given ? await api.passwordReset.status({ token: given }) : null;

  if (!given || !status?.valid) {
    const refusal = REFUSED[status && !status.valid ? status.reason : "missing"];
    return (
      <AuthLayout>
        <Card data-testid="reset-link-refused">
          <CardHeader>
            <CardTitle>
              <h1>{refusal.title}</h1>
            </CardTitle>
            <CardDescription>{refusal.text}</CardDescription>
          </CardHeader>
          <CardFooter className="flex justify-between gap-2 text-sm">
            <Link href="/signin" className="text-primary underline-offset-4 hover:underline">
              Back to sign in
            </Link>
            <Link href="/forgot-password" className="text-primary underline-offset-4 hover:underline">
              Ask for a new link
            </Link>
          </CardFooter>
        </Card>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <Card>
        <CardHeader>
          <CardTitle>
            <h1>Choose a new password</h1>
          </CardTitle>
          <CardDescription>
            For {status.email}. You'll be signed in with it, and signed out everywhere else.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ResetPasswordForm token={given} />
        </CardContent>
      </Card>
    </AuthLayout>
  );
}
