import { BookOpen } from "lucide-react";
import type { Metadata } from "next";
import { RoleHome } from "~/components/role-home";
import { requireRole } from "~/server/auth/session";

export const metadata: Metadata = { title: "My learning" };

export default async function StudentHome() {
  const actor = await requireRole("STUDENT");
  return (
    <RoleHome
      greeting={`Hi ${actor.name.split(" ")[0]}!`}
      description="What's assigned to you, what's due soon, and how you're doing."
      empty={{
        icon: BookOpen,
        title: "Nothing assigned yet",
        description: "When your teacher assigns a lesson or a quiz, it shows up here.",
      }}
    />
  );
}
