import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  await requireRole();
  void api.me.get.prefetch();
  return (
    <HydrateClient>
      <PageHeader title="Account" description="Your profile and password." />
      <div className="grid max-w-2xl gap-6">
        <ProfileForm />
        <PasswordForm />
      </div>
    </HydrateClient>
  );
}
