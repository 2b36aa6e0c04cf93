import { standardCodeSchema, standardsAlignmentSchema } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { agents } from "./index";
import type { StandardsInput } from "./standards";
import { STANDARDS_CATALOG } from "./standardsCatalog";
import { inputOfPrompt, request, requestMatrix } from "./test-fixtures";

const { supervisor, content, quiz, terrain, standards } = agents;

function inputFor(r = request()): StandardsInput {
  const outline = supervisor.offline({ request: r });
  const lesson = r.parts.includes("lesson") ? content.offline({ request: r, outline, revision: null }) : null;
  const q = r.parts.includes("quiz") ? quiz.offline({ request: r, outline, lesson, revision: null }) : null;
  const t = r.parts.includes("environment") ? terrain.offline({ request: r, outline, quiz: q, revision: null }) : null;
  return { request: r, outline, lesson, quiz: q, terrain: t };
}

describe("the standards catalog", () => {
  it("holds about thirty unique, valid, upper-case codes across science, math and ELA", () => {
    expect(STANDARDS_CATALOG.length).toBeGreaterThanOrEqual(30);
    const codes = STANDARDS_CATALOG.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(standardCodeSchema.parse(code)).toBe(code);
      expect(code).toBe(code.toUpperCase());
    }
    expect(new Set(STANDARDS_CATALOG.map((s) => s.subject))).toEqual(new Set(["Science", "Math", "ELA"]));
  });

  it("covers kindergarten through grade 12", () => {
    const grades = new Set(STANDARDS_CATALOG.flatMap((s) => s.grades));
    for (const g of ["K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"])
      expect(grades.has(g)).toBe(true);
  });
});

describe("the standards agent", () => {
  it.each(requestMatrix.filter((m) => m.request.standards.length > 0))(
    "aligns every chosen standard exactly once and passes its checks: $label",
    ({ request: r }) => {
      const input = inputFor(r);
      const alignment = standardsAlignmentSchema.parse(standards.offline(input));
      expect(alignment.alignments.map((a) => a.code)).toEqual(r.standards);
      expect(standards.check(alignment, input)).toEqual([]);
    },
  );

  it("uses the catalog's description and rates a matching standard strong", () => {
    const [a] = standards.offline(inputFor(request({ standards: ["ms-ls1-6"] }))).alignments;
    expect(a?.code).toBe("MS-LS1-6");
    expect(a?.description).toMatch(
      /^Construct a scientific explanation based on evidence for the role of photosynthesis/,
    );
    expect(a?.strength).toBe("strong");
    expect(a?.evidence).toMatch(/photosynthesis/);
  });

  it("gives an unknown code a generic description and a partial rating", () => {
    const [a] = standards.offline(inputFor(request({ standards: ["TX.SCI.7.12"] }))).alignments;
    expect(a?.description).toMatch(/^TX\.SCI\.7\.12: a standard the teacher chose/);
    expect(a?.strength).toBe("partial");
  });

  it("rates a standard for another grade and subject weak, saying why", () => {
    const [a] = standards.offline(inputFor(request({ standards: ["CCSS.MATH.CONTENT.K.CC.A.1"] }))).alignments;
    expect(a?.strength).toBe("weak");
    expect(a?.evidence).toMatch(/written for grade K/);
  });

  it("names only the parts that have drafts", () => {
    const input = inputFor(request({ parts: ["quiz", "environment"] }));
    const [a] = standards.offline(input).alignments;
    expect(a?.coveredBy).toEqual(["quiz", "environment"]);
  });

  it("is deterministic", () => {
    expect(standards.offline(inputFor())).toEqual(standards.offline(inputFor()));
  });

  it("reports missing, repeated and unrequested codes", () => {
    const input = inputFor(request({ standards: ["MS-LS1-6", "MS-LS2-3"] }));
    const [first] = standards.offline(input).alignments;
    if (!first) throw new Error("expected an alignment");
    const problems = standards.check({ alignments: [first, first, { ...first, code: "HS-LS1-5" }] }, input);
    expect(problems).toEqual([
      "Standard MS-LS1-6 is listed 2 times; list it once",
      "Standard MS-LS2-3 is missing; align every chosen standard",
      "Standard HS-LS1-5 was not chosen by the teacher; remove it",
    ]);
  });

  it("reports a part named in coveredBy that has no draft", () => {
    const input = inputFor(request({ parts: ["lesson"] }));
    const [a] = standards.offline(input).alignments;
    if (!a) throw new Error("expected an alignment");
    expect(standards.check({ alignments: [{ ...a, coveredBy: ["lesson", "quiz"] }] }, input)).toEqual([
      'alignments[0].coveredBy names "quiz", but there is no quiz draft',
    ]);
  });

  it("ends its prompt with the input as a JSON block, listing the codes", () => {
    const input = inputFor();
    const { user } = standards.prompt(input);
    expect(user).toContain("MS-LS1-6");
    expect(inputOfPrompt(user)).toEqual(input);
  });
});
