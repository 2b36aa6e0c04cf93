// Who is calling. A user session (and, later, an API key) resolves to one actor.
import type { Database, Role } from "@toolboxai/db";

export interface Actor {
  userId: string;
  orgId: string;
  role: Role;
  name: string;
  email: string;
  apiKeyId?: string;
  /** The browser session this request came with (absent for API keys, workers and tests). */
  sessionId?: string;
  scopes: readonly string[];
  /** Signed in with a temporary password: nothing but choosing a new one is allowed until then. */
  mustChangePassword?: true;
}

/**
 * Loads the actor for a session's user id from the database, not from the token: a role
 * change applies at once, and a deactivated or deleted user's open session stops working.
 */
export async function loadActor(db: Database, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      organizationId: true,
      role: true,
      name: true,
      email: true,
      active: true,
      deletedAt: true,
      mustChangePassword: true,
    },
  });
  if (!user?.active || user.deletedAt) return null;
  return toActor(user);
}

/** The actor of a user row (a session user; API keys add their own id and scopes). */
export function toActor(user: {
  id: string;
  organizationId: string;
  role: Role;
  name: string;
  email: string;
  mustChangePassword?: boolean;
}): Actor {
  return {
    userId: user.id,
    orgId: user.organizationId,
    role: user.role,
    name: user.name,
    email: user.email,
    scopes: [],
    ...(user.mustChangePassword ? { mustChangePassword: true as const } : {}),
  };
}
