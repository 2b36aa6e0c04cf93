// Every agent's offline draft, by agent name: deterministic, valid answers built from the agent's
// typed input (no language model). The agent registry (src/agents/index.ts) pairs each agent's
// spec with its draft here, and the offline provider answers with `agent.offline(input)`.
import type { AgentName } from "@toolboxai/validators";
import { offlineContent } from "./content";
import { offlineQuiz } from "./quiz";
import { offlineReview } from "./review";
import { offlineScript } from "./script";
import { offlineStandards } from "./standards";
import { offlineSupervisor } from "./supervisor";
import { offlineTerrain } from "./terrain";

export const offlineDrafts = {
  supervisor: offlineSupervisor,
  content: offlineContent,
  quiz: offlineQuiz,
  terrain: offlineTerrain,
  script: offlineScript,
  standards: offlineStandards,
  review: offlineReview,
} satisfies Record<AgentName, (input: never) => unknown>;
