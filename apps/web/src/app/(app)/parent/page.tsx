import { HeartHandshake } from "lucide-react";
import type { Metadata } from "next";
import { RoleHome } from "~/components/role-home";
import { requireRole } from "~/server/auth/session";
import { getDb } from "~/server/db";

export const metadata: Metadata = { title: "My child" };

export default async function ParentHome() {
  const actor = await requireRole("PARENT");
  const links = await getDb().parentStudentLink.findMany({
    where: { parentId: actor.userId, organizationId: actor.orgId },
    select: { student: { select: { name: true } } },
  });
  const children = links.map((l) => l.student.name.split(" ")[0]).join(" and ");
  return (
    <RoleHome
      greeting={`Hello, ${actor.name.split(" ")[0]}`}
      description={children ? `Following ${children}'s learning.` : "No child is linked to your account yet."}
      empty={{
        icon: HeartHandshake,
        title: "No progress to show yet",
        description: "Assignments, scores and progress will appear here as your child's teachers assign work.",
      }}
    />
  );
}
