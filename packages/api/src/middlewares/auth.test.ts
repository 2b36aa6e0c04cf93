// The service context requireActor hands to services: audited actions done through an API key
// name the key and the request that did them.
import { newCorrelation } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../context";
import { createCaller } from "../root";
import { createWorld, type World } from "../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

describe("requireActor's service context", () => {
  it("makes an audited action through an API key record the key and the server's request id", async () => {
    const cls = await w.scoped("a").class.create({
      data: {
        organizationId: w.orgs.a,
        teacherId: w.users.a.TEACHER.id,
        name: "Audited class",
        subject: "Science",
        gradeLevel: "7",
        joinCode: "AUDIT7X",
      },
    });
    const correlation = { ...newCorrelation("web", "chain-the-caller-chose"), requestId: "req-chosen-by-server" };
    const actor = { ...(await w.actor("a", "ADMIN")), apiKeyId: "key-audited", scopes: ["classes:write"] };
    await createCaller(createContextInner({ db: w.t.db, actor, correlation })).classes.archive({ classId: cls.id });

    const row = await w.t.db.auditLog.findFirstOrThrow({ where: { action: "class.archived", targetId: cls.id } });
    expect(row.actorId).toBe(actor.userId);
    expect(row.correlationId).toBe("chain-the-caller-chose");
    expect(row.metadata).toMatchObject({ apiKeyId: "key-audited", requestId: "req-chosen-by-server" });
  });
});
