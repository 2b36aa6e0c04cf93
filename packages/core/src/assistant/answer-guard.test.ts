// The tutor's answer guard: which keys a student's open attempts hold (on a real database, quizzes
// built and taken through the services), and how replies are read against them.
import {
  createAssignmentSchema,
  createContentSchema,
  type QuestionInput,
  type QuestionType,
  questionSchema,
} from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssignment } from "../assignments/assignments";
import { startAttempt, submitAttempt } from "../assignments/attempts";
import { addStudent, createClass } from "../classes/classes";
import { createContent } from "../content/content";
import { publishContent } from "../content/content-state";
import { createQuestion } from "../questions/questions";
import { setQuizQuestions } from "../questions/quiz-questions";
import { type Actor, createDomainWorld, type DomainWorld } from "../testing";
import { type AnswerKey, hintFor, loadOpenAnswerKeys, revealsAnswer } from "./answer-guard";

const QUESTIONS: Record<QuestionType, QuestionInput> = {
  SINGLE_CHOICE: {
    type: "SINGLE_CHOICE",
    prompt: "What is the capital of France?",
    options: [
      { id: "a", text: "Lyon" },
      { id: "b", text: "Paris" },
      { id: "c", text: "Marseille" },
    ],
    answer: { correct: ["b"] },
    explanation: "Paris has been the capital of France since 987.",
  },
  MULTIPLE_CHOICE: {
    type: "MULTIPLE_CHOICE",
    prompt: "Which of these are planets?",
    options: [
      { id: "a", text: "Mars" },
      { id: "b", text: "The Moon" },
      { id: "c", text: "Venus" },
    ],
    answer: { correct: ["a", "c"] },
  },
  TRUE_FALSE: { type: "TRUE_FALSE", prompt: "The Sun is a planet.", answer: { value: false } },
  SHORT_ANSWER: {
    type: "SHORT_ANSWER",
    prompt: "Which gas do plants take in to make food?",
    answer: { accepted: ["carbon dioxide", "CO2"] },
  },
  NUMERIC: { type: "NUMERIC", prompt: "What is 6 times 7?", answer: { value: 42, tolerance: 0 } },
};

describe("loadOpenAnswerKeys", () => {
  let w: DomainWorld;
  let student: Actor;
  let other: Actor;
  let teacher: Actor;
  let keys: AnswerKey[];
  const ids = {} as Record<QuestionType | "submitted" | "others", string>;

  /** A published quiz of these questions, assigned to the class; returns the assignment's id. */
  async function assignQuiz(classId: string, title: string, questions: Record<string, QuestionInput>) {
    const ctx = w.svc(teacher);
    for (const [name, q] of Object.entries(questions))
      ids[name as keyof typeof ids] = (await createQuestion(ctx, questionSchema.parse(q))).id;
    const quiz = await createContent(
      ctx,
      createContentSchema.parse({
        type: "QUIZ",
        title,
        subject: "Science",
        gradeLevel: "7",
        body: { instructions: "", draw: null },
      }),
    );
    await setQuizQuestions(ctx, {
      quizId: quiz.id,
      questionIds: Object.keys(questions).map((n) => ids[n as keyof typeof ids]),
    });
    await publishContent(ctx, { contentId: quiz.id });
    return (await createAssignment(ctx, createAssignmentSchema.parse({ classId, contentId: quiz.id }))).id;
  }

  beforeAll(async () => {
    w = await createDomainWorld();
    teacher = await w.actor("a", "TEACHER");
    student = await w.actor("a", "STUDENT");
    other = await w.newActor("a", "STUDENT", "Other Student");
    const cls = await createClass(w.svc(teacher), { name: "Science 7", subject: "Science", gradeLevel: "7" });
    for (const s of [student, other]) await addStudent(w.svc(teacher), { classId: cls.id, studentId: s.userId });

    const open = await assignQuiz(cls.id, "Everything quiz", QUESTIONS);
    const done = await assignQuiz(cls.id, "Finished quiz", {
      submitted: { type: "SHORT_ANSWER", prompt: "Name a noble gas.", answer: { accepted: ["Neon"] } },
    });
    const theirs = await assignQuiz(cls.id, "Someone else's quiz", {
      others: { type: "SHORT_ANSWER", prompt: "Name the largest planet.", answer: { accepted: ["Jupiter"] } },
    });

    await startAttempt(w.svc(student), { assignmentId: open });
    const finished = await startAttempt(w.svc(student), { assignmentId: done });
    await submitAttempt(w.svc(student), { attemptId: finished.attemptId, responses: {} });
    await startAttempt(w.svc(other), { assignmentId: theirs });
    keys = await loadOpenAnswerKeys(w.svc(student));
  });
  afterAll(() => w.t.close());

  const keyFor = (type: QuestionType) => keys.find((k) => k.questionId === ids[type]);

  it("loads the key of a single-choice question: the correct option's text and its letter", () => {
    expect(keyFor("SINGLE_CHOICE")).toEqual({
      questionId: ids.SINGLE_CHOICE,
      prompt: "What is the capital of France?",
      type: "SINGLE_CHOICE",
      answers: ["Paris"],
      letters: ["b", "2"],
      distractors: ["Lyon", "Marseille"],
      explanation: "Paris has been the capital of France since 987.",
    });
  });

  it("loads the key of a multiple-choice question: every correct option", () => {
    expect(keyFor("MULTIPLE_CHOICE")).toMatchObject({
      answers: ["Mars", "Venus"],
      letters: ["a", "1", "c", "3"],
      distractors: ["The Moon"],
    });
  });

  it("loads the key of a true/false question as its verdict", () => {
    expect(keyFor("TRUE_FALSE")).toMatchObject({ type: "TRUE_FALSE", answers: ["false", "not true"] });
  });

  it("loads the key of a short-answer question: every accepted answer", () => {
    expect(keyFor("SHORT_ANSWER")).toMatchObject({ answers: ["carbon dioxide", "CO2"] });
  });

  it("loads the key of a numeric question with its tolerance", () => {
    expect(keyFor("NUMERIC")).toMatchObject({ answers: ["42"], numeric: { value: 42, tolerance: 0 } });
  });

  it("loads the open attempt's questions in the quiz's order", () => {
    expect(keys.map((k) => k.type)).toEqual(Object.keys(QUESTIONS));
  });

  it("leaves out the questions of an attempt already submitted", () => {
    expect(keys.map((k) => k.questionId)).not.toContain(ids.submitted);
  });

  it("leaves out another student's open attempt", async () => {
    expect(keys.map((k) => k.questionId)).not.toContain(ids.others);
    const theirs = await loadOpenAnswerKeys(w.svc(other));
    expect(theirs.map((k) => k.answers)).toEqual([["Jupiter"]]);
  });

  it("loads nothing for someone with no attempt open", async () => {
    expect(await loadOpenAnswerKeys(w.svc(teacher))).toEqual([]);
  });

  it("catches a reply that gives away any of the loaded answers", () => {
    expect(revealsAnswer("Plants take in CO2 through their leaves.", keys)?.questionId).toBe(ids.SHORT_ANSWER);
    expect(revealsAnswer("Six sevens make 42.", keys)?.questionId).toBe(ids.NUMERIC);
    expect(revealsAnswer("Good question! What do you remember about the planets?", keys)).toBeNull();
  });

  it("gives hints that never contain the answer, for every kind of question", () => {
    for (const key of keys) {
      const hint = hintFor(key);
      expect(revealsAnswer(hint, [key])).toBeNull();
      for (const answer of key.answers)
        expect(hint.toLowerCase()).not.toMatch(new RegExp(`\\b${answer.toLowerCase()}\\b`));
    }
  });
});

const paris: AnswerKey = {
  questionId: "q-paris",
  prompt: "What is the capital of France?",
  type: "SHORT_ANSWER",
  answers: ["Paris"],
};
const answer42: AnswerKey = {
  questionId: "q-42",
  prompt: "What is 6 times 7?",
  type: "NUMERIC",
  answers: ["42"],
  numeric: { value: 42, tolerance: 0 },
};
const sunlight: AnswerKey = {
  questionId: "q-sun",
  prompt: "Plants need sunlight to make their food.",
  type: "TRUE_FALSE",
  answers: ["true", "not false"],
};

describe("revealsAnswer: words", () => {
  it("catches the answer stated outright", () => {
    expect(revealsAnswer("The answer is Paris.", [paris])).toBe(paris);
  });

  it("catches the answer whatever its case, accents and punctuation", () => {
    for (const text of ["paris!!", "PARÍS", "It's... Paris?", "(paris)"])
      expect(revealsAnswer(text, [paris])).toBe(paris);
  });

  it("does not see the answer inside another word", () => {
    expect(revealsAnswer("Let's make a comparison.", [paris])).toBeNull();
    expect(revealsAnswer("Parisian cafés are famous.", [paris])).toBeNull();
  });

  it("finds nothing when no quiz is open", () => {
    expect(revealsAnswer("The answer is Paris.", [])).toBeNull();
  });

  it("returns the key whose answer the reply gives away", () => {
    expect(revealsAnswer("Multiply: you get 42.", [paris, answer42])).toBe(answer42);
  });

  it("catches an answer of several words however it is spaced and punctuated", () => {
    const co2: AnswerKey = { questionId: "q", prompt: "Which gas?", type: "SHORT_ANSWER", answers: ["carbon dioxide"] };
    expect(revealsAnswer("It's CARBON\n  dioxide.", [co2])).toBe(co2);
    expect(revealsAnswer("Carbon is in every living thing.", [co2])).toBeNull();
  });
});

describe("revealsAnswer: numbers", () => {
  it("matches a number only as that number", () => {
    for (const text of ["It is 420.", "Try 4.2", "Page 142", "Minus: -42"])
      expect(revealsAnswer(text, [answer42])).toBeNull();
  });

  it("catches the number however it is written", () => {
    for (const text of ["42", "That makes 42.0!", "It's forty-two.", "forty two"])
      expect(revealsAnswer(text, [answer42])).toBe(answer42);
  });

  it("catches any number the grader would accept within the tolerance", () => {
    const g: AnswerKey = { ...answer42, numeric: { value: 9.81, tolerance: 0.01 }, answers: ["9.81"] };
    expect(revealsAnswer("Use 9.8 for g.", [g])).toBe(g);
    expect(revealsAnswer("Use 9.7 for g.", [g])).toBeNull();
  });

  it("lets a reply repeat a number the question shows, unless it states it as the answer", () => {
    const larger: AnswerKey = { ...answer42, prompt: "Which is larger, 42 or 24?" };
    expect(revealsAnswer("Compare 42 and 24 digit by digit: which has more tens?", [larger])).toBeNull();
    expect(revealsAnswer("The answer is 42.", [larger])).toBe(larger);
  });
});

describe("revealsAnswer: true/false", () => {
  it("catches a reply that states the statement's verdict", () => {
    for (const text of ["The answer is true.", "That statement is true!", "It's true.", "It is not false."])
      expect(revealsAnswer(text, [sunlight])).toBe(sunlight);
  });

  it("lets true and false appear in ordinary sentences", () => {
    for (const text of [
      "Is it true that leaves are green? Let's check.",
      "A true scientist tests ideas.",
      "True or false questions can be tricky.",
      "It's true that you can work it out from the lesson: think about what leaves do.",
    ])
      expect(revealsAnswer(text, [sunlight])).toBeNull();
  });

  it("does not count the opposite verdict as a leak", () => {
    expect(revealsAnswer("That statement is false.", [sunlight])).toBeNull();
  });
});

describe("revealsAnswer: letters and common words", () => {
  const lettered: AnswerKey = { ...paris, type: "SINGLE_CHOICE", letters: ["b", "2"] };

  it("catches a letter named as the answer", () => {
    for (const text of ["The answer is B.", "Option B", "I'd go with b.", "B is correct.", "Choice 2, for sure."])
      expect(revealsAnswer(text, [lettered])).toBe(lettered);
  });

  it("lets the letter appear in ordinary sentences", () => {
    for (const text of ["Vitamin B helps your body.", "Plan B is to reread the chapter.", "Point b on the graph."])
      expect(revealsAnswer(text, [lettered])).toBeNull();
  });

  it("does not read the article “a” as option A", () => {
    const a: AnswerKey = { ...lettered, letters: ["a"] };
    expect(revealsAnswer("The answer is a noun, so look for a naming word.", [a])).toBeNull();
    expect(revealsAnswer("The answer is A.", [a])).toBe(a);
  });

  it("counts an answer too common or short to tell only when it is stated as the answer", () => {
    const above: AnswerKey = { ...paris, answers: ["All of the above", "Fe"] };
    expect(revealsAnswer("Read all of the above before choosing. Fe is a symbol.", [above])).toBeNull();
    expect(revealsAnswer("The answer is all of the above.", [above])).toBe(above);
  });

  it("lets a reply list every option, as the question does, without pointing at the right one", () => {
    const choice: AnswerKey = { ...lettered, distractors: ["Lyon", "Marseille"] };
    expect(revealsAnswer("Your options are Lyon, Paris and Marseille. Which is the capital?", [choice])).toBeNull();
    expect(revealsAnswer("Think about Paris.", [choice])).toBe(choice);
  });
});

describe("revealsAnswer: an answer that is part of the question", () => {
  const gas: AnswerKey = {
    questionId: "q-gas",
    prompt: "Which gas do plants take in: oxygen or carbon dioxide?",
    type: "SINGLE_CHOICE",
    answers: ["carbon dioxide"],
  };

  it("lets a reply repeat the question's own words", () => {
    const reply = "The question asks which gas plants take in: oxygen or carbon dioxide. What do leaves need?";
    expect(revealsAnswer(reply, [gas])).toBeNull();
  });

  it("still catches the answer stated as the answer", () => {
    expect(revealsAnswer("The answer is carbon dioxide.", [gas])).toBe(gas);
    expect(revealsAnswer("Carbon dioxide is correct.", [gas])).toBe(gas);
  });
});

describe("hintFor", () => {
  it("names the question and gives nothing away", () => {
    const hint = hintFor(paris);
    expect(hint).toContain("What is the capital of France?");
    expect(hint).toContain("can't give you the answer");
    expect(revealsAnswer(hint, [paris])).toBeNull();
  });

  it("uses the explanation's first sentence when it gives nothing away", () => {
    const key = { ...sunlight, explanation: "Think about where leaves get their energy. It is true: they need light." };
    const hint = hintFor(key);
    expect(hint).toContain("Think about where leaves get their energy.");
    expect(hint).not.toContain("It is true");
  });

  it("leaves out an explanation that names the answer", () => {
    const hint = hintFor({ ...paris, explanation: "Paris has been the capital of France since 987." });
    expect(hint).not.toContain("987");
    expect(hint.toLowerCase()).not.toContain("paris");
  });

  it("falls back to a generic hint when the usual wording would contain the answer", () => {
    const think: AnswerKey = { ...paris, answers: ["think"] };
    const hint = hintFor(think);
    expect(hint.toLowerCase()).not.toContain("think");
    expect(revealsAnswer(hint, [think])).toBeNull();
  });
});
