// What the Studio plugin's key may read: the Rojo project download follows `roblox.rojo`, so it
// needs `roblox:read` (the plugin's scope), not `content:read`.
import type { Actor } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContextInner } from "../../context";
import { rojoProject } from "../../downloads";
import { createWorld, errorOf, type World } from "../../testing";

let w: World;
let environmentId: string;
beforeAll(async () => {
  w = await createWorld();
  const at = { x: 0, y: 0, z: 0 };
  const item = await w.scoped("a").contentItem.create({
    data: {
      organizationId: w.orgs.a,
      authorId: w.users.a.TEACHER.id,
      type: "ENVIRONMENT",
      title: "Volcano island",
      subject: "Science",
      gradeLevel: "7",
      body: {
        terrain: {
          name: "Volcano island",
          description: "",
          baseMaterial: "Grass",
          size: { x: 128, z: 128 },
          regions: [],
          props: [],
          spawnPoints: [{ name: "Dock", position: at }],
          stations: [
            { id: "Intro", name: "Intro", kind: "info", position: at, prompt: "Welcome", questionIndex: null },
          ],
        },
        scripts: [],
        checkpoints: [],
      },
    },
  });
  environmentId = item.id;
});
afterAll(() => w.t.close());

async function keyOfTeacher(scopes: string[]): Promise<Actor> {
  return { ...(await w.actor("a", "TEACHER")), apiKeyId: "plugin-key", scopes };
}

const download = (actor: Actor) => rojoProject(createContextInner({ db: w.t.db, actor }), environmentId);

describe("downloading a Rojo project with an API key", () => {
  it("works for a key holding only roblox:read", async () => {
    const file = await download(await keyOfTeacher(["roblox:read"]));
    expect(file.contentType).toBe("application/zip");
    expect(file.filename).toMatch(/\.zip$/);
    expect(file.body.byteLength).toBeGreaterThan(0);
  });

  it("refuses a key holding only content:read, naming roblox:read", async () => {
    const error = await errorOf(download(await keyOfTeacher(["content:read"])));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("This API key lacks the scope roblox:read.");
  });

  it("still works for the teacher's browser session (no key, no scopes)", async () => {
    const file = await download(await w.actor("a", "TEACHER"));
    expect(file.contentType).toBe("application/zip");
  });
});
