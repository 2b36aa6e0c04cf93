import type { Metadata } from "next";
import { CreateKeyDialog } from "~/components/api-keys/create-key-dialog";
import { DocsLink } from "~/components/api-keys/docs-link";
import { KeysTable } from "~/components/api-keys/keys-table";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";

export const metadata: Metadata = { title: "API keys" };

export default async function AdminApiKeysPage() {
  const actor = await requireRole("ADMIN");
  void api.apiKeys.list.prefetch();
  return (
    <HydrateClient>
      <PageHeader
        title="API keys"
        description="Keys for your organization's services and plugins, and every key your teachers made. Rotate a key to replace it, revoke one to stop it at once."
        actions={
          <>
            <DocsLink />
            <CreateKeyDialog actorRole="ADMIN" />
          </>
        }
      />
      <KeysTable showOwner currentUserId={actor.userId} />
    </HydrateClient>
  );
}
