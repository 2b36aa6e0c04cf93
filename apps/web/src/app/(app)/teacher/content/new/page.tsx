import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { TYPE_LABEL } from "../content-badges";
import { NewContentForm } from "./new-content-form";

export const metadata: Metadata = { title: "New content" };

const CREATABLE = ["LESSON", "QUIZ", "ACTIVITY"] as const;
type Creatable = (typeof CREATABLE)[number];

export default async function NewContentPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  await requireRole("TEACHER", "ADMIN");
  const { type: requested } = await searchParams;
  const type: Creatable = CREATABLE.find((t) => t === requested) ?? "LESSON";
  return (
    <>
      <PageHeader
        title={`New ${TYPE_LABEL[type].toLowerCase()}`}
        description="It starts as a draft: only you (and admins) see it until you publish it."
      />
      <NewContentForm type={type} />
    </>
  );
}
