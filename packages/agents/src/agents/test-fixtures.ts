// Shared by the agents' tests: a spread of teacher requests and an in-memory run of the offline
// agents in pipeline order (including the reviewer's one revision), without a database.
import {
  type GenerateRequest,
  type GenerateRequestInput,
  type GenerationPart,
  generateRequestSchema,
  type LessonDraft,
  type Outline,
  type QuizDraft,
  type ReviewReport,
  type ScriptBundle,
  type StandardsAlignment,
  type TerrainSpec,
} from "@toolboxai/validators";
import { agents } from "./index";
import type { ReviewInput } from "./review";

const { supervisor, content, quiz, terrain, script, standards, review } = agents;

export const request = (overrides: Partial<GenerateRequestInput> = {}): GenerateRequest =>
  generateRequestSchema.parse({
    topic: "Photosynthesis",
    subject: "Life Science",
    gradeLevel: "7",
    parts: ["lesson", "quiz", "environment"],
    standards: ["MS-LS1-6"],
    questionCount: 5,
    ...overrides,
  });

const grades = ["K", "3", "7", "11", "Adult"] as const;
const subjects: [string, string, string[]][] = [
  ["Life Science", "Photosynthesis", ["MS-LS1-6", "HS-LS1-5"]],
  ["Math", "Fractions on a number line", ["CCSS.MATH.CONTENT.3.NF.A.1"]],
  ["History", "The causes of the American Revolution", ["CCSS.ELA-LITERACY.RH.6-8.2", "STATE-HIST-4.2"]],
];
const levels = ["EMERGING", "ON_GRADE", "ADVANCED"] as const;
const durations = [15, 40, 90];
export const partCombos: GenerationPart[][] = [
  ["lesson"],
  ["quiz"],
  ["environment"],
  ["lesson", "quiz"],
  ["lesson", "environment"],
  ["quiz", "environment"],
  ["lesson", "quiz", "environment"],
];

/** Every grade × subject × reading level, with durations, parts, question counts and standards rotating. */
export const requestMatrix: { label: string; request: GenerateRequest }[] = (() => {
  const out: { label: string; request: GenerateRequest }[] = [];
  let i = 0;
  for (const gradeLevel of grades) {
    for (const [subject, topic, codes] of subjects) {
      for (const readingLevel of levels) {
        const durationMinutes = durations[i % durations.length] ?? 40;
        const parts = partCombos[i % partCombos.length] ?? ["lesson"];
        const withStandards = i % 2 === 0;
        const questionCount = 3 + ((i * 7) % 18);
        const r = request({
          topic,
          subject,
          gradeLevel,
          readingLevel,
          durationMinutes,
          parts,
          questionCount,
          standards: withStandards ? codes : [],
          notes: i % 4 === 0 ? "Two students use screen readers; keep group work in pairs." : "",
        });
        out.push({
          label: `${subject}, grade ${gradeLevel}, ${readingLevel}, ${durationMinutes} min, ${parts.join("+")}, ${questionCount} q, ${withStandards ? "standards" : "no standards"}`,
          request: r,
        });
        i += 1;
      }
    }
  }
  return out;
})();

/** JSON round trip: what a model (or the fake server) sees and answers. */
export const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export interface OfflineRun {
  request: GenerateRequest;
  outline: Outline;
  lesson: LessonDraft | null;
  quiz: QuizDraft | null;
  terrain: TerrainSpec | null;
  scripts: ScriptBundle | null;
  standards: StandardsAlignment | null;
  firstReview: ReviewReport;
  review: ReviewReport;
  revised: ReviewInput["revised"];
}

/** Runs the offline agents like the pipeline does, each answer validated by its schema. */
export function runOffline(req: GenerateRequest): OfflineRun {
  const outline = supervisor.outputSchema.parse(supervisor.offline({ request: req }));
  const wants = (p: GenerationPart) => req.parts.includes(p);
  let lesson = wants("lesson")
    ? content.outputSchema.parse(content.offline({ request: req, outline, revision: null }))
    : null;
  let q = wants("quiz")
    ? quiz.outputSchema.parse(quiz.offline({ request: req, outline, lesson, revision: null }))
    : null;
  let t = wants("environment")
    ? terrain.outputSchema.parse(terrain.offline({ request: req, outline, quiz: q, revision: null }))
    : null;
  let s = t ? script.outputSchema.parse(script.offline({ request: req, terrain: t, revision: null })) : null;
  const st =
    req.standards.length > 0
      ? standards.outputSchema.parse(standards.offline({ request: req, outline, lesson, quiz: q, terrain: t }))
      : null;
  const revised: ReviewInput["revised"] = [];
  const reviewInput = (): ReviewInput => ({
    request: req,
    lesson,
    quiz: q,
    terrain: t,
    scripts: s,
    standards: st,
    revised,
  });
  const firstReview = review.outputSchema.parse(review.offline(reviewInput()));
  let final = firstReview;
  if (firstReview.verdict === "revise" && firstReview.revise) {
    const findings = firstReview.findings.map((f) => `[${f.severity}] ${f.category}, ${f.part}: ${f.message}`);
    const rev = { instructions: firstReview.revise.instructions, findings };
    switch (firstReview.revise.agent) {
      case "content":
        lesson = content.offline({ request: req, outline, revision: { ...rev, previous: lesson as LessonDraft } });
        break;
      case "quiz":
        q = quiz.offline({ request: req, outline, lesson, revision: { ...rev, previous: q as QuizDraft } });
        break;
      case "terrain":
        t = terrain.offline({ request: req, outline, quiz: q, revision: { ...rev, previous: t as TerrainSpec } });
        break;
      case "script":
        s = script.offline({
          request: req,
          terrain: t as TerrainSpec,
          revision: { ...rev, previous: s as ScriptBundle },
        });
        break;
    }
    revised.push(firstReview.revise.agent);
    final = review.outputSchema.parse(review.offline(reviewInput()));
  }
  return {
    request: req,
    outline,
    lesson,
    quiz: q,
    terrain: t,
    scripts: s,
    standards: st,
    firstReview,
    review: final,
    revised,
  };
}

/** The input JSON block a prompt ends with, parsed back. */
export function inputOfPrompt(user: string): unknown {
  const match = /\n\nInput:\n```json\n([\s\S]*)\n```$/.exec(user);
  if (!match?.[1]) throw new Error("The prompt does not end with the input block");
  return JSON.parse(match[1]);
}
