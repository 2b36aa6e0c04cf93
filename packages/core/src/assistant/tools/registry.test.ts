// The registry decides which tools an actor has (role, and an API key's scopes), refuses the
// others, checks the input before anything runs, offers the model JSON Schemas, and audits every
// call with the request's correlation id. On a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, createDomainWorld, type DomainWorld, domainErrorOf } from "../../testing";
import { conversationToolsFor, runTool, toolsFor } from "./registry";

let w: DomainWorld;
let teacher: Actor;
let student: Actor;

beforeAll(async () => {
  w = await createDomainWorld();
  teacher = await w.actor("a", "TEACHER");
  student = await w.actor("a", "STUDENT");
});
afterAll(async () => {
  await w?.t.close();
});

const chat = { via: "chat" } as const;
const STUDENT_TOOLS = ["my_assignments", "my_results", "explain_concept"];
const TEACHER_TOOLS = [
  "list_my_classes",
  "class_summary",
  "search_content",
  "open_content",
  "draft_lesson",
  "draft_quiz",
  "draft_roblox_environment",
  "task_status",
  "gradebook_summary",
  "student_progress",
];

/** The teacher through an API key holding `scopes`. */
const keyOf = (actor: Actor, scopes: string[]): Actor => ({ ...actor, apiKeyId: "key-1", scopes });

describe("who has which tools", () => {
  it("a student has only the student tools, and a teacher only the teacher tools", async () => {
    expect(toolsFor(student).map((t) => t.name)).toEqual(STUDENT_TOOLS);
    expect(toolsFor(teacher).map((t) => t.name)).toEqual(TEACHER_TOOLS);
    expect(toolsFor(await w.actor("a", "ADMIN")).map((t) => t.name)).toEqual(TEACHER_TOOLS);
    expect(toolsFor(await w.actor("a", "PARENT"))).toEqual([]);
  });

  it("a student calling a teacher tool is refused", async () => {
    const error = await domainErrorOf(runTool(w.svc(student), "list_my_classes", {}, chat));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("The List my classes tool is not available to students.");
  });

  it("an API key without content:read neither sees nor may call search_content", async () => {
    const key = keyOf(teacher, ["classes:read"]);
    expect(toolsFor(key).map((t) => t.name)).toEqual(["list_my_classes"]);
    const error = await domainErrorOf(runTool(w.svc(key), "search_content", { query: "cells" }, { via: "mcp" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("This API key lacks the scope content:read.");
  });

  it("an API key holding content:read may search", async () => {
    const key = keyOf(teacher, ["content:read"]);
    const { output } = await runTool(w.svc(key), "search_content", { query: "cells" }, { via: "mcp" });
    expect(output).toEqual({ items: [] });
  });

  it("an unknown tool is not found", async () => {
    const error = await domainErrorOf(runTool(w.svc(teacher), "delete_everything", {}, chat));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("input", () => {
  it("a bad input is INVALID with a message next to its field", async () => {
    const error = await domainErrorOf(runTool(w.svc(teacher), "draft_lesson", { topic: "x" }, chat));
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors).toEqual({ topic: ["Describe the topic in a few words"] });
  });

  it("the model's arguments may come as JSON text", async () => {
    const error = await domainErrorOf(runTool(w.svc(teacher), "class_summary", '{"classId":""}', chat));
    expect(error.fieldErrors).toEqual({ classId: ["Required"] });
    const broken = await domainErrorOf(runTool(w.svc(teacher), "class_summary", "{classId", chat));
    expect(broken.code).toBe("INVALID");
  });

  it("conversationToolsFor offers each tool's input as an object JSON Schema", () => {
    const tools = conversationToolsFor(teacher);
    expect(tools.map((t) => t.name)).toEqual(TEACHER_TOOLS);
    for (const tool of tools) {
      expect(tool.parameters).toMatchObject({ type: "object" });
      expect(tool.description.length).toBeGreaterThan(20);
    }
    expect(tools.find((t) => t.name === "draft_lesson")?.parameters).toMatchObject({
      type: "object",
      properties: { topic: { type: "string" }, gradeLevel: { enum: expect.arrayContaining(["7"]) } },
      required: ["topic"],
    });
  });
});

describe("audit", () => {
  it("a call writes an assistant.tool_call row carrying the correlation id", async () => {
    const ctx = { ...w.svc(teacher), correlationId: "chain-tool-ok" };
    await runTool(ctx, "list_my_classes", {}, { via: "chat", conversationId: "conv-1" });
    const row = await w.t.db.auditLog.findFirstOrThrow({ where: { correlationId: "chain-tool-ok" } });
    expect(row).toMatchObject({
      action: "assistant.tool_call",
      actorId: teacher.userId,
      targetId: "list_my_classes",
      metadata: { tool: "list_my_classes", via: "chat", conversationId: "conv-1", ok: true },
    });
  });

  it("a refused or failing call is audited too, with its error", async () => {
    const ctx = { ...w.svc(student), correlationId: "chain-tool-refused" };
    await domainErrorOf(runTool(ctx, "class_summary", { classId: "nope" }, { via: "mcp" }));
    const failing = { ...w.svc(teacher), correlationId: "chain-tool-failed" };
    await domainErrorOf(runTool(failing, "class_summary", { classId: "missing-class" }, chat));
    const rows = await w.t.db.auditLog.findMany({
      where: { correlationId: { in: ["chain-tool-refused", "chain-tool-failed"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.correlationId, r.action, r.metadata])).toEqual([
      [
        "chain-tool-refused",
        "assistant.tool_call",
        expect.objectContaining({
          via: "mcp",
          ok: false,
          code: "FORBIDDEN",
          error: expect.stringContaining("students"),
        }),
      ],
      [
        "chain-tool-failed",
        "assistant.tool_call",
        expect.objectContaining({ via: "chat", ok: false, code: "NOT_FOUND", error: "Class not found" }),
      ],
    ]);
  });
});
