import type { Metadata } from "next";
import { CreateKeyDialog } from "~/components/api-keys/create-key-dialog";
import { DocsLink } from "~/components/api-keys/docs-link";
import { KeysTable } from "~/components/api-keys/keys-table";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";

export const metadata: Metadata = { title: "API keys" };

export default async function TeacherApiKeysPage() {
  const actor = await requireRole("TEACHER");
  void api.apiKeys.list.prefetch();
  return (
    <HydrateClient>
      <PageHeader
        title="API keys"
        description="Keys for your own tools and plugins, such as the Roblox Studio plugin. A key acts as you, with only the scopes you give it."
        actions={
          <>
            <DocsLink />
            <CreateKeyDialog actorRole="TEACHER" />
          </>
        }
      />
      <KeysTable showOwner={false} currentUserId={actor.userId} />
    </HydrateClient>
  );
}
