import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { DataExportCard } from "./data-export-card";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";
import { SessionsCard } from "./sessions-card";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  await requireRole();
  void api.me.get.prefetch();
  void api.me.sessions.prefetch();
  return (
    <HydrateClient>
      <PageHeader title="Account" description="Your profile, password and sessions." />
      <div className="grid max-w-2xl gap-6">
        <ProfileForm />
        <PasswordForm />
        <SessionsCard />
        <DataExportCard />
      </div>
    </HydrateClient>
  );
}
