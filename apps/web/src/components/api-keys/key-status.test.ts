import { describe, expect, it } from "vitest";
import { EXPIRES_SOON_MS, offersRotate, shownKeyStatus } from "./key-status";

const NOW = Date.UTC(2026, 11, 2, 12);
const key = (over: Partial<Parameters<typeof shownKeyStatus>[0]> = {}) => ({
  status: "active" as const,
  expiresAt: null,
  replacedById: null,
  ...over,
});

describe("a key's shown status", () => {
  it("is active for a working key without an expiry", () => {
    expect(shownKeyStatus(key(), NOW)).toBe("active");
  });

  it("says a key expiring within a week expires soon", () => {
    expect(shownKeyStatus(key({ expiresAt: new Date(NOW + EXPIRES_SOON_MS - 1) }), NOW)).toBe("expiring");
  });

  it("keeps a key expiring in more than a week active", () => {
    expect(shownKeyStatus(key({ expiresAt: new Date(NOW + EXPIRES_SOON_MS + 60_000) }), NOW)).toBe("active");
  });

  it("says a replaced key still in its grace period is rotated", () => {
    expect(shownKeyStatus(key({ replacedById: "k2", expiresAt: new Date(NOW + 3_600_000) }), NOW)).toBe("rotated");
  });

  it("says a key whose expiry passed since the page loaded is expired", () => {
    expect(shownKeyStatus(key({ replacedById: "k2", expiresAt: new Date(NOW - 1) }), NOW)).toBe("expired");
  });

  it("keeps the server's revoked and expired", () => {
    expect(shownKeyStatus(key({ status: "revoked" }), NOW)).toBe("revoked");
    expect(shownKeyStatus(key({ status: "expired" }), NOW)).toBe("expired");
  });

  it("before hydration shows only what the server decided (no clock)", () => {
    expect(shownKeyStatus(key({ expiresAt: new Date(NOW + 60_000) }), null)).toBe("active");
  });
});

describe("who is offered Rotate", () => {
  const owned = { owner: { id: "teacher-1", name: "T", email: "t@a.test", role: "TEACHER" as const } };

  it("is the key's owner", () => {
    expect(offersRotate(owned, "teacher-1")).toBe(true);
  });

  it("is not an admin looking at someone else's key (they revoke it instead)", () => {
    expect(offersRotate(owned, "admin-1")).toBe(false);
  });
});
