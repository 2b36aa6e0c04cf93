import { type LessonDraft, lessonDraftSchema } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { lessonFindings, lessonReadingGrade, readingLimit } from "../providers/offline/findings";
import { sentencesOf, wordsOf } from "../providers/offline/text";
import { agents } from "./index";
import { inputOfPrompt, request, requestMatrix } from "./test-fixtures";

const { supervisor, content, review } = agents;

const draft = (r = request()) => {
  const outline = supervisor.offline({ request: r });
  return { outline, lesson: content.offline({ request: r, outline, revision: null }) };
};

const text = (lesson: LessonDraft) => lesson.sections.map((s) => `${s.heading}\n${s.markdown}`).join("\n");

const averageSentenceLength = (lesson: LessonDraft) => {
  const sentences = sentencesOf(text(lesson));
  return sentences.reduce((a, s) => a + wordsOf(s).length, 0) / sentences.length;
};

/** A lesson a real model might write: it asks students for their home address. */
function lessonAskingForAddress(r = request()): LessonDraft {
  const { lesson } = draft(r);
  const sections = lesson.sections.map((s, i) =>
    i === lesson.sections.length - 1
      ? {
          ...s,
          markdown: `${s.markdown}\n\n- Write your home address on the exit ticket so we can mail you a seed packet. Then share one fact you learned.`,
        }
      : s,
  );
  return { ...lesson, sections };
}

const reviewLesson = (r: ReturnType<typeof request>, lesson: LessonDraft, revised: "content"[] = []) =>
  review.offline({ request: r, lesson, quiz: null, terrain: null, scripts: null, standards: null, revised });

describe("the content agent", () => {
  it.each(requestMatrix)("drafts a valid lesson that passes its checks: $label", ({ request: r }) => {
    const { outline, lesson } = draft(r);
    expect(lessonDraftSchema.parse(lesson)).toEqual(lesson);
    expect(content.check(lesson, { request: r, outline, revision: null })).toEqual([]);
  });

  it.each([10, 15, 19, 20, 40, 59, 60, 89, 90, 137, 180])(
    "fits its sections to a %i-minute lesson",
    (durationMinutes) => {
      const { lesson } = draft(request({ durationMinutes }));
      expect(lesson.sections.reduce((a, s) => a + s.minutes, 0)).toBe(durationMinutes);
      expect(lesson.sections.every((s) => s.minutes >= 1)).toBe(true);
    },
  );

  it("follows a warm-up, instruction, practice, check and wrap-up structure", () => {
    const headings = draft(request({ durationMinutes: 40 })).lesson.sections.map((s) => s.heading);
    expect(headings).toEqual([
      "Warm-up: What Do We Notice About Photosynthesis?",
      "Direct Instruction: What Is Photosynthesis?",
      "Guided Practice: Roblox Lab Stations",
      "Check for Understanding: Quiz",
      "Wrap-up and Exit Ticket",
    ]);
  });

  it("adds independent practice and discussion to long lessons", () => {
    const headings = draft(request({ durationMinutes: 90 })).lesson.sections.map((s) => s.heading);
    expect(headings).toContain("Independent Practice");
    expect(headings).toContain("Discussion and Movement Break");
  });

  it("writes about the topic in every section", () => {
    const { lesson } = draft(request({ topic: "The water cycle", subject: "Earth Science", gradeLevel: "4" }));
    expect(lesson.title).toContain("water cycle");
    expect(text(lesson)).toMatch(/evaporation/);
    expect(lesson.sections.filter((s) => /water cycle|lab|quiz|corner/i.test(s.markdown)).length).toBe(
      lesson.sections.length,
    );
  });

  it("writes shorter sentences for emerging readers than for advanced readers", () => {
    const emerging = draft(request({ readingLevel: "EMERGING" })).lesson;
    const advanced = draft(request({ readingLevel: "ADVANCED" })).lesson;
    expect(averageSentenceLength(emerging)).toBeLessThan(averageSentenceLength(advanced));
    expect(lessonReadingGrade(emerging, request())).toBeLessThan(lessonReadingGrade(advanced, request()) ?? 0);
  });

  it.each(requestMatrix)("stays within the reading limit of its request: $label", ({ request: r }) => {
    const grade = lessonReadingGrade(draft(r).lesson, r);
    const limit = readingLimit(r);
    if (grade !== null && limit !== null) expect(grade).toBeLessThanOrEqual(limit);
  });

  it("uses richer academic vocabulary at the advanced level", () => {
    expect(text(draft(request({ readingLevel: "ADVANCED" })).lesson)).toMatch(/misconceptions|Academic vocabulary/);
    expect(text(draft(request({ readingLevel: "EMERGING" })).lesson)).not.toMatch(/misconceptions|Academic vocabulary/);
  });

  it("includes the teacher's notes, without sentences that ask for personal information", () => {
    const r = request({ notes: "Bring seed trays. Students write their home address on the envelope." });
    const all = text(draft(r).lesson);
    expect(all).toContain("Bring seed trays.");
    expect(all).not.toMatch(/home address/);
  });

  it("is deterministic", () => {
    expect(draft().lesson).toEqual(draft().lesson);
  });

  it("reports sections whose minutes do not add up to the lesson length", () => {
    const r = request({ durationMinutes: 40 });
    const { outline, lesson } = draft(r);
    const bad = {
      ...lesson,
      sections: lesson.sections.map((s, i) => (i === 0 ? { ...s, minutes: s.minutes + 5 } : s)),
    };
    expect(content.check(bad, { request: r, outline, revision: null })).toEqual([
      "The sections' minutes add up to 45; they must add up to the lesson length, 40 minutes",
    ]);
  });

  it("removes a request for a home address when the reviewer sends the lesson back, and then passes review", () => {
    const r = request({ parts: ["lesson"], standards: [] });
    const { outline } = draft(r);
    const previous = lessonAskingForAddress(r);
    const first = reviewLesson(r, previous);
    expect(first.verdict).toBe("revise");
    expect(first.revise?.agent).toBe("content");
    const revised = content.offline({
      request: r,
      outline,
      revision: {
        instructions: first.revise?.instructions ?? "",
        findings: first.findings.map((f) => f.message),
        previous,
      },
    });
    expect(text(revised)).not.toMatch(/address/i);
    expect(text(revised)).toContain("Then share one fact you learned.");
    expect(content.check(revised, { request: r, outline, revision: null })).toEqual([]);
    const second = reviewLesson(r, revised, ["content"]);
    expect(second.verdict).toBe("approved");
    expect(second.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("simplifies the lesson when the reviewer finds the reading level too high", () => {
    const r = request({ gradeLevel: "3", readingLevel: "EMERGING", parts: ["lesson"], standards: [] });
    const { outline, lesson } = draft(r);
    const hard: LessonDraft = {
      ...lesson,
      sections: lesson.sections.map((s) => ({
        ...s,
        markdown:
          "Photosynthesis constitutes the fundamental biochemical mechanism whereby autotrophic organisms systematically transform electromagnetic radiation into chemically stored potential energy, simultaneously liberating molecular oxygen as an indispensable byproduct of this extraordinarily consequential physiological transformation. Consequently, comprehensive understanding necessitates considerable conceptual sophistication.",
      })),
    };
    const first = reviewLesson(r, hard);
    expect(first.findings.some((f) => /Reading level/.test(f.message) && f.severity === "warning")).toBe(true);
    const revised = content.offline({
      request: r,
      outline,
      revision: {
        instructions: first.revise?.instructions ?? "",
        findings: first.findings.map((f) => f.message),
        previous: hard,
      },
    });
    expect(lessonReadingGrade(revised, r)).toBeLessThan(lessonReadingGrade(hard, r) ?? 0);
    expect(averageSentenceLength(revised)).toBeLessThan(averageSentenceLength(hard));
    expect(lessonFindings(revised, r).filter((f) => f.finding.severity !== "info")).toEqual([]);
    expect(reviewLesson(r, revised, ["content"]).verdict).toBe("approved");
  });

  it("re-fits the minutes of a revised lesson to the lesson length", () => {
    const r = request({ durationMinutes: 40 });
    const { outline, lesson } = draft(r);
    const previous = { ...lesson, sections: lesson.sections.map((s) => ({ ...s, minutes: s.minutes * 2 })) };
    const revised = content.offline({
      request: r,
      outline,
      revision: { instructions: "Fix the timing.", findings: [], previous },
    });
    expect(revised.sections.reduce((a, s) => a + s.minutes, 0)).toBe(40);
    expect(revised.sections.map((s) => s.heading)).toEqual(lesson.sections.map((s) => s.heading));
  });

  it("ends its prompt with the input as a JSON block", () => {
    const r = request();
    const input = { request: r, outline: draft(r).outline, revision: null };
    const { user } = content.prompt(input);
    expect(inputOfPrompt(user)).toEqual(input);
    expect(user).toContain("exactly 40 minutes");
  });

  it("puts the reviewer's instructions and findings in the prompt of a revision", () => {
    const r = request();
    const { outline, lesson } = draft(r);
    const input = {
      request: r,
      outline,
      revision: {
        instructions: "Remove the request for a home address.",
        findings: ["[blocker] privacy, lesson: Asks for a home address"],
        previous: lesson,
      },
    };
    const { user } = content.prompt(input);
    expect(user).toContain("Remove the request for a home address.");
    expect(user).toContain("[blocker] privacy, lesson: Asks for a home address");
    expect(user).toMatch(/corrected/);
    expect(inputOfPrompt(user)).toEqual(input);
  });
});
