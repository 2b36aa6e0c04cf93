// The reviewer's heuristics, one function per part. The review agent's offline draft is built from
// these, and the offline drafting agents run them on their own revisions to prove the findings
// they were sent back with are fixed.
import type {
  GenerateRequest,
  LessonDraft,
  QuizDraft,
  ReviewFinding,
  ScriptBundle,
  StandardsAlignment,
  TerrainSpec,
} from "@toolboxai/validators";
import { gradeLabel, gradeNumber } from "../../agents/prompt";
import type { RevisableAgent } from "../../agents/review";
import { trivialQuestions } from "../../agents/trivial-questions";
import { checkLuau } from "../../luau";
import { ageWords, clip, fleschKincaid, keyTermOf, privacyIssues } from "./text";

/** A finding and the agent that can fix it (null: nobody can, e.g. a standards note). */
export interface AgentFinding {
  agent: RevisableAgent | null;
  finding: ReviewFinding;
}

export function isSerious(f: ReviewFinding): boolean {
  return f.severity !== "info";
}

function finding(
  agent: RevisableAgent | null,
  part: ReviewFinding["part"],
  severity: ReviewFinding["severity"],
  category: ReviewFinding["category"],
  message: string,
): AgentFinding {
  return { agent, finding: { severity, category, part, message: clip(message, 1000) } };
}

/** "Question 2 has" / "Questions 2 and 5 have". */
function numbered(noun: string, numbers: (number | string)[], verbs: [string, string] = ["has", "have"]): string {
  if (numbers.length === 1) return `${noun} ${numbers[0]} ${verbs[0]}`;
  return `${noun}s ${numbers.slice(0, -1).join(", ")} and ${numbers.at(-1)} ${verbs[1]}`;
}

/** Phrases the teacher chose (the topic and its key term) are never held against a draft. */
function teacherPhrases(request: GenerateRequest): string[] {
  return [request.topic, keyTermOf(request.topic)];
}

/** The reading grade a request aims at, and the highest Flesch–Kincaid grade that is still fine (null: no limit). */
export function readingLimit(request: Pick<GenerateRequest, "gradeLevel" | "readingLevel">): number | null {
  if (request.readingLevel === "ADVANCED") return null;
  const target = gradeNumber(request.gradeLevel) - (request.readingLevel === "EMERGING" ? 1 : 0);
  return Math.max(target, 2) + 3;
}

export function lessonText(lesson: LessonDraft): string {
  return [lesson.title, lesson.description, ...lesson.sections.flatMap((s) => [s.heading, s.markdown])].join("\n\n");
}

export function lessonReadingGrade(lesson: LessonDraft, request: GenerateRequest): number | null {
  return fleschKincaid(
    [lesson.description, ...lesson.sections.flatMap((s) => [s.heading, s.markdown])].join("\n\n"),
    teacherPhrases(request),
  );
}

function textFindings(
  agent: RevisableAgent,
  part: ReviewFinding["part"],
  what: string,
  text: string,
  request: GenerateRequest,
): AgentFinding[] {
  const out = privacyIssues(text).map((i) => finding(agent, part, i.severity, i.category, `${what}: ${i.message}`));
  const words = ageWords(text, gradeNumber(request.gradeLevel), teacherPhrases(request));
  if (words.length > 0) {
    out.push(
      finding(
        agent,
        part,
        "warning",
        "age",
        `${what} uses words not suited to ${gradeLabel(request.gradeLevel)}: ${words.join(", ")}. Replace them or remove those sentences.`,
      ),
    );
  }
  return out;
}

export function lessonFindings(lesson: LessonDraft, request: GenerateRequest): AgentFinding[] {
  const out: AgentFinding[] = [];
  const fk = lessonReadingGrade(lesson, request);
  const limit = readingLimit(request);
  if (fk !== null && limit !== null && fk > limit) {
    const level = request.readingLevel === "EMERGING" ? "emerging" : "on-grade";
    out.push(
      finding(
        "content",
        "lesson",
        "warning",
        "accessibility",
        `Reading level is about grade ${fk} (Flesch–Kincaid), well above what ${level} readers in ${gradeLabel(request.gradeLevel)} can read (at most grade ${limit}). Use shorter sentences and simpler words.`,
      ),
    );
  } else if (fk !== null) {
    out.push(
      finding("content", "lesson", "info", "accessibility", `Reading level is about grade ${fk} (Flesch–Kincaid).`),
    );
  }
  out.push(...textFindings("content", "lesson", "The lesson", lessonText(lesson), request));

  const total = lesson.sections.reduce((a, s) => a + s.minutes, 0);
  if (total !== request.durationMinutes) {
    out.push(
      finding(
        "content",
        "lesson",
        "warning",
        "accuracy",
        `The sections add up to ${total} minutes, but the lesson is ${request.durationMinutes} minutes long.`,
      ),
    );
  }
  const blank = lesson.sections.flatMap((s, i) => (s.heading.trim() === "" ? [i + 1] : []));
  if (blank.length > 0) {
    out.push(
      finding(
        "content",
        "lesson",
        "warning",
        "accessibility",
        `${numbered("Section", blank)} no heading; headings help screen-reader users navigate.`,
      ),
    );
  }
  const noAlt = lesson.sections.flatMap((s, i) => (/!\[\s*\]\(/.test(s.markdown) ? [i + 1] : []));
  if (noAlt.length > 0) {
    out.push(
      finding(
        "content",
        "lesson",
        "warning",
        "accessibility",
        `${numbered("Section", noAlt)} images without alt text; describe each image.`,
      ),
    );
  }
  const walls = lesson.sections.flatMap((s, i) =>
    s.markdown.split("\n").some((line) => line.length > 1200) ? [i + 1] : [],
  );
  if (walls.length > 0) {
    out.push(
      finding(
        "content",
        "lesson",
        "info",
        "accessibility",
        `${numbered("Section", walls)} very long paragraphs; break them into short steps or lists.`,
      ),
    );
  }
  return out;
}

export function quizFindings(quiz: QuizDraft, request: GenerateRequest): AgentFinding[] {
  const out: AgentFinding[] = [];
  if (quiz.questions.length !== request.questionCount) {
    out.push(
      finding(
        "quiz",
        "quiz",
        "warning",
        "accuracy",
        `The quiz has ${quiz.questions.length} questions; the teacher asked for ${request.questionCount}.`,
      ),
    );
  }
  const missing: number[] = [];
  const empty: number[] = [];
  const tolerance: number[] = [];
  const longAnswers: number[] = [];
  const prompts = new Map<string, number>();
  const duplicates: number[] = [];
  quiz.questions.forEach((q, i) => {
    if (q.explanation === null || q.explanation === undefined) missing.push(i + 1);
    else if (q.explanation.trim() === "") empty.push(i + 1);
    if (q.type === "NUMERIC" && !Number.isInteger(q.answer.value) && q.answer.tolerance === 0) tolerance.push(i + 1);
    if (q.type === "SHORT_ANSWER" && q.answer.accepted.some((a) => a.split(/\s+/).length > 6)) longAnswers.push(i + 1);
    const key = q.prompt.trim().toLowerCase();
    if (prompts.has(key)) duplicates.push(i + 1);
    prompts.set(key, i);
  });
  if (missing.length > 0) {
    out.push(
      finding(
        "quiz",
        "quiz",
        "warning",
        "accessibility",
        `${numbered("Question", missing)} no explanation, so students get no feedback on their answer. Add a short explanation to each.`,
      ),
    );
  }
  if (empty.length > 0) {
    out.push(
      finding(
        "quiz",
        "quiz",
        "warning",
        "accuracy",
        `${numbered("Question", empty)} an empty explanation, so the answer key cannot be checked. Explain why the answer is right.`,
      ),
    );
  }
  if (tolerance.length > 0) {
    out.push(
      finding(
        "quiz",
        "quiz",
        "warning",
        "accuracy",
        `${numbered("Numeric question", tolerance)} a non-whole answer with tolerance 0, so rounded answers are marked wrong. Set a small tolerance.`,
      ),
    );
  }
  if (duplicates.length > 0) {
    out.push(
      finding(
        "quiz",
        "quiz",
        "warning",
        "accuracy",
        `${numbered("Question", duplicates, ["repeats", "repeat"])} an earlier question.`,
      ),
    );
  }
  const trivial = trivialQuestions(quiz, request);
  if (trivial.length > 0) {
    const why = trivial.map((t) => `question ${t.number}: ${t.reason}`).join("; ");
    out.push(
      finding(
        "quiz",
        "quiz",
        "warning",
        "accuracy",
        `${numbered(
          "Question",
          trivial.map((t) => t.number),
          ["gives", "give"],
        )} its answer away in the stem (${why}), so it checks nothing. Ask about the idea without stating the answer.`,
      ),
    );
  }
  if (longAnswers.length > 0) {
    out.push(
      finding(
        "quiz",
        "quiz",
        "info",
        "accuracy",
        `${numbered("Short-answer question", longAnswers, ["accepts", "accept"])} long answers that students are unlikely to type exactly.`,
      ),
    );
  }
  const text = [
    quiz.title,
    quiz.instructions,
    ...quiz.questions.flatMap((q) => [
      q.prompt,
      q.explanation ?? "",
      ...q.options.map((o) => o.text),
      ...(q.type === "SHORT_ANSWER" ? q.answer.accepted : []),
    ]),
  ].join("\n");
  out.push(...textFindings("quiz", "quiz", "The quiz", text, request));
  return out;
}

export function terrainFindings(
  terrain: TerrainSpec,
  quiz: QuizDraft | null,
  request: GenerateRequest,
): AgentFinding[] {
  const out: AgentFinding[] = [];
  const blank = terrain.stations.flatMap((s) => (s.prompt.trim() === "" ? [s.id] : []));
  if (blank.length > 0) {
    out.push(
      finding(
        "terrain",
        "environment",
        "warning",
        "accessibility",
        `${numbered("Station", blank)} an empty prompt; every station needs text students can read.`,
      ),
    );
  }
  const count = quiz?.questions.length ?? 0;
  const badIndex = terrain.stations.flatMap((s) =>
    s.kind === "quiz" && (s.questionIndex === null || s.questionIndex >= count) ? [s.id] : [],
  );
  if (badIndex.length > 0) {
    out.push(
      finding(
        "terrain",
        "environment",
        "warning",
        "accuracy",
        `${numbered("Quiz station", badIndex, ["does", "do"])} not point at a question of the quiz.`,
      ),
    );
  }
  if (quiz) {
    const covered = new Set(
      terrain.stations.flatMap((s) => (s.kind === "quiz" && s.questionIndex !== null ? [s.questionIndex] : [])),
    );
    const uncovered = quiz.questions.flatMap((_, i) => (covered.has(i) ? [] : [i + 1]));
    if (uncovered.length > 0) {
      out.push(
        finding(
          "terrain",
          "environment",
          "warning",
          "accuracy",
          `${numbered("Quiz question", uncovered)} no quiz station in the lab.`,
        ),
      );
    }
  }
  const outside = terrain.stations.flatMap((s) =>
    Math.abs(s.position.x) > terrain.size.x / 2 || Math.abs(s.position.z) > terrain.size.z / 2 ? [s.id] : [],
  );
  if (outside.length > 0) {
    out.push(
      finding(
        "terrain",
        "environment",
        "warning",
        "accuracy",
        `${numbered("Station", outside, ["is", "are"])} outside the terrain.`,
      ),
    );
  }
  const text = [
    terrain.name,
    terrain.description,
    ...terrain.stations.flatMap((s) => [s.name, s.prompt]),
    ...terrain.props.map((p) => p.name),
  ].join("\n");
  out.push(...textFindings("terrain", "environment", "The lab's stations", text, request));
  return out;
}

const TEXT_UI = /\b(?:TextLabel|TextButton|TextBox)\b/;

export function scriptFindings(bundle: ScriptBundle, request: GenerateRequest): AgentFinding[] {
  const out: AgentFinding[] = [];
  for (const script of bundle.scripts) {
    const parsed = checkLuau(script.source);
    if (!parsed.ok) {
      out.push(
        finding(
          "script",
          "environment",
          "blocker",
          "accuracy",
          `Script ${script.name} does not parse as Lua 5.1${parsed.line ? ` (line ${parsed.line})` : ""}: ${parsed.error}`,
        ),
      );
    }
    if (/\bHttpService\b/.test(script.source)) {
      out.push(
        finding(
          "script",
          "environment",
          "warning",
          "privacy",
          `Script ${script.name} uses HttpService, which can send student data out of the game. Remove web requests.`,
        ),
      );
    }
  }
  if (!bundle.scripts.some((s) => s.kind === "client" && TEXT_UI.test(s.source))) {
    out.push(
      finding(
        "script",
        "environment",
        "warning",
        "accessibility",
        "No client script shows the station text on screen (TextLabel); students who cannot see the 3D signs need readable text.",
      ),
    );
  }
  const text = bundle.scripts.map((s) => `${s.purpose}\n${s.source}`).join("\n");
  out.push(...textFindings("script", "environment", "The scripts", text, request));
  return out;
}

export function standardsFindings(alignment: StandardsAlignment): AgentFinding[] {
  return alignment.alignments.flatMap((a) =>
    a.strength === "weak"
      ? a.coveredBy
          .slice(0, 1)
          .map((part) =>
            finding(null, part, "info", "accuracy", `Standard ${a.code} is only weakly covered: ${a.evidence}`),
          )
      : [],
  );
}

/** True when a draft has no finding above info: what every offline revision must reach. */
export function clean(findings: AgentFinding[]): boolean {
  return !findings.some((f) => isSerious(f.finding));
}
