import type { Metadata } from "next";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/server/auth/session";
import { api, HydrateClient } from "~/trpc/server";
import { QuestionBank } from "./question-bank";
import { NewQuestionButton } from "./question-editor-dialog";

export const metadata: Metadata = { title: "Question bank" };

export default async function QuestionBankPage() {
  await requireRole("TEACHER", "ADMIN");
  void api.questions.list.prefetch({});
  return (
    <HydrateClient>
      <PageHeader
        title="Question bank"
        description="Reusable quiz questions. Share them with your organization's teachers, and draw them into quizzes by tag."
        actions={<NewQuestionButton />}
      />
      <QuestionBank />
    </HydrateClient>
  );
}
