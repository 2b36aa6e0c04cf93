// The task's shapes shared by the pipeline, the evidence and the materializer: what a finished plan
// produced (the drafts) and what the teaching core saved from it. Kept apart so the evidence can
// read them without importing the pipeline that builds them.
import type { ScopedDatabase } from "@toolboxai/db";
import type {
  AgentName,
  GenerateRequest,
  GenerationPart,
  LessonDraft,
  Outline,
  QuizDraft,
  ReviewReport,
  ScriptBundle,
  StandardsAlignment,
  TerrainSpec,
} from "@toolboxai/validators";

/** Everything a finished plan produced, handed to the materializer. */
export interface Drafts {
  request: GenerateRequest;
  outline: Outline;
  lesson: LessonDraft | null;
  quiz: QuizDraft | null;
  terrain: TerrainSpec | null;
  scripts: ScriptBundle | null;
  standards: StandardsAlignment | null;
  review: ReviewReport | null;
  /** The step whose output became each part (after any revision). */
  sourceSteps: Partial<Record<GenerationPart, { step: string; agent: AgentName }>>;
  revised: AgentName[];
}

export interface MaterializedItem {
  part: GenerationPart;
  contentId: string;
  type: "LESSON" | "QUIZ" | "ENVIRONMENT";
  title: string;
}

/**
 * Turns drafts into content items through the teaching core's services (apps/web). Must be
 * idempotent per task and part: a task resumed after a crash calls it again.
 */
export type Materializer = (args: {
  db: ScopedDatabase;
  task: { id: string; organizationId: string; createdById: string };
  drafts: Drafts;
}) => Promise<MaterializedItem[]>;
