import { outlineSchema } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { agents } from "./index";
import { inputOfPrompt, partCombos, request, requestMatrix } from "./test-fixtures";

const { supervisor } = agents;

describe("the supervisor agent", () => {
  it.each(requestMatrix)("drafts a valid outline that passes its checks: $label", ({ request: r }) => {
    const outline = outlineSchema.parse(supervisor.offline({ request: r }));
    expect(supervisor.check(outline, { request: r })).toEqual([]);
  });

  it.each(partCombos)("proposes only the agents the parts %j need, with review last", (...parts) => {
    const r = request({ parts, standards: [] });
    const agents = supervisor.offline({ request: r }).steps.map((s) => s.agent);
    const expected = [
      ...(parts.includes("lesson") ? ["content"] : []),
      ...(parts.includes("quiz") ? ["quiz"] : []),
      ...(parts.includes("environment") ? ["terrain", "script"] : []),
      "review",
    ];
    expect(agents).toEqual(expected);
  });

  it("adds the standards step only when standards are chosen", () => {
    const withStandards = supervisor.offline({ request: request({ standards: ["MS-LS1-6"] }) });
    const without = supervisor.offline({ request: request({ standards: [] }) });
    expect(withStandards.steps.map((s) => s.agent)).toContain("standards");
    expect(without.steps.map((s) => s.agent)).not.toContain("standards");
  });

  it("writes the topic, subject and grade into the title and objectives", () => {
    const outline = supervisor.offline({
      request: request({ topic: "The water cycle", gradeLevel: "4", subject: "Earth Science" }),
    });
    expect(outline.title).toBe("The water cycle: Grade 4 Earth Science");
    expect(outline.objectives.every((o) => o.includes("water cycle") || o.includes("MS-LS1-6"))).toBe(true);
    expect(outline.vocabulary[0]?.definition).toMatch(/evaporation/);
  });

  it("is deterministic", () => {
    const r = request();
    expect(supervisor.offline({ request: r })).toEqual(supervisor.offline({ request: r }));
  });

  it("rejects steps for parts that were not requested", () => {
    const r = request({ parts: ["quiz"], standards: [] });
    const outline = supervisor.offline({ request: r });
    const bad = { ...outline, steps: [{ agent: "terrain" as const, purpose: "Build a lab" }, ...outline.steps] };
    expect(supervisor.check(bad, { request: r })).toEqual([expect.stringContaining('"terrain" is not needed')]);
  });

  it("rejects a plan whose last step is not the review", () => {
    const r = request();
    const outline = supervisor.offline({ request: r });
    const bad = { ...outline, steps: outline.steps.filter((s) => s.agent !== "review") };
    expect(supervisor.check(bad, { request: r })).toContain('The last step must be "review"');
  });

  it("ends its prompt with the input as a JSON block", () => {
    const input = { request: request() };
    const { system, user } = supervisor.prompt(input);
    expect(system).toMatch(/JSON/);
    expect(inputOfPrompt(user)).toEqual(input);
  });
});
