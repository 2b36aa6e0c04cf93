// The check on prompt redaction: a real pipeline run against the local OpenAI-compatible
// server, whose request names a student, sends the model placeholders only, and the drafts it
// saves carry the student's real name again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agents } from "./agents";
import { processTask } from "./pipeline";
import { type FakeOpenAI, offlineResponder, startFakeOpenAI } from "./testing/fake-openai";
import { baseRequest, createPipelineWorld, fakeOpenAIProvider, type PipelineWorld } from "./testing/pipeline-fixtures";

const NAME = "Zoë Quartermaine";
const EMAIL = "zoe.q@example.test";

let world: PipelineWorld;
let fake: FakeOpenAI;

beforeAll(async () => {
  world = await createPipelineWorld();
  fake = await startFakeOpenAI({ default: { respond: offlineResponder(agents) } });
  const { organizationId } = world.teacher;
  await world.t.db.user.createMany({
    data: [
      { organizationId, name: NAME, email: EMAIL, role: "STUDENT", passwordHash: "x" },
      {
        organizationId,
        name: "Priya Vandersloot",
        email: "priya.parent@example.test",
        role: "PARENT",
        passwordHash: "x",
      },
    ],
  });
});
afterAll(async () => {
  await fake?.close();
  await world?.close();
});

describe("prompt redaction in the pipeline", () => {
  it("sends the model no student's name or email, and restores the name in the drafts", async () => {
    const id = await world.newTask({
      ...baseRequest,
      parts: ["lesson", "quiz"],
      standards: [],
      topic: `Fractions practice for ${NAME}`,
      notes: `Written for ${NAME} (${EMAIL}); her parent Priya Vandersloot asked for word problems. Zoë likes pizza.`,
    });
    expect(await processTask(world.deps(fakeOpenAIProvider(fake)), id, { number: 1, max: 1 })).toBe("completed");

    expect(fake.requests.length).toBeGreaterThan(2);
    for (const body of fake.requests) {
      const sent = JSON.stringify(body);
      expect(sent).not.toMatch(/Zo[eë]|Quartermaine|zoe\.q@|Vandersloot|priya\.parent/i);
    }
    const supervisor = JSON.stringify(fake.requests[0]);
    expect(supervisor).toContain("[STUDENT_1]");
    expect(supervisor).toContain("[EMAIL_1]");
    expect(supervisor).toContain("[PARENT_1]");

    const outputs = (await world.executions(id)).map((e) => JSON.stringify(e.output));
    expect(outputs.join("\n")).toContain(NAME);
    expect(outputs.join("\n")).not.toMatch(/\[(STUDENT|PARENT|EMAIL)_\d+/);
    const items = await world.t.db.contentItem.findMany({ where: { agentTaskId: id }, select: { title: true } });
    expect(items.some((i) => i.title.includes(NAME))).toBe(true);
  });
});
