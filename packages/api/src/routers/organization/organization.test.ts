// The organization's settings and retention through the procedures: admins only, each admin
// their own organization, the input checked field by field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

const admin = async (org: "a" | "b" = "a") => w.caller(await w.actor(org, "ADMIN"));

describe("organization.get and update", () => {
  it("an admin changes a setting and reads it back", async () => {
    await (await admin()).organization.update({ timeZone: "Asia/Tokyo", allowedEmailDomains: ["A.Test "] });
    expect(await (await admin()).organization.get()).toMatchObject({
      timeZone: "Asia/Tokyo",
      allowedEmailDomains: ["a.test"],
      plan: "FREE",
    });
  });

  it("another organization's admin neither sees nor changes it", async () => {
    await (await admin("b")).organization.update({ name: "Beta Renamed" });
    expect((await (await admin("a")).organization.get()).name).toBe("Alpha School");
    expect((await (await admin("b")).organization.get()).timeZone).toBe("UTC");
  });

  it("refuses an unknown time zone and a malformed domain, naming the fields", async () => {
    const error = await errorOf(
      (await admin()).organization.update({ timeZone: "Mars/Olympus", allowedEmailDomains: ["@school"] }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const issues = (error.cause as unknown as { issues: { path: (string | number)[] }[] }).issues;
    expect(issues.map((i) => i.path.join(".")).sort()).toEqual(["allowedEmailDomains.0", "timeZone"]);
  });

  it("refuses a teacher", async () => {
    const error = await errorOf(w.caller(await w.actor("a", "TEACHER")).organization.update({ name: "Mine now" }));
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("organization.retentionPreview and retentionRun", () => {
  it("previews what would go and then removes it", async () => {
    const organizationId = w.orgs.a;
    await w.t.db.activityEvent.create({
      data: { organizationId, type: "ancient", createdAt: new Date(Date.now() - 400 * 86_400_000) },
    });
    const preview = await (await admin()).organization.retentionPreview();
    expect(preview.activity.count).toBe(1);
    expect(preview.activity.cutoff).toBeInstanceOf(Date);
    expect((await (await admin()).organization.retentionRun()).activity.count).toBe(1);
    expect((await (await admin()).organization.retentionPreview()).activity.count).toBe(0);
  });

  it("runs only for the admin's organization", async () => {
    await w.t.db.activityEvent.create({
      data: { organizationId: w.orgs.a, type: "ancient-a", createdAt: new Date(Date.now() - 400 * 86_400_000) },
    });
    await (await admin("b")).organization.retentionRun();
    expect(await w.t.db.activityEvent.count({ where: { type: "ancient-a" } })).toBe(1);
  });
});
