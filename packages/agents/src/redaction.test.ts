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

  it("restores every placeholder, inside JSON strings too", () => {
    const text = "Write to Zoë Quartermaine (zoe.q@example.test); Hamid Okonkwo-Baptiste signs.";
    expect(r.restore(r.redact(text))).toBe(text);
    const value = {
      title: "For [STUDENT_1]",
      items: ["[email_1]", 3, null],
      nested: { who: "[PARENT_1_MIDDLE]-[PARENT_1_LAST]" },
    };
    expect(r.restoreValue(value)).toEqual({
      title: "For Zoë Quartermaine",
      items: ["zoe.q@example.test", 3, null],
      nested: { who: "Okonkwo-Baptiste" },
    });
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
});
