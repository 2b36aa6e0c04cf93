import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

/** The organization's settings: name, time zone, grades, sign-in domains, retention, AI and erasure. */
export default async function AdminSettingsPage() {
  await requireRole("ADMIN");
  void api.organization.get.prefetch();
  return (
    <HydrateClient>
      <PageHeader
        title="Settings"
        description="How your school appears and works: its name and time zone, how grades show, who may sign in, how long records are kept and how the AI may be used."
      />
      <SettingsForm />
    </HydrateClient>
  );
}
