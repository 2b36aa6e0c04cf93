import { agentsRouter } from "./routers/agents/_router";
import { aiAdminRouter } from "./routers/ai-admin/_router";
import { analyticsRouter } from "./routers/analytics/_router";
import { apiKeysRouter } from "./routers/api-keys/_router";
import { assignmentsRouter } from "./routers/assignments/_router";
import { assistantRouter } from "./routers/assistant/_router";
import { auditRouter } from "./routers/audit/_router";
import { authRouter } from "./routers/auth/_router";
import { classesRouter } from "./routers/classes/_router";
import { consentRouter } from "./routers/consent/_router";
import { contentRouter } from "./routers/content/_router";
import { dataExportsRouter } from "./routers/data-exports/_router";
import { erasureRouter } from "./routers/erasure/_router";
import { gradebookRouter } from "./routers/gradebook/_router";
import { healthRouter } from "./routers/health/_router";
import { homeRouter } from "./routers/home/_router";
import { importsRouter } from "./routers/imports/_router";
import { meRouter } from "./routers/me/_router";
import { messagesRouter } from "./routers/messages/_router";
import { metricsRouter } from "./routers/metrics/_router";
import { organizationRouter } from "./routers/organization/_router";
import { passwordResetRouter } from "./routers/password-reset/_router";
import { questionsRouter } from "./routers/questions/_router";
import { robloxRouter } from "./routers/roblox/_router";
import { systemRouter } from "./routers/system/_router";
import { usersRouter } from "./routers/users/_router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  classes: classesRouter,
  assignments: assignmentsRouter,
  gradebook: gradebookRouter,
  home: homeRouter,
  users: usersRouter,
  imports: importsRouter,
  erasure: erasureRouter,
  content: contentRouter,
  questions: questionsRouter,
  messages: messagesRouter,
  agents: agentsRouter,
  aiAdmin: aiAdminRouter,
  roblox: robloxRouter,
  health: healthRouter,
  passwordReset: passwordResetRouter,
  apiKeys: apiKeysRouter,
  auth: authRouter,
  metrics: metricsRouter,
  analytics: analyticsRouter,
  organization: organizationRouter,
  system: systemRouter,
  dataExports: dataExportsRouter,
  audit: auditRouter,
  consent: consentRouter,
  assistant: assistantRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller: `createCaller(createContextInner({ db, actor }))`. */
export const createCaller = createCallerFactory(appRouter);
