// The signed-in user's sessions (one per browser or app they signed in on), as the account page lists them.
import { z } from "zod";
import { isoDate } from "./common";

/** How a session signed in: a browser's cookie, or a first-party app's tokens (/api/v1/auth/token). */
export const sessionKindSchema = z.enum(["web", "app"]);
export type SessionKind = z.infer<typeof sessionKindSchema>;

export const sessionViewSchema = z.object({
  id: z.string(),
  kind: sessionKindSchema,
  /**
   * A browser's "Chrome on macOS" (from its user agent; "Unknown device" when there was none), or
   * an app's own name ("ToolboxAI for iPad"; "Mobile app" when it gave none).
   */
  device: z.string(),
  /** The address it signed in from, as the app's trusted-proxy setting sees it ("" when unknown). */
  ip: z.string(),
  createdAt: isoDate(),
  lastSeenAt: isoDate(),
  /** The session of the browser asking: signing out of the others keeps it. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const sessionListSchema = z.array(sessionViewSchema);

export const signOutOtherSessionsResultSchema = z.object({
  /** How many sessions were ended. */
  signedOut: z.number().int().min(0),
});
export type SignOutOtherSessionsResult = z.infer<typeof signOutOtherSessionsResultSchema>;
