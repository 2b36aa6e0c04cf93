import { agentNames } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { agents } from "./index";
import { inputOfPrompt, request, requestMatrix, runOffline, viaJson } from "./test-fixtures";

/** Every agent's input for one request, as the pipeline builds them (first runs, no revision). */
function inputsFor(r = request()) {
  const run = runOffline(r);
  return {
    supervisor: { request: r },
    content: { request: r, outline: run.outline, revision: null },
    quiz: { request: r, outline: run.outline, lesson: run.lesson, revision: null },
    terrain: { request: r, outline: run.outline, quiz: run.quiz, revision: null },
    script: {
      request: r,
      terrain:
        run.terrain ?? agents.terrain.offline({ request: r, outline: run.outline, quiz: run.quiz, revision: null }),
      revision: null,
    },
    standards: { request: r, outline: run.outline, lesson: run.lesson, quiz: run.quiz, terrain: run.terrain },
    review: {
      request: r,
      lesson: run.lesson,
      quiz: run.quiz,
      terrain: run.terrain,
      scripts: run.scripts,
      standards: run.standards,
      revised: [],
    },
  };
}

describe("the agent registry", () => {
  it("holds one agent per agent name, each under its own name", () => {
    expect(Object.keys(agents).sort()).toEqual([...agentNames].sort());
    for (const [key, agent] of Object.entries(agents)) {
      expect(agent.name).toBe(key);
      expect(agent.description.length).toBeGreaterThan(10);
    }
  });

  it.each(agentNames)("the %s agent's prompt ends with its input as a JSON block", (name) => {
    const input = inputsFor()[name];
    const agent = agents[name];
    const { system, user } = agent.prompt(input as never);
    expect(system).toMatch(/JSON/);
    expect(system).toMatch(/COPPA/);
    expect(user.endsWith("\n```")).toBe(true);
    expect(inputOfPrompt(user)).toEqual(viaJson(input));
  });

  it.each(agentNames)("the %s agent's input schema accepts the input the pipeline builds", (name) => {
    const input = inputsFor(request({ notes: "Pairs only." }))[name];
    expect(agents[name].inputSchema.safeParse(viaJson(input)).success).toBe(true);
  });

  it.each(agentNames)("the %s agent answers the same from the prompt's JSON block as from the typed input", (name) => {
    const input = inputsFor()[name];
    const agent = agents[name];
    const fromPrompt = agent.offline(inputOfPrompt(agent.prompt(input as never).user) as never);
    expect(JSON.stringify(fromPrompt)).toBe(JSON.stringify(agent.offline(input as never)));
  });

  it.each(agentNames)("the %s agent's offline draft passes its own output schema and check", (name) => {
    for (const { request: r } of requestMatrix.slice(0, 15)) {
      const input = inputsFor(r)[name];
      const agent = agents[name];
      const output = agent.outputSchema.parse(agent.offline(input as never));
      expect(agent.check?.(output as never, input as never) ?? []).toEqual([]);
    }
  });
});

describe("unusual requests", () => {
  const unusual = [
    request({
      topic: 'Pipes | "quotes" \\ backslashes and `ticks`',
      subject: "Computer Science",
      durationMinutes: 10,
      questionCount: 3,
    }),
    request({
      topic: "x".repeat(200),
      subject: "Art",
      gradeLevel: "Higher ed",
      durationMinutes: 180,
      questionCount: 20,
    }),
    request({
      topic: "Learning your home address and phone number",
      subject: "Life Skills",
      gradeLevel: "K",
      questionCount: 20,
    }),
    request({ topic: "🌱 Seeds and sprouts 🌱", subject: "Science", gradeLevel: "1", readingLevel: "EMERGING" }),
    request({
      topic: "The Gettysburg Address",
      subject: "US History",
      gradeLevel: "8",
      standards: ["CCSS.ELA-LITERACY.RH.6-8.2"],
    }),
    request({
      topic: "Evidence",
      subject: "English",
      gradeLevel: "6",
      notes: "Email parents at home@example.com. Use the class set of novels.",
    }),
  ];

  it.each(unusual.map((r) => ({ label: r.topic.slice(0, 40), r })))(
    "drafts valid, checked outputs for “$label”",
    ({ r }) => {
      const run = runOffline(r);
      const inputs = inputsFor(r);
      for (const name of agentNames) {
        const agent = agents[name];
        const output =
          name === "supervisor" ? run.outline : name === "review" ? run.review : agent.offline(inputs[name] as never);
        expect(agent.outputSchema.safeParse(output).success).toBe(true);
      }
      if (run.lesson) expect(agents.content.check(run.lesson, inputs.content)).toEqual([]);
      if (run.quiz) expect(agents.quiz.check(run.quiz, inputs.quiz)).toEqual([]);
      if (run.scripts) expect(agents.script.check(run.scripts)).toEqual([]);
      expect(agents.review.check(run.review, { ...inputs.review, revised: run.revised })).toEqual([]);
    },
  );

  it("leaves a teacher's email address in the notes out of every draft", () => {
    const run = runOffline(unusual[5] ?? request());
    expect(JSON.stringify([run.outline, run.lesson, run.quiz, run.terrain, run.scripts])).not.toContain(
      "home@example.com",
    );
  });
});

describe("revisions", () => {
  it.each(requestMatrix)(
    "every drafting agent's revision stays valid and clean, whatever the instructions: $label",
    ({ request: r }) => {
      const run = runOffline(r);
      const rev = {
        instructions: "Please simplify the wording and double-check everything.",
        findings: ["[warning] accessibility, lesson: Reading level is too high"],
      };
      if (run.lesson) {
        const input = { request: r, outline: run.outline, revision: { ...rev, previous: run.lesson } };
        const out = agents.content.outputSchema.parse(agents.content.offline(input));
        expect(agents.content.check(out, input)).toEqual([]);
      }
      if (run.quiz) {
        const input = {
          request: r,
          outline: run.outline,
          lesson: run.lesson,
          revision: { ...rev, previous: run.quiz },
        };
        const out = agents.quiz.outputSchema.parse(agents.quiz.offline(input));
        expect(agents.quiz.check(out, input)).toEqual([]);
      }
      if (run.terrain) {
        const input = { request: r, outline: run.outline, quiz: run.quiz, revision: { ...rev, previous: run.terrain } };
        const out = agents.terrain.outputSchema.parse(agents.terrain.offline(input));
        expect(agents.terrain.check(out, input)).toEqual([]);
        expect(out.stations.map((s) => s.id)).toEqual(run.terrain.stations.map((s) => s.id));
      }
      if (run.terrain && run.scripts) {
        const input = { request: r, terrain: run.terrain, revision: { ...rev, previous: run.scripts } };
        const out = agents.script.outputSchema.parse(agents.script.offline(input));
        expect(agents.script.check(out)).toEqual([]);
      }
    },
  );

  it("a whole offline run is deterministic", () => {
    expect(runOffline(request())).toEqual(runOffline(request()));
  });
});
