import {
  type LessonDraft,
  type QuizDraft,
  quizDraftSchema,
  reviewReportSchema,
  type TerrainSpec,
} from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { OFFLINE_REVIEW_NOTE } from "../providers/offline/review";
import { agents } from "./index";
import type { ReviewInput } from "./review";
import { inputOfPrompt, request, requestMatrix, runOffline } from "./test-fixtures";

const { review } = agents;

/** The offline drafts for a request, as the review's input. */
function drafts(overrides: Parameters<typeof request>[0] = {}): ReviewInput {
  const run = runOffline(request(overrides));
  return {
    request: run.request,
    lesson: run.lesson,
    quiz: run.quiz,
    terrain: run.terrain,
    scripts: run.scripts,
    standards: run.standards,
    revised: [],
  };
}

const withLessonLine = (lesson: LessonDraft, line: string): LessonDraft => ({
  ...lesson,
  sections: lesson.sections.map((s, i) => (i === 1 ? { ...s, markdown: `${s.markdown}\n\n${line}` } : s)),
});

const serious = (input: ReviewInput) => review.offline(input).findings.filter((f) => f.severity !== "info");

describe("the review agent", () => {
  it.each(requestMatrix)("approves the offline drafts and passes its checks: $label", ({ request: r }) => {
    const run = runOffline(r);
    expect(reviewReportSchema.parse(run.firstReview)).toEqual(run.firstReview);
    expect(run.firstReview.verdict).toBe("approved");
    expect(run.firstReview.revise).toBeNull();
    expect(run.firstReview.findings.filter((f) => f.severity !== "info")).toEqual([]);
    // The teacher sees that no language model read the drafts.
    expect(run.firstReview.summary).toMatch(/^Offline review: heuristic checks \(no language model\)\. Approved: /);
  });

  it("finds a request for a home address, as a privacy blocker, and sends the lesson back", () => {
    const input = drafts({ parts: ["lesson"], standards: [] });
    const lesson = withLessonLine(input.lesson as LessonDraft, "- Students write their home address on a postcard.");
    const report = review.offline({ ...input, lesson });
    expect(report.verdict).toBe("revise");
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        severity: "blocker",
        category: "privacy",
        part: "lesson",
        message: expect.stringMatching(/home address/),
      }),
    );
    expect(report.revise).toEqual({ agent: "content", instructions: expect.stringMatching(/home address/) });
    expect(report.summary).toMatch(/^Offline review: heuristic checks \(no language model\)\. Checked the lesson /);
    expect(review.check(report, { ...input, lesson })).toEqual([]);
  });

  it.each([
    ["an email address", "Email questions to ms.rivera@school.org."],
    ["a phone number", "Call 555-123-4567 with questions."],
    ["a link that is not https", "Watch http://example.com/video before class."],
    ["a request for photos of students", "Upload a selfie with your plant."],
    ["a request for a full name", "Write your full name at the top."],
  ])("flags %s in the lesson as a privacy problem", (_, line) => {
    const input = drafts({ parts: ["lesson"], standards: [] });
    const found = serious({ ...input, lesson: withLessonLine(input.lesson as LessonDraft, line) });
    expect(found.map((f) => f.category)).toContain("privacy");
  });

  it.each([
    ["the Gettysburg Address", "Read his Gettysburg Address aloud."],
    ["an https link", "See https://example.org/photosynthesis for a diagram."],
    ["writing one's first name", "Write your name on the exit ticket."],
  ])("does not flag %s", (_, line) => {
    const input = drafts({ parts: ["lesson"], standards: [] });
    expect(serious({ ...input, lesson: withLessonLine(input.lesson as LessonDraft, line) })).toEqual([]);
  });

  it("flags words not suited to grades K-8, but not for grade 11", () => {
    const line = "- Don't be stupid: the gory details of plant cells are not on the test.";
    const young = drafts({ gradeLevel: "5", parts: ["lesson"], standards: [] });
    const old = drafts({ gradeLevel: "11", parts: ["lesson"], standards: [] });
    const youngFound = serious({ ...young, lesson: withLessonLine(young.lesson as LessonDraft, line) });
    expect(youngFound).toContainEqual(
      expect.objectContaining({ category: "age", message: expect.stringMatching(/stupid, gory/) }),
    );
    expect(serious({ ...old, lesson: withLessonLine(old.lesson as LessonDraft, line) })).toEqual([]);
  });

  it("warns when the lesson reads far above the grade for on-grade readers", () => {
    const input = drafts({ gradeLevel: "4", readingLevel: "ON_GRADE", parts: ["lesson"], standards: [] });
    const hard =
      "Notwithstanding considerable methodological heterogeneity, contemporary investigations substantiate the proposition that chlorophyll-mediated photochemical reactions fundamentally underpin terrestrial primary productivity, consequently determining biogeochemical carbon fluxes.";
    const lesson = {
      ...(input.lesson as LessonDraft),
      sections: (input.lesson as LessonDraft).sections.map((s) => ({ ...s, markdown: hard })),
    };
    const found = serious({ ...input, lesson });
    expect(found).toContainEqual(
      expect.objectContaining({
        category: "accessibility",
        message: expect.stringMatching(/^Reading level is about grade \d+/),
      }),
    );
    expect(serious({ ...input, request: { ...input.request, readingLevel: "ADVANCED" }, lesson })).toEqual([]);
  });

  it("flags quiz questions without explanations and a non-whole answer with tolerance 0, and sends the quiz back", () => {
    const input = drafts({ parts: ["quiz"], standards: [], questionCount: 4 });
    const q = input.quiz as QuizDraft;
    const quiz = quizDraftSchema.parse({
      ...q,
      questions: [
        { ...q.questions[0], explanation: null },
        { ...q.questions[1], explanation: "" },
        ...q.questions.slice(2, 3),
        { type: "NUMERIC", prompt: "Half of 5?", explanation: "5 ÷ 2", answer: { value: 2.5, tolerance: 0 } },
      ],
    });
    const report = review.offline({ ...input, quiz });
    expect(report.findings.filter((f) => f.severity !== "info").map((f) => [f.category, f.message])).toEqual([
      [
        "accessibility",
        "Question 1 has no explanation, so students get no feedback on their answer. Add a short explanation to each.",
      ],
      [
        "accuracy",
        "Question 2 has an empty explanation, so the answer key cannot be checked. Explain why the answer is right.",
      ],
      [
        "accuracy",
        "Numeric question 4 has a non-whole answer with tolerance 0, so rounded answers are marked wrong. Set a small tolerance.",
      ],
    ]);
    expect(report.revise?.agent).toBe("quiz");
  });

  it("flags a quiz station that points at no question, and an empty station prompt", () => {
    const input = drafts({ parts: ["quiz", "environment"], standards: [], questionCount: 3 });
    const t = input.terrain as TerrainSpec;
    const terrain: TerrainSpec = {
      ...t,
      stations: t.stations.map((s) =>
        s.questionIndex === 2 ? { ...s, questionIndex: 9 } : s.id === "Welcome" ? { ...s, prompt: " " } : s,
      ),
    };
    const report = review.offline({ ...input, terrain });
    expect(
      report.findings
        .filter((f) => f.severity !== "info")
        .map((f) => f.category)
        .sort(),
    ).toEqual(["accessibility", "accuracy", "accuracy"]);
    expect(report.revise?.agent).toBe("terrain");
  });

  it("sends back scripts that do not parse, with a blocker, before a lesson with a warning", () => {
    const input = drafts({ standards: [] });
    const lesson = withLessonLine(input.lesson as LessonDraft, "Don't be stupid.");
    const scripts = { scripts: [{ name: "Broken", kind: "server" as const, purpose: "x", source: "x += 1" }] };
    const report = review.offline({ ...input, lesson, scripts });
    expect(report.findings[0]).toMatchObject({ severity: "blocker", category: "accuracy", part: "environment" });
    expect(report.revise?.agent).toBe("script");
  });

  it("approves once the agent with the problem has been revised, keeping the finding for the teacher", () => {
    const input = drafts({ parts: ["lesson"], standards: [] });
    const lesson = withLessonLine(input.lesson as LessonDraft, "Call 555-123-4567.");
    const report = review.offline({ ...input, lesson, revised: ["content"] });
    expect(report.verdict).toBe("approved");
    expect(report.revise).toBeNull();
    expect(report.findings.some((f) => f.category === "privacy")).toBe(true);
    expect(report.summary).toMatch(/remaining warning/);
    expect(report.summary.startsWith(OFFLINE_REVIEW_NOTE)).toBe(true);
  });

  it("notes weakly covered standards without sending anything back", () => {
    const input = drafts({ standards: ["CCSS.MATH.CONTENT.K.CC.A.1"] });
    const report = review.offline(input);
    expect(report.verdict).toBe("approved");
    expect(report.findings).toContainEqual(
      expect.objectContaining({ severity: "info", message: expect.stringMatching(/weakly covered/) }),
    );
  });

  it("is deterministic", () => {
    expect(review.offline(drafts())).toEqual(review.offline(drafts()));
  });

  it("rejects sending back an agent that was already revised", () => {
    const input = { ...drafts(), revised: ["content" as const] };
    const report = {
      verdict: "revise" as const,
      summary: "Again",
      findings: [],
      revise: { agent: "content" as const, instructions: "Again" },
    };
    expect(review.check(report, input)).toEqual([
      'revise.agent "content" was already revised once; approve instead or name another agent',
    ]);
  });

  it("rejects sending back an agent whose part was not drafted", () => {
    const input = drafts({ parts: ["lesson"], standards: [] });
    const report = {
      verdict: "revise" as const,
      summary: "Fix",
      findings: [],
      revise: { agent: "quiz" as const, instructions: "Fix" },
    };
    expect(review.check(report, input)).toEqual([
      'revise.agent "quiz" has no draft in this task; name an agent whose draft was reviewed',
    ]);
  });

  it("rejects an approval that still names an agent to revise, and a revise verdict without one", () => {
    const input = drafts();
    expect(
      review.check(
        { verdict: "approved", summary: "ok", findings: [], revise: { agent: "quiz", instructions: "x" } },
        input,
      ),
    ).toEqual(['An "approved" review must have revise set to null']);
    expect(review.check({ verdict: "revise", summary: "no", findings: [], revise: null }, input)).toEqual([
      'A "revise" review must name the agent to revise and its instructions',
    ]);
  });

  it("ends its prompt with the input as a JSON block, and lists the agents already revised", () => {
    const input = { ...drafts(), revised: ["quiz" as const] };
    const { system, user } = review.prompt(input);
    expect(system).toMatch(/privacy/);
    expect(user).toContain("Already revised (do not send back again): quiz.");
    expect(inputOfPrompt(user)).toEqual(input);
  });
});
