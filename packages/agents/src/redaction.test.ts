import { describe, expect, it } from "vitest";
import { createRedactor, PLACEHOLDER_NOTE, redactingProvider } from "./redaction";
import type { ChatRequest, ModelProvider } from "./types";

const people = [
  { name: "Zoë Quartermaine", email: "zoe.q@example.test", kind: "STUDENT" as const },
  { name: "Will Rose", email: "wrose@example.test", kind: "STUDENT" as const },
  { name: "Hamid Okonkwo-Baptiste", email: "hob@example.test", kind: "PARENT" as const },
];

describe("createRedactor", () => {
  const r = createRedactor(people);

  it("replaces full names and emails with stable placeholders", () => {
    expect(r.redact("Write to Zoë Quartermaine at zoe.q@example.test.")).toBe("Write to [STUDENT_1] at [EMAIL_1].");
    expect(r.redact("Zoë Quartermaine again")).toBe("[STUDENT_1] again");
    expect(r.redact("Hamid Okonkwo-Baptiste, hob@example.test")).toBe("[PARENT_1], [EMAIL_3]");
  });

  it("matches names in any letter case and without their accents, and emails in any case", () => {
    expect(r.redact("ZOE QUARTERMAINE and Zoe quartermaine, ZOE.Q@EXAMPLE.TEST")).toBe(
      "[STUDENT_1] and [STUDENT_1], [EMAIL_1]",
    );
  });

  it("replaces a first or last name alone when it is not a common word", () => {
    expect(r.redact("Zoë's quiz; ask Quartermaine.")).toBe("[STUDENT_1_FIRST]'s quiz; ask [STUDENT_1_LAST].");
  });

  it("leaves common words alone even when they are someone's name, but replaces the full name", () => {
    expect(r.redact("You will see a rose. Will Rose will too.")).toBe("You will see a rose. [STUDENT_2] will too.");
  });

  it("matches whole words only", () => {
    const ann = createRedactor([{ name: "Ann Lo", kind: "STUDENT" }]);
    expect(ann.redact("Annual plans by Ann")).toBe("Annual plans by [STUDENT_1_FIRST]");
  });

  it("restores every placeholder it issued, inside JSON strings too", () => {
    const text = "Write to Zoë Quartermaine (zoe.q@example.test); Hamid Okonkwo-Baptiste signs.";
    const issued = new Set<string>();
    const redacted = r.redact(text, issued);
    expect(redacted).toBe("Write to [STUDENT_1] ([EMAIL_1]); [PARENT_1] signs.");
    expect(r.restore(redacted, issued)).toBe(text);
    r.redactValue(["Okonkwo", "Baptiste"], issued);
    const value = {
      title: "For [STUDENT_1]",
      items: ["[email_1]", 3, null],
      nested: { who: "[PARENT_1_MIDDLE]-[PARENT_1_LAST]" },
    };
    expect(r.restoreValue(value, issued)).toEqual({
      title: "For Zoë Quartermaine",
      items: ["zoe.q@example.test", 3, null],
      nested: { who: "Okonkwo-Baptiste" },
    });
  });

  it("leaves a placeholder it did not issue as written, even one that stands for a known person", () => {
    const issued = new Set<string>();
    expect(r.redact("A note for Zoë Quartermaine; ask [STUDENT_2] and [EMAIL_3].", issued)).toBe(
      "A note for [STUDENT_1]; ask [STUDENT_2] and [EMAIL_3].",
    );
    expect([...issued]).toEqual(["[STUDENT_1]"]);
    const answer = "For [STUDENT_1], [STUDENT_2], [parent_1], [EMAIL_3] and [STUDENT_9].";
    expect(r.restore(answer, issued)).toBe("For Zoë Quartermaine, [STUDENT_2], [parent_1], [EMAIL_3] and [STUDENT_9].");
    expect(r.restoreValue({ who: ["[STUDENT_2]", "[STUDENT_1]"] }, issued)).toEqual({
      who: ["[STUDENT_2]", "Zoë Quartermaine"],
    });
    expect(r.restore(answer, new Set())).toBe(answer);
  });

  it("leaves placeholders already in the text as they are, so redacting twice changes nothing more", () => {
    const once = r.redact("Zoë Quartermaine, zoe.q@example.test");
    expect(r.redact(once)).toBe(once);
  });

  it("changes nothing with no people", () => {
    const none = createRedactor([]);
    expect(none.size).toBe(0);
    expect(none.redact("Zoë Quartermaine")).toBe("Zoë Quartermaine");
  });
});

describe("redactingProvider", () => {
  it("sends the model placeholders only, and restores the names in its JSON answer", async () => {
    const seen: ChatRequest[] = [];
    const inner: ModelProvider = {
      name: "test",
      model: "m",
      async chat(request) {
        seen.push(request);
        const input = request.input as { topic: string };
        return {
          content: JSON.stringify({ title: `Quiz for ${input.topic.split(" for ")[1]}`, quote: 'She said "hi"' }),
          usage: { promptTokens: 1, completionTokens: 1 },
          model: "m",
        };
      },
    };
    const provider = redactingProvider(inner, createRedactor(people));
    expect(provider).toMatchObject({ name: "test", model: "m" });
    const reply = await provider.chat({
      agent: "quiz",
      messages: [
        { role: "system", content: "You write quizzes." },
        { role: "user", content: "A quiz for Zoë Quartermaine, zoe.q@example.test" },
      ],
      jsonSchema: {},
      schemaName: "quiz",
      input: { topic: "Fractions for Zoë Quartermaine" },
    });
    const sent = JSON.stringify(seen[0]);
    expect(sent).not.toContain("Zoë");
    expect(sent).not.toContain("zoe.q@example.test");
    expect(seen[0]?.messages[1]?.content).toBe("A quiz for [STUDENT_1], [EMAIL_1]");
    expect(seen[0]?.messages[0]?.content).toContain(PLACEHOLDER_NOTE);
    expect(JSON.parse(reply.content)).toEqual({ title: "Quiz for Zoë Quartermaine", quote: 'She said "hi"' });
  });

  it("restores in an answer only the placeholders its own call issued, even with calls in flight at once", async () => {
    const answers = new Map<string, string>([
      // The model names students that were never in this prompt (one issued to the other call).
      ["A", "Quiz for [STUDENT_1] with [STUDENT_2], [PARENT_1] and [STUDENT_7] (see [EMAIL_1])"],
      ["B", JSON.stringify({ title: "For [STUDENT_2]", also: "[STUDENT_1] and [EMAIL_2]" })],
    ]);
    const release: (() => void)[] = [];
    const inner: ModelProvider = {
      name: "test",
      model: "m",
      async chat(request) {
        const tag = request.agent === "quiz" ? "A" : "B";
        await new Promise<void>((resolve) => release.push(resolve));
        return { content: answers.get(tag) as string, usage: { promptTokens: 1, completionTokens: 1 }, model: "m" };
      },
    };
    const provider = redactingProvider(inner, createRedactor(people));
    const ask = (agent: ChatRequest["agent"], content: string) =>
      provider.chat({ agent, messages: [{ role: "user", content }], jsonSchema: {}, schemaName: "x", input: {} });
    const a = ask("quiz", "A quiz for Zoë Quartermaine");
    const b = ask("content", "A lesson for Will Rose");
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (const go of release) go();
    expect((await a).content).toBe(
      "Quiz for Zoë Quartermaine with [STUDENT_2], [PARENT_1] and [STUDENT_7] (see [EMAIL_1])",
    );
    expect(JSON.parse((await b).content)).toEqual({ title: "For Will Rose", also: "[STUDENT_1] and [EMAIL_2]" });
  });
});
