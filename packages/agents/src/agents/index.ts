// The agents, one per file, and the registry the pipeline looks them up in.
import type { AgentName } from "@toolboxai/validators";
import type { AnyAgent } from "../types";
import { content } from "./content";
import { quiz } from "./quiz";
import { review } from "./review";
import { script } from "./script";
import { standards } from "./standards";
import { supervisor } from "./supervisor";
import { terrain } from "./terrain";

export { type ContentInput, content, contentInputSchema } from "./content";
export type { Revision } from "./prompt";
export { type QuizInput, quiz, quizInputSchema } from "./quiz";
export { type ReviewInput, review, reviewInputSchema } from "./review";
export { type ScriptInput, script, scriptInputSchema } from "./script";
export { type StandardsInput, standards, standardsInputSchema } from "./standards";
export { type CatalogStandard, STANDARDS_CATALOG } from "./standardsCatalog";
export { type SupervisorInput, supervisor, supervisorInputSchema } from "./supervisor";
export { type TerrainInput, terrain, terrainInputSchema } from "./terrain";

export const agents = { supervisor, content, quiz, terrain, script, standards, review } satisfies Record<
  AgentName,
  AnyAgent
>;
