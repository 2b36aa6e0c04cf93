// What each API scope lets a key do, grouped as the create dialog shows them. The scopes and who
// may grant them are @toolboxai/validators' (API_SCOPES, apiScopesFor); a test keeps this
// catalog in step with them.
import { type ApiScope, apiScopesFor, type Role } from "@toolboxai/validators";

export interface ScopeInfo {
  scope: ApiScope;
  label: string;
  description: string;
}

export interface ScopeGroup {
  label: string;
  scopes: readonly ScopeInfo[];
}

export const SCOPE_GROUPS: readonly ScopeGroup[] = [
  {
    label: "Content",
    scopes: [
      {
        scope: "content:read",
        label: "Read content",
        description: "List, search and open lessons, quizzes and activities.",
      },
      {
        scope: "content:write",
        label: "Write content",
        description: "Create, edit, publish, duplicate and delete content and questions.",
      },
    ],
  },
  {
    label: "Classes and rosters",
    scopes: [
      { scope: "classes:read", label: "Read classes", description: "List classes and their rosters." },
      {
        scope: "classes:write",
        label: "Manage classes",
        description: "Create and edit classes, add and remove students.",
      },
    ],
  },
  {
    label: "Assignments and grades",
    scopes: [
      { scope: "assignments:read", label: "Read assignments", description: "List assignments and attempts." },
      {
        scope: "assignments:write",
        label: "Manage assignments",
        description: "Assign content to classes, take and submit attempts.",
      },
      { scope: "gradebook:read", label: "Read grades", description: "Gradebooks as JSON or CSV." },
    ],
  },
  {
    label: "Messages",
    scopes: [
      {
        scope: "messages:read",
        label: "Read messages",
        description: "Threads and announcements the user takes part in.",
      },
      { scope: "messages:write", label: "Send messages", description: "Send messages and announcements as the user." },
    ],
  },
  {
    label: "AI and Roblox",
    scopes: [
      {
        scope: "agents:run",
        label: "Run AI generation",
        description: "Start, follow, cancel and retry generation tasks.",
      },
      {
        scope: "roblox:read",
        label: "Download Roblox projects",
        description: "Rojo projects of environments, for Studio.",
      },
    ],
  },
  {
    label: "Administration",
    scopes: [
      {
        scope: "metrics:read",
        label: "Read metrics",
        description: "Usage and health metrics.",
      },
      {
        scope: "admin",
        label: "Administer the organization",
        description: "Manage users and the organization's settings, as an admin would.",
      },
    ],
  },
];

/** The groups a person of `role` may pick from (a teacher sees no `admin`). */
export function scopeGroupsFor(role: Role): ScopeGroup[] {
  const allowed = new Set<ApiScope>(apiScopesFor(role));
  return SCOPE_GROUPS.map((group) => ({ ...group, scopes: group.scopes.filter((s) => allowed.has(s.scope)) })).filter(
    (group) => group.scopes.length > 0,
  );
}
