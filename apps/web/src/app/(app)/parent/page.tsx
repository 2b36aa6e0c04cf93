import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { ChildExports } from "./child-export";
import { ChildProgress } from "./child-progress";
import { ConsentCards } from "./consent-card";

export const metadata: Metadata = { title: "My child" };

export default async function ParentHome() {
  const actor = await requireRole("PARENT");
  void api.gradebook.children.prefetch();
  return (
    <HydrateClient>
      <PageHeader
        title={`Hello, ${actor.name.split(" ")[0]}`}
        description="Your child's assignments, scores and progress."
      />
      <ConsentCards />
      <ChildProgress />
      <ChildExports />
    </HydrateClient>
  );
}
