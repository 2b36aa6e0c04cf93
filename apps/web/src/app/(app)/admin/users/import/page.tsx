import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "~/components/page-header";
import { buttonVariants } from "~/components/ui/button";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { ImportWizard } from "./import-wizard";

export const metadata: Metadata = { title: "Import people" };

export default async function ImportUsersPage() {
  await requireRole("ADMIN");
  void api.imports.list.prefetch({ limit: 10 });
  return (
    <HydrateClient>
      <PageHeader
        title="Import people"
        description="Add or update many people at once from a CSV file or your student information system's OneRoster export. Check the file first: nothing is written until you import."
        actions={
          <Link href="/admin/users" className={buttonVariants({ variant: "outline" })}>
            <ArrowLeft className="size-4" aria-hidden /> Back to users
          </Link>
        }
      />
      <ImportWizard />
    </HydrateClient>
  );
}
