// Shared set-up for the pipeline's tests: a migrated test database with an organization and a
// teacher, a bare materializer, task helpers, and the OpenAI provider pointed at the local fake.
import { createTestDatabase } from "@toolboxai/db/testing";
import { type GenerateRequestInput, generateRequestSchema } from "@toolboxai/validators";
import type { PipelineDeps } from "../pipeline-context";
import { createOpenAIProvider } from "../providers/openai";
import { createResilientProvider, type ResilienceInput, type ResilientProvider } from "../resilience";
import type { Materializer } from "../task-types";
import type { ModelProvider } from "../types";
import type { FakeChatRequestBody, FakeOpenAI } from "./fake-openai";

/** Saves each part as a bare content row, once per task and type (the web app's materializer does more). */
export const materialize: Materializer = async ({ db, task, drafts }) => {
  const parts = [
    drafts.lesson && { part: "lesson" as const, type: "LESSON" as const, title: drafts.lesson.title },
    drafts.quiz && { part: "quiz" as const, type: "QUIZ" as const, title: drafts.quiz.title },
    drafts.terrain && { part: "environment" as const, type: "ENVIRONMENT" as const, title: drafts.terrain.name },
  ].filter((p) => !!p);
  const items = [];
  for (const p of parts) {
    const existing = await db.contentItem.findFirst({ where: { agentTaskId: task.id, type: p.type } });
    const row =
      existing ??
      (await db.contentItem.create({
        data: {
          organizationId: task.organizationId,
          authorId: task.createdById,
          agentTaskId: task.id,
          type: p.type,
          title: p.title,
          subject: drafts.request.subject,
          gradeLevel: drafts.request.gradeLevel,
          body: {},
          status: "GENERATED",
          generated: true,
        },
      }));
    items.push({ part: p.part, contentId: row.id, type: p.type, title: row.title });
  }
  return items;
};

export const baseRequest: GenerateRequestInput = {
  topic: "Photosynthesis",
  subject: "Life Science",
  gradeLevel: "7",
  parts: ["lesson", "quiz", "environment"],
  standards: ["MS-LS1-6"],
  questionCount: 4,
};

/** A lesson alone: the plan is supervisor, content, review. */
export const lessonOnly: GenerateRequestInput = { ...baseRequest, parts: ["lesson"], standards: [] };

export interface Teacher {
  organizationId: string;
  userId: string;
}

export type PipelineWorld = Awaited<ReturnType<typeof createPipelineWorld>>;

export async function createPipelineWorld() {
  const t = await createTestDatabase();
  const newOrganization = async (slug: string): Promise<Teacher> => {
    const org = await t.db.organization.create({ data: { name: `${slug} School`, slug } });
    const user = await t.db.user.create({
      data: { organizationId: org.id, email: `t@${slug}.test`, name: "Teacher", role: "TEACHER", passwordHash: "x" },
    });
    return { organizationId: org.id, userId: user.id };
  };
  const teacher = await newOrganization("pipeline");

  return {
    t,
    /** The default organization and teacher that tasks belong to. */
    teacher,
    /** Another organization with its own teacher. */
    newOrganization,
    async newTask(
      request: GenerateRequestInput = baseRequest,
      options: { provider?: string; owner?: Teacher } = {},
    ): Promise<string> {
      const owner = options.owner ?? teacher;
      const row = await t.db.agentTask.create({
        data: {
          organizationId: owner.organizationId,
          createdById: owner.userId,
          request: generateRequestSchema.parse(request),
          provider: options.provider ?? "test",
          model: "test",
        },
      });
      return row.id;
    },
    deps: (provider: ModelProvider, extra: Partial<PipelineDeps> = {}): PipelineDeps => ({
      db: t.db,
      provider,
      materialize,
      publisher: { publish() {} },
      cancelPollMs: 50,
      ...extra,
    }),
    task: (id: string) => t.db.agentTask.findUniqueOrThrow({ where: { id } }),
    /** The task's executions, in the order they started. */
    executions: (id: string) => t.db.agentExecution.findMany({ where: { taskId: id }, orderBy: { startedAt: "asc" } }),
    close: () => t.close(),
  };
}

/** The real `openai` SDK against the local fake, behind the resilience policies. */
export function fakeOpenAIProvider(fake: FakeOpenAI, resilience: ResilienceInput = {}): ResilientProvider {
  return createResilientProvider(createOpenAIProvider({ apiKey: "test", model: "fake-model", baseURL: fake.url }), {
    timeoutMs: 2_000,
    baseDelayMs: 10,
    maxDelayMs: 50,
    ...resilience,
  });
}

/** The agent a request to the fake was for (the JSON schema's name). */
export function agentOf(body: FakeChatRequestBody): string | undefined {
  return body.response_format?.json_schema?.name;
}
