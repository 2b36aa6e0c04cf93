import { type TerrainSpec, terrainSpecSchema } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { terrainFindings } from "../providers/offline/findings";
import { agents } from "./index";
import { inputOfPrompt, request, requestMatrix } from "./test-fixtures";

const { supervisor, quiz, terrain } = agents;

const draft = (r = request(), withQuiz = true) => {
  const outline = supervisor.offline({ request: r });
  const q = withQuiz ? quiz.offline({ request: r, outline, lesson: null, revision: null }) : null;
  return { outline, quiz: q, terrain: terrain.offline({ request: r, outline, quiz: q, revision: null }) };
};

const inside = (t: TerrainSpec, p: { x: number; z: number }) =>
  Math.abs(p.x) <= t.size.x / 2 && Math.abs(p.z) <= t.size.z / 2;

describe("the terrain agent", () => {
  it.each(requestMatrix)("drafts a valid lab that passes its checks: $label", ({ request: r }) => {
    const { outline, quiz: q, terrain: t } = draft(r, r.parts.includes("quiz"));
    expect(terrainSpecSchema.parse(t)).toEqual(t);
    expect(terrain.check(t, { request: r, outline, quiz: q, revision: null })).toEqual([]);
  });

  it.each([3, 5, 16, 17, 20])("gives each of %i quiz questions its own quiz station", (questionCount) => {
    const { quiz: q, terrain: t } = draft(request({ questionCount }));
    const quizStations = t.stations.filter((s) => s.kind === "quiz");
    expect(quizStations.map((s) => s.questionIndex)).toEqual(q?.questions.map((_, i) => i));
    for (const s of quizStations) expect(s.prompt).toContain(q?.questions[s.questionIndex ?? -1]?.prompt.slice(0, 40));
    expect(t.stations.length).toBeLessThanOrEqual(20);
  });

  it("has information and experiment stations with null question indexes", () => {
    const { terrain: t } = draft();
    const others = t.stations.filter((s) => s.kind !== "quiz");
    expect(others.map((s) => s.kind)).toEqual(expect.arrayContaining(["info", "experiment"]));
    expect(others.every((s) => s.questionIndex === null)).toBe(true);
  });

  it("adds no quiz stations without a quiz", () => {
    const { terrain: t } = draft(request({ parts: ["environment"] }), false);
    expect(t.stations.some((s) => s.kind === "quiz")).toBe(false);
    expect(t.stations.length).toBeGreaterThan(0);
  });

  it("places every station, prop and spawn point inside the terrain, with at least one spawn", () => {
    const { terrain: t } = draft(request({ questionCount: 20 }));
    expect(t.spawnPoints.length).toBeGreaterThanOrEqual(1);
    for (const p of [...t.stations, ...t.spawnPoints, ...t.props]) expect(inside(t, p.position)).toBe(true);
  });

  it("builds regions of both shapes from terrain materials", () => {
    const { terrain: t } = draft();
    expect(new Set(t.regions.map((r) => r.shape))).toEqual(new Set(["block", "ball"]));
    expect(t.regions.some((r) => r.material === "Water")).toBe(true);
  });

  it("writes the topic into the lab and its welcome station", () => {
    const { terrain: t } = draft(request({ topic: "The water cycle", subject: "Earth Science" }));
    expect(t.name).toBe("The water cycle Lab");
    expect(t.stations.find((s) => s.id === "Welcome")?.prompt).toMatch(/evaporation/);
  });

  it("is deterministic", () => {
    expect(draft().terrain).toEqual(draft().terrain);
  });

  it("reports duplicate ids, bad question indexes and positions outside the terrain", () => {
    const r = request({ questionCount: 3 });
    const { outline, quiz: q, terrain: t } = draft(r);
    const [a, b, c] = t.stations;
    if (!a || !b || !c) throw new Error("expected stations");
    const bad: TerrainSpec = {
      ...t,
      stations: [
        a,
        { ...b, id: a.id },
        { ...c, kind: "quiz", questionIndex: 7 },
        { ...c, id: "Lost", kind: "info", questionIndex: 1, position: { x: 999, y: 3, z: 0 } },
      ],
    };
    expect(terrain.check(bad, { request: r, outline, quiz: q, revision: null })).toEqual([
      `stations[1].id "${a.id}" is used by another station`,
      "stations[2].questionIndex 7 is past the quiz's last question (2)",
      'stations[3] ("Lost") is not a quiz station, so its questionIndex must be null',
      'stations[3] ("Lost") is outside the terrain',
    ]);
  });

  it("reports a quiz station when there is no quiz", () => {
    const r = request({ parts: ["environment"] });
    const { outline, terrain: t } = draft(r, false);
    const bad = {
      ...t,
      stations: [...t.stations, { ...t.stations[0], id: "Quiz1", kind: "quiz" as const, questionIndex: 0 }],
    } as TerrainSpec;
    expect(terrain.check(bad, { request: r, outline, quiz: null, revision: null })).toEqual([
      'stations[4] ("Quiz1") is a quiz station, but there is no quiz',
    ]);
  });

  it("fixes an empty prompt and a missing quiz station in a revision, keeping the station ids", () => {
    const r = request({ questionCount: 4 });
    const { outline, quiz: q, terrain: t } = draft(r);
    const previous: TerrainSpec = {
      ...t,
      stations: t.stations
        .filter((s) => s.questionIndex !== 3)
        .map((s) => (s.id === "Experiment" ? { ...s, prompt: "   " } : s)),
    };
    const found = terrainFindings(previous, q, r).filter((f) => f.finding.severity !== "info");
    expect(found.map((f) => f.finding.category).sort()).toEqual(["accessibility", "accuracy"]);
    const revised = terrain.offline({
      request: r,
      outline,
      quiz: q,
      revision: {
        instructions: "Fill the empty prompt and add question 4.",
        findings: found.map((f) => f.finding.message),
        previous,
      },
    });
    expect(terrain.check(revised, { request: r, outline, quiz: q, revision: null })).toEqual([]);
    expect(terrainFindings(revised, q, r).filter((f) => f.finding.severity !== "info")).toEqual([]);
    expect(revised.stations.map((s) => s.id)).toEqual([...previous.stations.map((s) => s.id), "Quiz4"]);
    expect(revised.stations.find((s) => s.id === "Experiment")?.prompt.trim()).not.toBe("");
  });

  it("ends its prompt with the input as a JSON block, and names the quiz stations to add", () => {
    const r = request({ questionCount: 4 });
    const { outline, quiz: q } = draft(r);
    const input = { request: r, outline, quiz: q, revision: null };
    const { system, user } = terrain.prompt(input);
    expect(system).toMatch(/questionIndex/);
    expect(user).toContain("one quiz station for each of the 4 quiz questions");
    expect(inputOfPrompt(user)).toEqual(input);
  });
});
