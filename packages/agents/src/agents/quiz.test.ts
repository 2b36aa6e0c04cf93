import { type QuestionData, type QuizDraft, questionSchema, quizDraftSchema } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { quizFindings } from "../providers/offline/findings";
import { QUESTION_TYPE_ORDER } from "../providers/offline/quiz-questions";
import { agents } from "./index";
import { inputOfPrompt, request, requestMatrix } from "./test-fixtures";

const { supervisor, content, quiz } = agents;

const draft = (r = request(), withLesson = true) => {
  const outline = supervisor.offline({ request: r });
  const lesson = withLesson ? content.offline({ request: r, outline, revision: null }) : null;
  return { outline, lesson, quiz: quiz.offline({ request: r, outline, lesson, revision: null }) };
};

const ofType = <T extends QuestionData["type"]>(q: QuizDraft, type: T) =>
  q.questions.filter((x): x is Extract<QuestionData, { type: T }> => x.type === type);

describe("the quiz agent", () => {
  it.each(requestMatrix)("drafts a valid quiz that passes its checks: $label", ({ request: r }) => {
    const { outline, lesson, quiz: q } = draft(r, r.parts.includes("lesson"));
    expect(quizDraftSchema.parse(q)).toEqual(q);
    expect(quiz.check(q, { request: r, outline, lesson, revision: null })).toEqual([]);
  });

  it.each([3, 4, 5, 7, 10, 13, 16, 20])(
    "writes exactly %i questions, each with an answer key questionSchema accepts",
    (questionCount) => {
      const { quiz: q } = draft(request({ questionCount }));
      expect(q.questions).toHaveLength(questionCount);
      for (const question of q.questions) expect(questionSchema.safeParse(question).success).toBe(true);
    },
  );

  it("mixes all five question types once there are five questions or more", () => {
    const { quiz: q } = draft(request({ questionCount: 5 }));
    expect(new Set(q.questions.map((x) => x.type))).toEqual(new Set(QUESTION_TYPE_ORDER));
  });

  it("never repeats a question, even at twenty questions", () => {
    for (const subject of ["Life Science", "Math", "History", "Music"]) {
      const { quiz: q } = draft(request({ questionCount: 20, subject, topic: "Rhythm and patterns" }));
      expect(new Set(q.questions.map((x) => x.prompt)).size).toBe(20);
    }
  });

  it("gives every question an explanation", () => {
    const { quiz: q } = draft(request({ questionCount: 12 }));
    expect(q.questions.every((x) => (x.explanation ?? "").trim().length > 0)).toBe(true);
  });

  it("asks a true-or-false question about the topic's facts, not whether the topic is part of the subject", () => {
    const [tf] = ofType(draft(request()).quiz, "TRUE_FALSE");
    expect(tf?.prompt).toMatch(/^True or false: /);
    expect(tf?.prompt).not.toMatch(/is part of/);
    expect(tf?.explanation).toMatch(/^(True|False)\. /);
  });

  it("accepts the topic's key term as the short answer", () => {
    const [sa] = ofType(draft(request({ topic: "Photosynthesis, with a Roblox lab" })).quiz, "SHORT_ANSWER");
    expect(sa?.answer.accepted).toContain("Photosynthesis");
    expect(sa?.prompt).toMatch(/light energy/);
  });

  it("bases its numeric question on the lesson's own minutes, with the right answer", () => {
    const { lesson, quiz: q } = draft(request({ durationMinutes: 40 }));
    const [numeric] = ofType(q, "NUMERIC");
    const first = lesson?.sections[0]?.minutes ?? 0;
    const last = lesson?.sections.at(-1)?.minutes ?? 0;
    expect(numeric?.prompt).toContain(`The warm-up takes ${first} minutes`);
    expect(numeric?.answer).toEqual({ value: 40 - first - last, tolerance: 0 });
  });

  it("keeps numbers small for the youngest students", () => {
    const values = ofType(draft(request({ gradeLevel: "K", questionCount: 20 })).quiz, "NUMERIC").map(
      (x) => x.answer.value,
    );
    expect(values.every((v) => v >= 0 && v <= 20)).toBe(true);
  });

  it("marks exactly the right option of every single-choice vocabulary question", () => {
    const { outline, quiz: q } = draft(request({ questionCount: 20 }));
    for (const sc of ofType(q, "SINGLE_CHOICE")) {
      const chosen = sc.options.find((o) => o.id === sc.answer.correct[0]);
      const definition = outline.vocabulary.find((v) => v.term === chosen?.text)?.definition;
      if (definition) expect(sc.prompt).toContain(definition.replace(/\.$/, ""));
    }
  });

  it("is deterministic", () => {
    expect(draft().quiz).toEqual(draft().quiz);
  });

  it("raises no reviewer findings on its own drafts", () => {
    for (const { request: r } of requestMatrix) {
      expect(quizFindings(draft(r).quiz, r).filter((f) => f.finding.severity !== "info")).toEqual([]);
    }
  });

  it("reports a quiz with the wrong number of questions", () => {
    const r = request({ questionCount: 5 });
    const { outline, lesson, quiz: q } = draft(r);
    const short = { ...q, questions: q.questions.slice(0, 4) };
    expect(quiz.check(short, { request: r, outline, lesson, revision: null })).toEqual([
      "The quiz has 4 questions; it must have exactly 5",
    ]);
  });

  it("fixes missing explanations, a zero tolerance and the question count in a revision", () => {
    const r = request({ questionCount: 5 });
    const { outline, lesson, quiz: q } = draft(r);
    const previous: QuizDraft = quizDraftSchema.parse({
      ...q,
      questions: [
        ...q.questions.slice(0, 3).map((x) => ({ ...x, explanation: null })),
        { type: "NUMERIC", prompt: "What is 7 ÷ 2?", explanation: "", answer: { value: 3.5, tolerance: 0 } },
      ],
    });
    expect(quizFindings(previous, r).filter((f) => f.finding.severity !== "info").length).toBeGreaterThanOrEqual(3);
    const revised = quiz.offline({
      request: r,
      outline,
      lesson,
      revision: { instructions: "Add explanations and a tolerance.", findings: [], previous },
    });
    expect(revised.questions).toHaveLength(5);
    expect(revised.questions.slice(0, 3).map((x) => x.prompt)).toEqual(q.questions.slice(0, 3).map((x) => x.prompt));
    expect(revised.questions.every((x) => (x.explanation ?? "").trim() !== "")).toBe(true);
    const numeric = ofType(revised, "NUMERIC").find((x) => x.prompt === "What is 7 ÷ 2?");
    expect(numeric?.answer.tolerance).toBeGreaterThan(0);
    expect(quizFindings(revised, r).filter((f) => f.finding.severity !== "info")).toEqual([]);
    expect(quiz.check(revised, { request: r, outline, lesson, revision: null })).toEqual([]);
  });

  it("drops a question that asks for personal information in a revision", () => {
    const r = request({ questionCount: 3 });
    const { outline, lesson, quiz: q } = draft(r);
    const previous = quizDraftSchema.parse({
      ...q,
      questions: [
        ...q.questions.slice(0, 2),
        {
          type: "SHORT_ANSWER",
          prompt: "What is your email address?",
          explanation: "So we can reach you.",
          answer: { accepted: ["x"] },
        },
      ],
    });
    expect(quizFindings(previous, r).some((f) => f.finding.category === "privacy")).toBe(true);
    const revised = quiz.offline({
      request: r,
      outline,
      lesson,
      revision: { instructions: "Remove the email question.", findings: [], previous },
    });
    expect(revised.questions).toHaveLength(3);
    expect(JSON.stringify(revised)).not.toMatch(/email/i);
  });

  it("ends its prompt with the input as a JSON block, and asks for the exact count", () => {
    const r = request({ questionCount: 7 });
    const { outline, lesson } = draft(r);
    const input = { request: r, outline, lesson, revision: null };
    const { system, user } = quiz.prompt(input);
    expect(system).toMatch(/SHORT_ANSWER/);
    expect(user).toContain("exactly 7 questions");
    expect(inputOfPrompt(user)).toEqual(input);
  });

  it("puts the reviewer's findings in the prompt of a revision", () => {
    const r = request();
    const { outline, lesson, quiz: previous } = draft(r);
    const { user } = quiz.prompt({
      request: r,
      outline,
      lesson,
      revision: {
        instructions: "Explain question 2.",
        findings: ["[warning] accessibility, quiz: Question 2 has no explanation"],
        previous,
      },
    });
    expect(user).toContain("Explain question 2.");
    expect(user).toContain("[warning] accessibility, quiz: Question 2 has no explanation");
  });
});
