import type { Metadata } from "next";
import { ClassList } from "~/components/classes/class-list";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { JoinClassCard } from "./join-class-card";
import { MyAssignments } from "./my-assignments";
import { StudentAttention } from "./student-attention";

export const metadata: Metadata = { title: "My learning" };

export default async function StudentHome() {
  const actor = await requireRole("STUDENT");
  void api.classes.list.prefetch({});
  void api.home.student.prefetch();
  void api.assignments.mine.prefetch();
  return (
    <HydrateClient>
      <PageHeader
        title={`Hi ${actor.name.split(" ")[0]}!`}
        description="What's due, what came back, and everything assigned to you."
      />
      <div className="grid gap-6">
        <StudentAttention />
        <JoinClassCard />
        <section aria-labelledby="assigned-to-you" className="grid gap-3">
          <h2 id="assigned-to-you" className="font-semibold text-lg">
            Assigned to you
          </h2>
          <MyAssignments />
        </section>
        <section aria-labelledby="my-classes" className="grid gap-3">
          <h2 id="my-classes" className="font-semibold text-lg">
            My classes
          </h2>
          <ClassList
            linkBase="/student/classes/"
            empty={{
              title: "You're not in a class yet",
              description: "Ask your teacher for the class code and type it above.",
            }}
          />
        </section>
      </div>
    </HydrateClient>
  );
}
