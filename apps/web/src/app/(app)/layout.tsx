import { mustChangePassword } from "@toolboxai/core";
import { redirect } from "next/navigation";
import { AppShell } from "~/components/app-shell";
import { LiveUpdates } from "~/components/realtime/live-updates";
import { RealtimeProvider } from "~/components/realtime/realtime-provider";
import { env } from "~/env";
import { getActor } from "~/server/auth/session";
import { getDb } from "~/server/db";

/** Every signed-in page. The actor is re-read from the database on each request. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  // Signed in with a temporary password an admin set: they choose their own before anything else.
  if (await mustChangePassword(getDb(), actor.userId)) redirect("/change-password");
  const org = await getDb().organization.findUnique({ where: { id: actor.orgId }, select: { name: true } });
  return (
    <RealtimeProvider
      config={env.realtime?.client ?? null}
      user={{ userId: actor.userId, orgId: actor.orgId, role: actor.role }}
    >
      <LiveUpdates />
      <AppShell user={{ name: actor.name, email: actor.email, role: actor.role, organization: org?.name ?? "" }}>
        {children}
      </AppShell>
    </RealtimeProvider>
  );
}
