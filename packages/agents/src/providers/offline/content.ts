// The content agent's offline drafts: the first lesson, fitted to the request, and its revision when
// the reviewer sends it back.
import { type GenerateRequest, type LessonDraft, lessonDraftSchema, type Outline } from "@toolboxai/validators";
import { type ContentInput, content, contentInputSchema } from "../../agents/content";
import { gradeLabel } from "../../agents/prompt";
import { body, type Ctx, heading } from "./content-sections";
import { clean, lessonFindings } from "./findings";
import { allocateMinutes, normalized, pick, type Style, sectionPlan, topicInfo } from "./kit";
import { clip, scrubText } from "./text";

function description(ctx: Ctx): string {
  const { request, info } = ctx;
  const parts = [
    pick(ctx.style, {
      simple: `A ${request.durationMinutes}-minute lesson about ${info.term} for ${gradeLabel(request.gradeLevel)}.`,
      standard: `A ${request.durationMinutes}-minute ${request.subject} lesson on ${info.term} for ${gradeLabel(request.gradeLevel)}.`,
    }),
    ctx.env ? "Students explore a Roblox lab." : "",
    ctx.quiz ? `A ${request.questionCount}-question quiz checks what they learned.` : "",
    request.standards.length > 0 ? `Standards: ${request.standards.join(", ")}.` : "",
  ];
  return clip(parts.filter(Boolean).join(" "), 2000);
}

/** The first draft: always valid, fitted to the request, and clean for the reviewer's heuristics. */
export function draftLesson(request: GenerateRequest, outline: Outline, style?: Style): LessonDraft {
  const info = topicInfo(request);
  const ctx: Ctx = {
    request,
    outline,
    info,
    style: style ?? info.style,
    env: request.parts.includes("environment"),
    quiz: request.parts.includes("quiz"),
  };
  const plan = sectionPlan(request.durationMinutes);
  // Short lessons have no check section: the quiz is given in the wrap-up instead.
  const quizLater = ctx.quiz && !plan.some((s) => s.kind === "check");
  return {
    title: clip(outline.title || `${info.Term}: ${request.subject}`, 200),
    description: description(ctx),
    sections: plan.map((s) => ({
      heading: clip(heading(s.kind, ctx), 200),
      markdown: clip(body(s.kind, ctx, quizLater), 20_000),
      minutes: s.minutes,
    })),
  };
}

const READING_HINT = /reading|sentence|readab|simpl|vocabular|complex|difficult|hard to read|grade level|flesch/i;

/**
 * A revision: starts from the previous draft, removes sentences with privacy or age problems,
 * fixes the minutes, and rewrites in the simple style when the reading level was the problem.
 * Falls back to a fresh simple draft when the result still would not pass the review.
 */
export function reviseLesson(input: ContentInput & { revision: NonNullable<ContentInput["revision"]> }): LessonDraft {
  const { request, outline, revision } = input;
  const info = topicInfo(request);
  const previous = revision.previous;
  // The instructions, or a serious finding, about reading level (an info note on it is not a request).
  const readingAsked =
    READING_HINT.test(revision.instructions) ||
    revision.findings.some((f) => /^\[(?:warning|blocker)\]/.test(f) && READING_HINT.test(f));
  const exclude = [request.topic];

  let sections = previous.sections
    .map((s) => ({
      heading: scrubText(s.heading, info.grade, exclude) || "Section",
      markdown: scrubText(s.markdown, info.grade, exclude),
      minutes: s.minutes,
    }))
    .filter((s) => s.markdown.trim() !== "");
  if (readingAsked || sections.length < 2) {
    sections = draftLesson(request, outline, "simple").sections;
  }
  const total = sections.reduce((a, s) => a + s.minutes, 0);
  if (total !== request.durationMinutes && sections.length <= request.durationMinutes) {
    const minutes = allocateMinutes(
      request.durationMinutes,
      sections.map((s) => s.minutes),
    );
    sections = sections.map((s, i) => ({ ...s, minutes: minutes[i] ?? 1 }));
  }
  const revised: LessonDraft = {
    title: clip(scrubText(previous.title, info.grade, exclude) || outline.title, 200),
    description: clip(scrubText(previous.description, info.grade, exclude), 2000),
    sections: sections.slice(0, 12),
  };
  const ok =
    lessonDraftSchema.safeParse(revised).success &&
    content.check(revised, input).length === 0 &&
    clean(lessonFindings(revised, request));
  if (ok) return revised;
  const fresh = draftLesson(request, outline, "simple");
  return { ...fresh, title: revised.title || fresh.title };
}

/** The content agent's offline answer: a revision when the reviewer sent the lesson back, else a first draft. */
export function offlineContent(raw: ContentInput): LessonDraft {
  const input = normalized(contentInputSchema, raw);
  if (input.revision) return reviseLesson({ ...input, revision: input.revision });
  return draftLesson(input.request, input.outline);
}
