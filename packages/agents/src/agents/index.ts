// The agents, one per file (each its spec: schemas, prompt and checks), and the registry the
// pipeline looks them up in, where each spec is paired with its offline draft
// (src/providers/offline/).
import type { AgentName } from "@toolboxai/validators";
import { offlineDrafts } from "../providers/offline/drafts";
import type { AnyAgent } from "../types";
import { content } from "./content";
import { quiz } from "./quiz";
import { review } from "./review";
import { script } from "./script";
import { standards } from "./standards";
import { supervisor } from "./supervisor";
import { terrain } from "./terrain";

export { type ContentInput, contentInputSchema } from "./content";
export type { Revision } from "./prompt";
export { type QuizInput, quizInputSchema } from "./quiz";
export { type ReviewInput, reviewInputSchema } from "./review";
export { type ScriptInput, scriptInputSchema } from "./script";
export { type StandardsInput, standardsInputSchema } from "./standards";
export { type CatalogStandard, STANDARDS_CATALOG } from "./standardsCatalog";
export { type SupervisorInput, supervisorInputSchema } from "./supervisor";
export { type TerrainInput, terrainInputSchema } from "./terrain";

export const agents = {
  supervisor: { ...supervisor, offline: offlineDrafts.supervisor },
  content: { ...content, offline: offlineDrafts.content },
  quiz: { ...quiz, offline: offlineDrafts.quiz },
  terrain: { ...terrain, offline: offlineDrafts.terrain },
  script: { ...script, offline: offlineDrafts.script },
  standards: { ...standards, offline: offlineDrafts.standards },
  review: { ...review, offline: offlineDrafts.review },
} satisfies Record<AgentName, AnyAgent>;
