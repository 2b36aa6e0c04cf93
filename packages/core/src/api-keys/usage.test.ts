// A key's usage: requests per UTC day and operation, errors and 429s, over the last 30 days.
import { createApiKeySchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { deriveSecret } from "../secrets";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { createApiKey } from "./api-keys";
import { apiKeyUsage, recordApiKeyUsage } from "./usage";

const pepper = deriveSecret("a-test-secret-of-at-least-32-characters", "api-key-hash");

let w: DomainWorld;
let admin: Actor;
beforeAll(async () => {
  w = await createDomainWorld();
  admin = await w.actor("a", "ADMIN");
});
afterAll(() => w.t.close());

async function newKey(actor = admin) {
  const input = createApiKeySchema.parse({ name: "Usage", scopes: ["content:read"] });
  return (await createApiKey(w.svc(actor), input, { pepper })).key;
}

describe("API key usage", () => {
  it("counts requests per day and operation, with errors (400 and above) and 429s", async () => {
    const key = await newKey();
    const record = (endpoint: string, status: number, now: string) =>
      recordApiKeyUsage(w.t.db, { organizationId: w.orgs.a, apiKeyId: key.id, endpoint, status, now: new Date(now) });
    await record("GET /content", 200, "2033-05-10T08:00:00Z");
    await record("GET /content", 200, "2033-05-10T23:59:59Z");
    await record("GET /content", 404, "2033-05-11T00:00:00Z");
    await record("POST /content/generate", 429, "2033-05-11T09:00:00Z");
    await record("POST /content/generate", 202, "2033-05-11T09:01:00Z");

    const usage = await apiKeyUsage(w.svc(admin), { keyId: key.id }, { now: new Date("2033-05-11T12:00:00Z") });
    expect(usage.days).toHaveLength(30);
    expect(usage.days[0]?.day).toBe("2033-04-12");
    expect(usage.days.at(-2)).toEqual({ day: "2033-05-10", requests: 2, errors: 0, limited: 0 });
    expect(usage.days.at(-1)).toEqual({ day: "2033-05-11", requests: 3, errors: 2, limited: 1 });
    expect(usage.days.slice(0, -2).every((d) => d.requests === 0)).toBe(true);
    expect(usage.endpoints).toEqual([
      { endpoint: "GET /content", requests: 3, errors: 1, limited: 0 },
      { endpoint: "POST /content/generate", requests: 2, errors: 1, limited: 1 },
    ]);
    expect(usage.totals).toEqual({ requests: 5, errors: 2, limited: 1 });
  });

  it("keeps one row per key, day and operation however many requests arrive at once", async () => {
    const key = await newKey();
    const now = new Date("2033-06-01T10:00:00Z");
    await Promise.all(
      Array.from({ length: 20 }, () =>
        recordApiKeyUsage(w.t.db, {
          organizationId: w.orgs.a,
          apiKeyId: key.id,
          endpoint: "GET /classes",
          status: 200,
          now,
        }),
      ),
    );
    const rows = await w.t.db.apiKeyUsage.findMany({ where: { apiKeyId: key.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.requests).toBe(20);
  });

  it("leaves out days older than 30", async () => {
    const key = await newKey();
    await recordApiKeyUsage(w.t.db, {
      organizationId: w.orgs.a,
      apiKeyId: key.id,
      endpoint: "GET /content",
      status: 200,
      now: new Date("2033-01-01T00:00:00Z"),
    });
    const usage = await apiKeyUsage(w.svc(admin), { keyId: key.id }, { now: new Date("2033-01-31T00:00:00Z") });
    expect(usage.totals.requests).toBe(0);
  });

  it("is shown only to those who may see the key", async () => {
    const key = await newKey();
    const error = await domainErrorOf(apiKeyUsage(w.svc(await w.actor("a", "TEACHER")), { keyId: key.id }));
    expect(error.code).toBe("NOT_FOUND");
  });
});
