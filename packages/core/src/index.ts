// @toolboxai/core: the domain. Services are plain functions taking a ServiceContext
// (`{ db, actor }`, tenant-scoped) and throwing DomainError; no tRPC, Next or next-auth here.
export * from "./actor";
export * from "./agents/drafts";
export * from "./agents/progress";
export * from "./agents/tasks";
export * from "./assignments/assignments";
export * from "./assignments/grading";
export * from "./audit/audit";
export * from "./auth/sign-in";
export * from "./classes/classes";
export * from "./content/content";
export * from "./content/content-text";
export type { ServiceContext } from "./context";
export * from "./errors";
export * from "./gradebook/gradebook";
export * from "./health/health";
export * from "./me/me";
export * from "./messages/messages";
export * from "./questions/questions";
export * from "./realtime/channels";
export * from "./realtime/config";
export * from "./realtime/events";
export * from "./realtime/publisher";
export * from "./realtime/pusher-auth";
export * from "./users/users";
