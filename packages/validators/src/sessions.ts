// The signed-in user's sessions (one per browser they signed in on), as the account page lists them.
import { z } from "zod";

export const sessionViewSchema = z.object({
  id: z.string(),
  /** "Chrome on macOS", from the browser's user agent ("Unknown device" when there was none). */
  device: z.string(),
  /** The address it signed in from, as the app's trusted-proxy setting sees it ("" when unknown). */
  ip: z.string(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
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
