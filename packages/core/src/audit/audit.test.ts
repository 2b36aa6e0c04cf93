// What an audit row says about who acted: the person, and which API key or session they acted
// through, with the request id the server chose (the correlation id is the caller's to choose).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { createDomainWorld, type DomainWorld } from "../testing";
import { recordAudit } from "./audit";

let w: DomainWorld;
let admin: Actor;
beforeAll(async () => {
  w = await createDomainWorld();
  admin = await w.actor("a", "ADMIN");
});
afterAll(() => w.t.close());

async function audited(actor: Actor, extra: { requestId?: string; correlationId?: string } = {}) {
  const row = await recordAudit({ ...w.svc(actor), ...extra }, { action: "test.acted", metadata: { detail: 1 } });
  return w.t.db.auditLog.findUniqueOrThrow({ where: { id: row.id } });
}

describe("recordAudit", () => {
  it("records the API key an action came through, next to the entry's own metadata", async () => {
    const row = await audited({ ...admin, apiKeyId: "key-123", scopes: ["admin"] });
    expect(row.actorId).toBe(admin.userId);
    expect(row.metadata).toEqual({ detail: 1, apiKeyId: "key-123" });
  });

  it("records the session (browser or app) an action came through", async () => {
    const row = await audited({ ...admin, sessionId: "session-9" });
    expect(row.metadata).toEqual({ detail: 1, sessionId: "session-9" });
  });

  it("records the server-chosen request id apart from the caller-chosen correlation id", async () => {
    const row = await audited(admin, { requestId: "req-server", correlationId: "chain-from-caller" });
    expect(row.correlationId).toBe("chain-from-caller");
    expect(row.metadata).toEqual({ detail: 1, requestId: "req-server" });
  });

  it("adds nothing for a person acting with no key, session or request (a script, a test)", async () => {
    expect((await audited(admin)).metadata).toEqual({ detail: 1 });
  });

  it("does not let an entry's metadata pass for the key or request that acted", async () => {
    const row = await recordAudit(
      { ...w.svc({ ...admin, apiKeyId: "real-key" }), requestId: "real-req" },
      { action: "test.acted", metadata: { apiKeyId: "forged", requestId: "forged" } },
    );
    expect(row.metadata).toEqual({ apiKeyId: "real-key", requestId: "real-req" });
  });
});
