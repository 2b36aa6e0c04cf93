// The status a key's row shows. The server says active / expired / revoked; the list adds what
// a person needs to act on: a rotated key still in its grace period, a key expiring within a week.
import type { ApiKeyView } from "@toolboxai/validators";

export type ShownKeyStatus = "active" | "expiring" | "rotated" | "expired" | "revoked";

export const KEY_STATUS_LABEL: Record<ShownKeyStatus, string> = {
  active: "Active",
  expiring: "Expires soon",
  rotated: "Rotated",
  expired: "Expired",
  revoked: "Revoked",
};

export const KEY_STATUS_VARIANT = {
  active: "success",
  expiring: "warning",
  rotated: "warning",
  expired: "secondary",
  revoked: "destructive",
} as const satisfies Record<ShownKeyStatus, "success" | "warning" | "secondary" | "destructive">;

/** A key expiring within this long is flagged "Expires soon". */
export const EXPIRES_SOON_MS = 7 * 86_400_000;

/**
 * What the row says about `key` at `now` (null before hydration: only what the server decided,
 * so the server's render and the browser's first render agree).
 */
export function shownKeyStatus(
  key: Pick<ApiKeyView, "status" | "expiresAt" | "replacedById">,
  now: number | null,
): ShownKeyStatus {
  if (key.status === "revoked") return "revoked";
  if (key.status === "expired") return "expired";
  if (now !== null && key.expiresAt && key.expiresAt.getTime() <= now) return "expired";
  if (key.replacedById) return "rotated";
  if (now !== null && key.expiresAt && key.expiresAt.getTime() - now <= EXPIRES_SOON_MS) return "expiring";
  return "active";
}

/** Whether a key's row offers Rotate at all: only to its owner (the new secret acts as them). */
export const offersRotate = (key: Pick<ApiKeyView, "owner">, viewerId: string) => key.owner.id === viewerId;

/** Whether a key in this status can still be rotated or revoked. */
export const canRotate = (status: ShownKeyStatus) => status === "active" || status === "expiring";
export const canRevoke = (status: ShownKeyStatus) => status !== "revoked" && status !== "expired";
