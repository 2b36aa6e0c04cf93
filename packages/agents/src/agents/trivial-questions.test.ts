import type { QuestionData, QuizDraft, ReviewReport } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { agents } from "./index";
import type { ReviewInput } from "./review";
import { request, requestMatrix, runOffline } from "./test-fixtures";
import { answerGivenByStem, trivialQuestions } from "./trivial-questions";

const { quiz, review } = agents;
const plateTectonics = request({ topic: "Plate tectonics", subject: "Science", gradeLevel: "6", standards: [] });

const trueFalse = (prompt: string, value = true): QuestionData => ({
  type: "TRUE_FALSE",
  prompt,
  points: 1,
  explanation: "Because.",
  tags: [],
  options: [],
  answer: { value },
});

const filler = trueFalse("True or false: Plate tectonics is part of Science.");

describe("a question whose answer is given by its stem", () => {
  it("is a true-or-false statement that only says the topic is part of its subject", () => {
    expect(answerGivenByStem(filler, plateTectonics)).toMatch(/topic belongs to its subject/);
    expect(
      answerGivenByStem(trueFalse("True or false? We study plate tectonics in science."), plateTectonics),
    ).not.toBe(null);
  });

  it("is not a true-or-false statement that needs knowing something about the topic", () => {
    const fact = trueFalse("True or false: Plate tectonics moves the continents a few centimetres a year.");
    expect(answerGivenByStem(fact, plateTectonics)).toBeNull();
  });

  it("is a short answer whose accepted answer is written in the question", () => {
    const q: QuestionData = {
      type: "SHORT_ANSWER",
      prompt: "The theory of plate tectonics explains how plates move. What theory explains how plates move?",
      points: 1,
      explanation: "It is plate tectonics.",
      tags: [],
      options: [],
      answer: { accepted: ["Plate Tectonics"], caseSensitive: false },
    };
    expect(answerGivenByStem(q, plateTectonics)).toMatch(/"Plate Tectonics" is written in the question/);
  });

  it("is a choice question whose correct option alone is written in the stem", () => {
    const options = [
      { id: "a", text: "magma" },
      { id: "b", text: "glacier" },
      { id: "c", text: "delta" },
    ];
    const given: QuestionData = {
      type: "SINGLE_CHOICE",
      prompt: "Molten rock under the ground is called magma. What is molten rock under the ground called?",
      points: 1,
      explanation: "Magma.",
      tags: [],
      options,
      answer: { correct: ["a"] },
    };
    expect(answerGivenByStem(given, plateTectonics)).toMatch(/"magma"/);
    // Naming a wrong option too gives nothing away.
    const fair = { ...given, prompt: "Which is molten rock: magma or a glacier?" };
    expect(answerGivenByStem(fair, plateTectonics)).toBeNull();
  });
});

describe("the offline quiz writer", () => {
  it("no longer writes the filler statement that the topic is part of its subject", () => {
    const run = runOffline({ ...plateTectonics, questionCount: 20 });
    const prompts = run.quiz?.questions.map((q) => q.prompt) ?? [];
    expect(prompts).toHaveLength(20);
    for (const prompt of prompts) expect(prompt).not.toMatch(/is part of Science/i);
  });

  it.each(requestMatrix.filter((r) => r.request.parts.includes("quiz")))(
    "writes no question that gives its answer away: $label",
    ({ request: r }) => {
      const run = runOffline(r);
      expect(trivialQuestions(run.quiz as QuizDraft, r)).toEqual([]);
    },
  );

  it.each(["Plate tectonics", "Volcanoes", "The water cycle", "Fractions", "Rocks and minerals"])(
    "writes no question that gives its answer away on %s, in any grade",
    (topic) => {
      for (const gradeLevel of ["K", "2", "5", "8", "11"] as const) {
        const r = request({ topic, subject: "Science", gradeLevel, parts: ["quiz"], standards: [], questionCount: 12 });
        const q = quiz.offline({
          request: r,
          outline: agents.supervisor.offline({ request: r }),
          lesson: null,
          revision: null,
        });
        expect(trivialQuestions(quiz.outputSchema.parse(q), r), `${topic}, grade ${gradeLevel}`).toEqual([]);
      }
    },
  );
});

describe("the reviewer and a question that gives its answer away", () => {
  /** The offline drafts of a quiz-only request with its second question replaced by the filler. */
  function withFiller(): ReviewInput {
    const r = { ...plateTectonics, parts: ["quiz" as const] };
    const run = runOffline(r);
    const draft = run.quiz as QuizDraft;
    const questions = draft.questions.map((q, i) => (i === 1 ? filler : q));
    return {
      request: r,
      lesson: null,
      quiz: { ...draft, questions },
      terrain: null,
      scripts: null,
      standards: null,
      revised: [],
    };
  }

  it("flags it as a warning on the quiz and sends the quiz back to be revised", () => {
    const report = review.offline(withFiller());
    expect(report.verdict).toBe("revise");
    expect(report.revise?.agent).toBe("quiz");
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        category: "accuracy",
        part: "quiz",
        message: expect.stringMatching(/^Question 2 gives its answer away/),
      }),
    );
  });

  it("gets a revised quiz without it, which the final review approves", () => {
    const input = withFiller();
    const first = review.offline(input);
    const revised = quiz.outputSchema.parse(
      quiz.offline({
        request: input.request,
        outline: agents.supervisor.offline({ request: input.request }),
        lesson: null,
        revision: {
          instructions: first.revise?.instructions ?? "",
          findings: first.findings.map((f) => f.message),
          previous: input.quiz as QuizDraft,
        },
      }),
    );
    expect(revised.questions.map((q) => q.prompt)).not.toContain(filler.prompt);
    expect(trivialQuestions(revised, input.request)).toEqual([]);
    const final = review.offline({ ...input, quiz: revised, revised: ["quiz"] });
    expect(final.verdict).toBe("approved");
  });

  it("is not approved silently by a model: the review agent's check asks for a finding", () => {
    const input = withFiller();
    const silent: ReviewReport = { verdict: "approved", summary: "Looks good.", findings: [], revise: null };
    expect(review.check(silent, input)).toEqual([
      expect.stringMatching(/question 2 \(it only says the topic belongs to its subject/),
    ]);
    const flagged = review.offline(input);
    expect(review.check(flagged, input)).toEqual([]);
  });
});
