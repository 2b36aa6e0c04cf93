// @toolboxai/api: the tRPC API every app serves (apps/web over HTTP; tests and scripts through
// `createCaller`). Routers wire validators' schemas to @toolboxai/core's services.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export {
  type AuthRejection,
  type AuthRequest,
  type AuthResult,
  type ContextInner,
  type CreateContextOptions,
  createContextInner,
  createTRPCContext,
  isAuthRejection,
  type RequestInfo,
} from "./context";
export {
  countDownload,
  type DownloadFile,
  downloadHeaders,
  gradebookCsv,
  rojoProject,
} from "./downloads";
export type { Meta } from "./init";
export { type McpHealth, mcpHealth, mcpHealthSchema } from "./mcp/health";
export {
  createMcpHandler,
  MCP_ENDPOINT,
  MCP_PROTOCOL_VERSION,
  MCP_TRANSPORT,
  type McpHandlerOptions,
  type McpResponseInfo,
  mcpServiceContext,
} from "./mcp/http";
export { CONTENT_URI_TEMPLATE, contentUri } from "./mcp/resources";
export { createMcpServer, MCP_SERVER_NAME, type McpServerOptions } from "./mcp/server";
export { countRoute, rateLimitResponseHeaders } from "./middlewares/rate-limit";
export { API_VERSION } from "./openapi/describe";
export { buildOpenApiDocument } from "./openapi/document";
export { createRestHandler, REST_ENDPOINT, type RestHandlerOptions, type RestResponseInfo } from "./openapi/handler";
export {
  PROBLEM_CONTENT_TYPE,
  PROBLEMS,
  type Problem,
  type ProblemCode,
  problemBody,
  problemSchema,
  problemType,
} from "./openapi/problem";
export { type AppRouter, appRouter, createCaller } from "./root";

/** Inputs of every procedure, by path: `RouterInputs["classes"]["create"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, by path: `RouterOutputs["content"]["get"]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
