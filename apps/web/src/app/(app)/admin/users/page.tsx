import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { CreateUserDialog } from "./create-user-dialog";
import { ImportPeopleLink } from "./import/import-link";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireRole("ADMIN");
  void api.users.list.prefetch({});
  return (
    <HydrateClient>
      <PageHeader
        title="Users"
        description="Everyone in your organization. Add people, edit their details, reset passwords, change roles, deactivate or delete accounts."
        actions={
          <>
            <ImportPeopleLink />
            <CreateUserDialog />
          </>
        }
      />
      <UsersTable currentUserId={actor.userId} />
    </HydrateClient>
  );
}
