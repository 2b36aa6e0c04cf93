import type { Metadata } from "next";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { ContentEditor } from "./content-editor";

export const metadata: Metadata = { title: "Edit content" };

export default async function ContentPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("TEACHER", "ADMIN");
  const { id } = await params;
  void api.content.get.prefetch({ contentId: id });
  return (
    <HydrateClient>
      <ContentEditor contentId={id} />
    </HydrateClient>
  );
}
