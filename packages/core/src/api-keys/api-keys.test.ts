// The key manager and key authentication, on a real database: what is stored, who may do what,
// and when a key stops working (revoked, expired, rotated, wrong address, owner gone).
import { createApiKeySchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { deriveSecret } from "../secrets";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "./api-keys";
import { type ApiKeyPrincipal, type ApiKeyRejection, authenticateApiKey } from "./authenticate";
import { hashApiKey } from "./format";

const pepper = deriveSecret("a-test-secret-of-at-least-32-characters", "api-key-hash");
const HOUR = 3_600_000;

let w: DomainWorld;
let admin: Actor;
let teacher: Actor;
beforeAll(async () => {
  w = await createDomainWorld();
  admin = await w.actor("a", "ADMIN");
  teacher = await w.actor("a", "TEACHER");
});
afterAll(() => w.t.close());

function create(actor: Actor, input: Partial<Parameters<typeof createApiKeySchema.parse>[0]> = {}, now?: Date) {
  const parsed = createApiKeySchema.parse({ name: "Studio plugin", scopes: ["content:read"], ...input });
  return createApiKey(w.svc(actor), parsed, { pepper, ...(now ? { now } : {}) });
}

const authenticate = (key: string, opts: { ip?: string | null; now?: Date } = {}) =>
  authenticateApiKey(w.t.db, key, { pepper, ip: opts.ip === undefined ? "198.51.100.1" : opts.ip, now: opts.now });

function principal(result: ApiKeyPrincipal | ApiKeyRejection): ApiKeyPrincipal {
  if ("rejected" in result) throw new Error(`refused: ${result.rejected.message}`);
  return result;
}
function rejection(result: ApiKeyPrincipal | ApiKeyRejection) {
  if (!("rejected" in result)) throw new Error("expected the key to be refused");
  return result.rejected;
}

describe("creating a key", () => {
  it("shows the secret once and stores only its HMAC and a display prefix", async () => {
    const { key, secret } = await create(admin, { name: "SIS sync" });
    const row = await w.t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.keyHash).toBe(hashApiKey(pepper, secret));
    expect(row.prefix).toBe(secret.slice(0, 13));
    expect(JSON.stringify(row)).not.toContain(secret.slice(13));
    expect(key).toMatchObject({ name: "SIS sync", prefix: row.prefix, status: "active", owner: { id: admin.userId } });
  });

  it("never shows a secret or a hash in the list", async () => {
    const { secret } = await create(admin);
    const listed = JSON.stringify(await listApiKeys(w.svc(admin)));
    expect(listed).not.toContain(secret.slice(13));
    expect(listed).not.toContain(hashApiKey(pepper, secret));
    expect(listed).not.toContain("keyHash");
  });

  it("acts as the person who created it, with the scopes chosen", async () => {
    const { secret, key } = await create(teacher, { scopes: ["content:read", "classes:read"] });
    expect(principal(await authenticate(secret))).toEqual({
      userId: teacher.userId,
      apiKeyId: key.id,
      organizationId: w.orgs.a,
      scopes: ["content:read", "classes:read"],
    });
  });

  it("refuses the admin scope to a teacher, naming it", async () => {
    const error = await domainErrorOf(create(teacher, { scopes: ["content:read", "admin"] }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.fieldErrors.scopes).toEqual(["Your role can't give a key the scope admin."]);
  });

  it("gives an admin every scope, admin included", async () => {
    const { key } = await create(admin, { scopes: ["admin", "metrics:read"] });
    expect(key.scopes).toEqual(["admin", "metrics:read"]);
  });

  it("refuses students and parents", async () => {
    for (const role of ["STUDENT", "PARENT"] as const) {
      const error = await domainErrorOf(create(await w.actor("a", role)));
      expect(error.code).toBe("FORBIDDEN");
    }
  });

  it("refuses an expiry in the past or more than a year ahead, next to the field", async () => {
    const past = await domainErrorOf(create(admin, { expiresAt: new Date(Date.now() - 1000) }));
    expect(past.fieldErrors.expiresAt).toEqual(["Choose a date in the future."]);
    const far = await domainErrorOf(create(admin, { expiresAt: new Date(Date.now() + 366 * 24 * HOUR) }));
    expect(far.fieldErrors.expiresAt).toEqual(["A key may be made to last at most 365 days."]);
  });

  it("records who created which key in the audit log, without the secret", async () => {
    const { key, secret } = await create(teacher, { name: "Audited" });
    const rows = await w.t.db.auditLog.findMany({ where: { action: "api_key.created", targetId: key.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: teacher.userId, targetType: "ApiKey" });
    expect(rows[0]?.metadata).toMatchObject({ name: "Audited", prefix: key.prefix, scopes: ["content:read"] });
    expect(JSON.stringify(rows[0])).not.toContain(secret.slice(13));
  });
});

describe("listing keys", () => {
  it("shows an admin every key of the organization with its owner, and a teacher only their own", async () => {
    const colleague = await w.newActor("a", "TEACHER");
    const mine = await create(colleague, { name: "Colleague's key" });
    const theirs = await create(teacher, { name: "Teacher's key" });
    const other = await create(await w.actor("b", "ADMIN"), { name: "Other school's key" });

    const adminIds = (await listApiKeys(w.svc(admin))).items.map((k) => k.id);
    expect(adminIds).toEqual(expect.arrayContaining([mine.key.id, theirs.key.id]));
    expect(adminIds).not.toContain(other.key.id);
    const ownerOf = (await listApiKeys(w.svc(admin))).items.find((k) => k.id === mine.key.id)?.owner;
    expect(ownerOf).toMatchObject({ id: colleague.userId, name: colleague.name, role: "TEACHER" });

    expect((await listApiKeys(w.svc(colleague))).items.map((k) => k.id)).toEqual([mine.key.id]);
  });

  it("refuses another teacher's key to a teacher as not found, and another school's to an admin", async () => {
    const { key } = await create(await w.newActor("a", "TEACHER"));
    const error = await domainErrorOf(revokeApiKey(w.svc(teacher), { keyId: key.id, reason: "mine now" }));
    expect(error.code).toBe("NOT_FOUND");
    const elsewhere = await domainErrorOf(
      revokeApiKey(w.svc(await w.actor("b", "ADMIN")), { keyId: key.id, reason: "x" }),
    );
    expect(elsewhere.code).toBe("NOT_FOUND");
    expect(principal(await authenticate((await create(teacher)).secret))).toBeTruthy();
  });
});

describe("authenticating a key", () => {
  it("refuses a key with a wrong checksum without querying the database", async () => {
    const { secret } = await create(admin);
    const mutated = `${secret.slice(0, 20)}${secret[20] === "A" ? "B" : "A"}${secret.slice(21)}`;
    const queried: string[] = [];
    const noDatabase = new Proxy({} as typeof w.t.db, {
      get: (_target, property) => {
        queried.push(String(property));
        throw new Error("the database was used");
      },
    });
    const result = await authenticateApiKey(noDatabase, mutated, { pepper, ip: null });
    expect(rejection(result)).toEqual({ code: "UNAUTHORIZED", message: "This API key is not valid." });
    expect(queried).toEqual([]);
  });

  it("refuses a well-formed key that was never issued (or issued under another secret)", async () => {
    const { secret } = await create(admin);
    const other = await authenticateApiKey(w.t.db, secret, {
      pepper: deriveSecret("x".repeat(40), "api-key-hash"),
      ip: null,
    });
    expect(rejection(other).message).toBe("This API key is not valid.");
  });

  it("refuses a revoked key from the very next request", async () => {
    const { secret, key } = await create(admin);
    principal(await authenticate(secret));
    await revokeApiKey(w.svc(admin), { keyId: key.id, reason: "Leaked in a screenshot" });
    const refused = rejection(await authenticate(secret));
    expect(refused.code).toBe("UNAUTHORIZED");
    expect(refused.message).toMatch(/^This API key was revoked on \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
  });

  it("works until its expiry and is refused after, saying when it expired", async () => {
    const expiresAt = new Date("2030-01-15T10:30:00.000Z");
    const { secret } = await create(admin, { expiresAt }, new Date("2029-12-01T00:00:00Z"));
    principal(await authenticate(secret, { now: new Date("2030-01-15T10:29:59Z") }));
    expect(rejection(await authenticate(secret, { now: new Date("2030-01-15T10:30:00Z") }))).toEqual({
      code: "UNAUTHORIZED",
      message: "This API key expired on 2030-01-15 10:30 UTC.",
    });
  });

  it("is used only from its allowlist: addresses, CIDR blocks and IPv6", async () => {
    const { secret } = await create(admin, { ipAllowlist: ["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"] });
    for (const ip of ["203.0.113.7", "198.51.100.200", "::ffff:198.51.100.9", "2001:db8:1::5"]) {
      principal(await authenticate(secret, { ip }));
    }
    expect(rejection(await authenticate(secret, { ip: "203.0.113.9" }))).toEqual({
      code: "FORBIDDEN",
      message: "This API key may not be used from 203.0.113.9.",
    });
    expect(rejection(await authenticate(secret, { ip: "2001:db9::1" })).code).toBe("FORBIDDEN");
    expect(rejection(await authenticate(secret, { ip: null })).code).toBe("FORBIDDEN");
  });

  it("stops working while its owner is deactivated, and when they are deleted", async () => {
    const owner = await w.newActor("a", "TEACHER");
    const { secret } = await create(owner);
    await w.t.db.user.update({ where: { id: owner.userId }, data: { active: false } });
    expect(rejection(await authenticate(secret)).message).toBe("The account this API key acts as is deactivated.");
    await w.t.db.user.update({ where: { id: owner.userId }, data: { active: true, deletedAt: new Date() } });
    expect(rejection(await authenticate(secret)).message).toBe("The account this API key acts as was deleted.");
  });

  it("keeps only the scopes its owner's current role allows", async () => {
    const owner = await w.newActor("a", "ADMIN");
    const { secret } = await create(owner, { scopes: ["admin", "content:read"] });
    await w.t.db.user.update({ where: { id: owner.userId }, data: { role: "TEACHER" } });
    expect(principal(await authenticate(secret)).scopes).toEqual(["content:read"]);
  });

  it("records when and from where it was last used, at most once a minute", async () => {
    const { secret, key } = await create(admin);
    const t0 = new Date("2031-03-01T12:00:00Z");
    const lastUse = () => w.t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    principal(await authenticate(secret, { ip: "198.51.100.1", now: t0 }));
    expect(await lastUse()).toMatchObject({ lastUsedAt: t0, lastUsedIp: "198.51.100.1" });
    principal(await authenticate(secret, { ip: "198.51.100.2", now: new Date(t0.getTime() + 59_000) }));
    expect(await lastUse()).toMatchObject({ lastUsedAt: t0, lastUsedIp: "198.51.100.1" });
    const later = new Date(t0.getTime() + 60_000);
    principal(await authenticate(secret, { ip: "198.51.100.2", now: later }));
    expect(await lastUse()).toMatchObject({ lastUsedAt: later, lastUsedIp: "198.51.100.2" });
  });
});

describe("rotating a key", () => {
  it("gives a new key with the same name, scopes and allowlist, the secret shown once", async () => {
    const old = await create(teacher, {
      name: "Plugin",
      scopes: ["content:read", "roblox:read"],
      ipAllowlist: ["198.51.100.0/24"],
    });
    const rotated = await rotateApiKey(w.svc(teacher), { keyId: old.key.id, grace: "1h" }, { pepper });
    expect(rotated.secret).not.toBe(old.secret);
    expect(rotated.key).toMatchObject({
      name: "Plugin",
      scopes: ["content:read", "roblox:read"],
      ipAllowlist: ["198.51.100.0/24"],
      rotatedFromId: old.key.id,
      owner: { id: teacher.userId },
    });
    expect(rotated.previous).toMatchObject({ id: old.key.id, replacedById: rotated.key.id, status: "active" });
    principal(await authenticate(rotated.secret));
  });

  it("keeps the old key working until the grace ends, then refuses it naming the rotation", async () => {
    const now = new Date();
    const old = await create(admin);
    const rotated = await rotateApiKey(w.svc(admin), { keyId: old.key.id, grace: "24h" }, { pepper, now });
    expect(rotated.previous.expiresAt).toEqual(new Date(now.getTime() + 24 * HOUR));
    principal(await authenticate(old.secret, { now: new Date(now.getTime() + 24 * HOUR - 1000) }));
    const refused = rejection(await authenticate(old.secret, { now: new Date(now.getTime() + 24 * HOUR) }));
    expect(refused.message).toMatch(
      /^This API key was replaced by a rotation and stopped working on .* UTC\. Use its replacement\.$/,
    );
    principal(await authenticate(rotated.secret, { now: new Date(now.getTime() + 24 * HOUR) }));
  });

  it("with no grace, refuses the old key at once", async () => {
    const old = await create(admin);
    await rotateApiKey(w.svc(admin), { keyId: old.key.id, grace: "now" }, { pepper });
    expect(rejection(await authenticate(old.secret)).code).toBe("UNAUTHORIZED");
  });

  it("never extends an old key's expiry, and gives the new key the same lifetime", async () => {
    const now = new Date("2032-06-01T00:00:00Z");
    const old = await create(admin, { expiresAt: new Date(now.getTime() + 30 * 60_000) }, now);
    const rotated = await rotateApiKey(w.svc(admin), { keyId: old.key.id, grace: "7d" }, { pepper, now });
    expect(rotated.previous.expiresAt).toEqual(old.key.expiresAt);
    expect(rotated.key.expiresAt).toEqual(new Date(now.getTime() + 30 * 60_000));
  });

  it("refuses to rotate a key twice, or a revoked key", async () => {
    const old = await create(admin);
    await rotateApiKey(w.svc(admin), { keyId: old.key.id, grace: "1h" }, { pepper });
    expect((await domainErrorOf(rotateApiKey(w.svc(admin), { keyId: old.key.id, grace: "1h" }, { pepper }))).code).toBe(
      "CONFLICT",
    );
    const revoked = await create(admin);
    await revokeApiKey(w.svc(admin), { keyId: revoked.key.id, reason: "done" });
    expect(
      (await domainErrorOf(rotateApiKey(w.svc(admin), { keyId: revoked.key.id, grace: "1h" }, { pepper }))).code,
    ).toBe("PRECONDITION_FAILED");
  });

  it("refuses an admin rotating someone else's key (whose secret would act as them), leaving it as it was", async () => {
    const theirs = await create(teacher);
    const error = await domainErrorOf(rotateApiKey(w.svc(admin), { keyId: theirs.key.id, grace: "1h" }, { pepper }));
    expect(error).toMatchObject({
      code: "FORBIDDEN",
      message: "Only the key's owner can rotate it; revoke it instead.",
    });
    const listed = (await listApiKeys(w.svc(teacher))).items.find((k) => k.id === theirs.key.id);
    expect(listed).toMatchObject({ status: "active", expiresAt: null, replacedById: null });
  });

  it("is audited with the old and new key and the grace", async () => {
    const old = await create(admin);
    const rotated = await rotateApiKey(w.svc(admin), { keyId: old.key.id, grace: "7d" }, { pepper });
    const row = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "api_key.rotated", targetId: old.key.id } });
    expect(row.metadata).toMatchObject({ newKeyId: rotated.key.id, grace: "7d" });
    expect(JSON.stringify(row)).not.toContain(rotated.secret.slice(13));
  });
});

describe("revoking a key", () => {
  it("keeps the reason and who revoked it, and lists the key as revoked", async () => {
    const { key } = await create(teacher);
    const revoked = await revokeApiKey(w.svc(admin), { keyId: key.id, reason: "Teacher left" });
    expect(revoked).toMatchObject({ status: "revoked", revokedReason: "Teacher left" });
    const row = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "api_key.revoked", targetId: key.id } });
    expect(row).toMatchObject({ actorId: admin.userId });
    expect(row.metadata).toMatchObject({ reason: "Teacher left", ownerId: teacher.userId });
  });

  it("answers a second revocation with the key as it is, audited once", async () => {
    const { key } = await create(admin);
    const first = await revokeApiKey(w.svc(admin), { keyId: key.id, reason: "one" });
    const second = await revokeApiKey(w.svc(admin), { keyId: key.id, reason: "two" });
    expect(second.revokedAt).toEqual(first.revokedAt);
    expect(second.revokedReason).toBe("one");
    expect(await w.t.db.auditLog.count({ where: { action: "api_key.revoked", targetId: key.id } })).toBe(1);
  });
});
