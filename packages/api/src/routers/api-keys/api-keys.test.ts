// The `apiKeys` procedures as the key manager and REST clients call them: what comes back, the
// refusals people see next to fields, and what a key itself may do with keys.
import { authenticateApiKey } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZodError } from "zod";
import { createWorld, errorOf, TEST_API_KEY_PEPPER, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const admin = () => w.actor("a", "ADMIN");
const teacher = () => w.actor("a", "TEACHER");

describe("apiKeys.create", () => {
  it("answers the secret once and lists the key without it", async () => {
    const caller = w.caller(await admin());
    const created = await caller.apiKeys.create({ name: "Roster sync", scopes: ["classes:read", "classes:write"] });
    expect(created.secret).toMatch(/^tbx_live_[0-9A-Za-z]{36}$/);
    expect(created.key).toMatchObject({ name: "Roster sync", status: "active", expiresAt: null, ipAllowlist: [] });
    const listed = await caller.apiKeys.list();
    expect(listed.items.find((k) => k.id === created.key.id)).toEqual(created.key);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
  });

  it("makes a key that authenticates as its creator", async () => {
    const me = await teacher();
    const { secret } = await w.caller(me).apiKeys.create({ name: "Plugin", scopes: ["roblox:read"] });
    const result = await authenticateApiKey(w.t.db, secret, { pepper: TEST_API_KEY_PEPPER, ip: null });
    expect(result).toMatchObject({ userId: me.userId, scopes: ["roblox:read"] });
  });

  it("refuses the admin scope to a teacher with FORBIDDEN next to the scopes field", async () => {
    const error = await errorOf(w.caller(await teacher()).apiKeys.create({ name: "Sneaky", scopes: ["admin"] }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Your role can't give a key the scope admin.");
  });

  it("refuses an allowlist entry that is not an address or block, naming it", async () => {
    const error = await errorOf(
      w.caller(await admin()).apiKeys.create({
        name: "Office only",
        scopes: ["content:read"],
        ipAllowlist: ["198.51.100.0/24", "203.0.113.300", "2001:db8::/129"],
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const issues = (error.cause as ZodError).issues.map((i) => ({ path: i.path, message: i.message }));
    const example = "(such as 203.0.113.7, 2001:db8::1 or 198.51.100.0/24).";
    expect(issues).toEqual([
      { path: ["ipAllowlist", 1], message: `"203.0.113.300" is not an IP address or CIDR block ${example}` },
      { path: ["ipAllowlist", 2], message: `"2001:db8::/129" is not an IP address or CIDR block ${example}` },
    ]);
  });

  it("refuses no scopes, a repeated scope and an unknown scope", async () => {
    const caller = w.caller(await admin());
    for (const scopes of [[], ["content:read", "content:read"], ["everything"]]) {
      // @ts-expect-error: an unknown scope is what a REST client may send
      const error = await errorOf(caller.apiKeys.create({ name: "Bad", scopes }));
      expect(error.code, JSON.stringify(scopes)).toBe("BAD_REQUEST");
    }
  });

  it("refuses students and parents", async () => {
    for (const role of ["STUDENT", "PARENT"] as const) {
      const error = await errorOf(
        w.caller(await w.actor("a", role)).apiKeys.create({ name: "Mine", scopes: ["content:read"] }),
      );
      expect(error.code).toBe("FORBIDDEN");
    }
  });
});

describe("rotate, revoke and usage", () => {
  it("rotates: a new secret, the old key still listed until its grace ends", async () => {
    const caller = w.caller(await admin());
    const old = await caller.apiKeys.create({ name: "Rotating", scopes: ["content:read"] });
    const rotated = await caller.apiKeys.rotate({ keyId: old.key.id, grace: "1h" });
    expect(rotated.secret).not.toBe(old.secret);
    expect(rotated.previous).toMatchObject({ id: old.key.id, status: "active", replacedById: rotated.key.id });
    expect(rotated.previous.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
  });

  it("rotates with a 24-hour grace when none is chosen", async () => {
    const caller = w.caller(await admin());
    const old = await caller.apiKeys.create({ name: "Default grace", scopes: ["content:read"] });
    const rotated = await caller.apiKeys.rotate({ keyId: old.key.id });
    expect(rotated.previous.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 23.9 * 3_600_000);
  });

  it("revokes with a reason, and needs one", async () => {
    const caller = w.caller(await admin());
    const { key } = await caller.apiKeys.create({ name: "Doomed", scopes: ["content:read"] });
    expect((await errorOf(caller.apiKeys.revoke({ keyId: key.id, reason: "  " }))).code).toBe("BAD_REQUEST");
    expect(await caller.apiKeys.revoke({ keyId: key.id, reason: "Leaked" })).toMatchObject({
      status: "revoked",
      revokedReason: "Leaked",
    });
  });

  it("answers a key's usage for the last 30 days", async () => {
    const caller = w.caller(await teacher());
    const { key } = await caller.apiKeys.create({ name: "Counted", scopes: ["content:read"] });
    const usage = await caller.apiKeys.usage({ keyId: key.id });
    expect(usage).toMatchObject({ keyId: key.id, endpoints: [], totals: { requests: 0, errors: 0, limited: 0 } });
    expect(usage.days).toHaveLength(30);
  });

  it("answers NOT_FOUND for a key that does not exist", async () => {
    const error = await errorOf(w.caller(await admin()).apiKeys.usage({ keyId: "no-such-key" }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("managing keys with a key", () => {
  const KEY_REFUSAL = "This operation cannot be called with an API key.";

  it("refuses every key procedure to a key, even an admin's key holding the admin scope", async () => {
    const me = await admin();
    const { key } = await w.caller(me).apiKeys.create({ name: "Existing", scopes: ["content:read"] });
    const caller = w.caller({ ...me, apiKeyId: "key-2", scopes: ["admin"] });
    const attempts = {
      list: caller.apiKeys.list(),
      create: caller.apiKeys.create({ name: "Made by a key", scopes: ["content:read"] }),
      rotate: caller.apiKeys.rotate({ keyId: key.id, grace: "1h" }),
      revoke: caller.apiKeys.revoke({ keyId: key.id, reason: "by a key" }),
      usage: caller.apiKeys.usage({ keyId: key.id }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      const error = await errorOf(attempt);
      expect({ name, code: error.code, message: error.message }).toEqual({
        name,
        code: "FORBIDDEN",
        message: KEY_REFUSAL,
      });
    }
    expect((await w.caller(me).apiKeys.list()).items.find((k) => k.id === key.id)?.status).toBe("active");
  });

  it("works for the same admin through an app session (no key)", async () => {
    const actor = { ...(await admin()), sessionId: "app-session-1" };
    const created = await w.caller(actor).apiKeys.create({ name: "Made from the app", scopes: ["content:read"] });
    expect(created.key.owner.id).toBe(actor.userId);
  });
});

describe("rotating someone else's key", () => {
  it("refuses an admin with FORBIDDEN, while they may still list, see usage of and revoke it", async () => {
    const owner = await teacher();
    const { key } = await w.caller(owner).apiKeys.create({ name: "Teacher's plugin", scopes: ["roblox:read"] });
    const caller = w.caller(await admin());
    const error = await errorOf(caller.apiKeys.rotate({ keyId: key.id, grace: "1h" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Only the key's owner can rotate it; revoke it instead.");
    expect((await caller.apiKeys.list()).items.find((k) => k.id === key.id)?.owner.id).toBe(owner.userId);
    expect((await caller.apiKeys.usage({ keyId: key.id })).keyId).toBe(key.id);
    expect(await caller.apiKeys.revoke({ keyId: key.id, reason: "Left the school" })).toMatchObject({
      status: "revoked",
    });
  });
});
