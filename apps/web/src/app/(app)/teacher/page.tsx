import { School } from "lucide-react";
import type { Metadata } from "next";
import { RoleHome } from "~/components/role-home";
import { requireRole } from "~/server/auth/session";

export const metadata: Metadata = { title: "Teacher" };

export default async function TeacherHome() {
  const actor = await requireRole("TEACHER");
  return (
    <RoleHome
      greeting={`Good to see you, ${actor.name.split(" ")[0]}`}
      description="Your classes, content and what needs your attention."
      empty={{
        icon: School,
        title: "No classes yet",
        description: "Your classes, lessons and quizzes will appear here once you create them.",
      }}
    />
  );
}
