// What the public REST API's credentials carry: the scopes an API key may hold. One list, read by
// the key form, the key service, the procedures' meta and the OpenAPI document.
import { z } from "zod";

export const API_SCOPES = [
  "content:read",
  "content:write",
  "classes:read",
  "classes:write",
  "assignments:read",
  "assignments:write",
  "gradebook:read",
  "messages:read",
  "messages:write",
  "agents:run",
  "roblox:read",
  "metrics:read",
  "admin",
] as const;

export const apiScopeSchema = z.enum(API_SCOPES);
export type ApiScope = z.infer<typeof apiScopeSchema>;
