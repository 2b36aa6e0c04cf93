export { agents, type CatalogStandard, STANDARDS_CATALOG } from "./agents";
export type { ResponseCache } from "./cache";
export { createMemoryCache, createRedisCache } from "./cache";
export {
  createOfflineConversationModel,
  OFFLINE_CONVERSATION_MODEL,
  type OfflineConversationOptions,
} from "./conversation/offline";
export { createOpenAIConversationModel } from "./conversation/openai";
export { resilientConversationModel } from "./conversation/resilient";
export type {
  ConversationEvent,
  ConversationModel,
  ConversationPurpose,
  ConversationRequest,
  ConversationTool,
  ConversationToolCall,
  ConversationTurn,
} from "./conversation/types";
export type { TaskCorrelation } from "./correlation";
export { type AgentEnv, readAgentEnv } from "./env";
export { BudgetExhaustedError, isRetryable, TaskCancelledError } from "./errors";
export type { TaskEventPublisher, TaskProgressEvent } from "./events";
export { noopPublisher } from "./events";
export { checkEnvironmentScripts, currentEvidence } from "./evidence";
export { checkLuau } from "./luau";
export { processTask } from "./pipeline";
export type { BudgetGate, PipelineDeps, RunOutcome } from "./pipeline-context";
export { fitPlan, progressOf, requiredAgents, SAVE_STEP } from "./plan";
export type { QueueCounts, TaskQueue } from "./queue/types";
export { organizationRedactor } from "./redaction";
export { redactingConversationModel } from "./redaction-conversation";
export { createResilience, createResilientProvider, DEFAULT_RESILIENCE, type Resilience } from "./resilience";
export type { AgentConfig, AgentRuntime, AgentStatus } from "./runtime";
export { createAgentRuntime } from "./runtime";
export type { Drafts, MaterializedItem, Materializer } from "./task-types";
export type { AgentDefinition, ModelProvider } from "./types";
