import type { LuauScript } from "@toolboxai/validators";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { checkLuau } from "../luau";
import { luaNumber, luaString } from "./luau-writer";
import { buildRojoProject, placeScripts, rojoFileName, rojoZip, slugify } from "./rojo";
import { environment, withOtherAnswers } from "./test-helpers";

const projectName = "Photosynthesis Lab";
const files = buildRojoProject(environment, { projectName });
const TOOLCHAIN = "aftman.toml";
const ROOT_FILES = ["default.project.json", "README.md", TOOLCHAIN];

type TreeNode = { $className?: string; $path?: string; [child: string]: unknown };

function project(f: Map<string, string> = files): { name: string; tree: TreeNode } {
  return JSON.parse(f.get("default.project.json") ?? "null");
}

/** Every `$path` in a Rojo tree with the instance path it mounts at. */
function mountedPaths(node: TreeNode, at: string[] = []): { path: string; at: string[] }[] {
  const out: { path: string; at: string[] }[] = [];
  if (node.$path) out.push({ path: node.$path, at });
  for (const [key, child] of Object.entries(node)) {
    if (!key.startsWith("$")) out.push(...mountedPaths(child as TreeNode, [...at, key]));
  }
  return out;
}

function filesUnder(folder: string, f: Map<string, string> = files): string[] {
  return [...f.keys()].filter((p) => p.startsWith(`${folder}/`));
}

function unzipped(zip: Uint8Array): Map<string, string> {
  return new Map(Object.entries(unzipSync(zip)).map(([path, bytes]) => [path, strFromU8(bytes)]));
}

describe("buildRojoProject", () => {
  it("writes the standard Rojo project tree", () => {
    expect(project()).toEqual({
      name: projectName,
      tree: {
        $className: "DataModel",
        ServerScriptService: { $className: "ServerScriptService", Server: { $path: "src/server" } },
        StarterPlayer: {
          $className: "StarterPlayer",
          StarterPlayerScripts: { $className: "StarterPlayerScripts", Client: { $path: "src/client" } },
        },
        ReplicatedStorage: { $className: "ReplicatedStorage", Shared: { $path: "src/shared" } },
      },
    });
  });

  it("gives every $path folder files and puts nothing outside them but the project, README and toolchain", () => {
    const mounts = mountedPaths(project().tree).map((m) => m.path);
    for (const folder of mounts) expect(filesUnder(folder).length).toBeGreaterThan(0);
    const stray = [...files.keys()].filter(
      (p) => !ROOT_FILES.includes(p) && !mounts.some((folder) => p.startsWith(`${folder}/`)),
    );
    expect(stray).toEqual([]);
    for (const root of ROOT_FILES) expect(files.has(root)).toBe(true);
  });

  it("names files by the script type their folder needs", () => {
    for (const path of filesUnder("src/server")) expect(path).toMatch(/^src\/server\/[A-Za-z]\w*(\.server)?\.luau$/);
    for (const path of filesUnder("src/client")) expect(path).toMatch(/^src\/client\/[A-Za-z]\w*\.client\.luau$/);
    for (const path of filesUnder("src/shared")) expect(path).toMatch(/^src\/shared\/[A-Za-z]\w*\.luau$/);
    expect(filesUnder("src/shared").some((p) => /\.(server|client)\.luau$/.test(p))).toBe(false);
  });

  it("includes the terrain builder, the quiz server and client, and both quiz modules", () => {
    for (const path of [
      "src/server/BuildTerrain.server.luau",
      "src/server/QuizServer.server.luau",
      "src/server/QuizAnswers.luau",
      "src/client/QuizClient.client.luau",
      "src/shared/QuizData.luau",
    ]) {
      expect(files.has(path)).toBe(true);
    }
  });

  it("writes only .luau files that parse as Lua 5.1", () => {
    const luau = [...files.keys()].filter((p) => p.endsWith(".luau"));
    expect(luau.length).toBeGreaterThanOrEqual(5 + environment.scripts.length);
    for (const path of luau)
      expect({ path, check: checkLuau(files.get(path) ?? "") }).toEqual({ path, check: { ok: true } });
  });

  it("places each generated script by kind, with its source unchanged", () => {
    expect(files.get("src/server/DayNightCycle.server.luau")).toBe(`${environment.scripts[0]?.source}\n`);
    expect(files.get("src/shared/PlantFacts.luau")).toBe(`${environment.scripts[1]?.source}\n`);
    expect(files.get("src/client/Hints.client.luau")).toBe(`${environment.scripts[2]?.source}\n`);
  });

  it("renames generated scripts that clash with built-in files or Rojo's init name", () => {
    expect(files.get("src/shared/QuizData_2.luau")).toBe("return {}\n");
    expect(files.get("src/server/init_2.server.luau")).toBe('print("hello")\n');
    expect(files.has("src/server/init.server.luau")).toBe(false);
  });

  it("resolves every require(...WaitForChild...) to a ModuleScript the tree provides", () => {
    const tree = project().tree;
    const requires = [...files.values()].flatMap((text) => [
      ...text.matchAll(/require\(game:GetService\("(\w+)"\)((?::WaitForChild\("\w+"\))+)\)/g),
    ]);
    expect(requires.length).toBeGreaterThanOrEqual(3);
    for (const match of requires) {
      const names = [...(match[2] ?? "").matchAll(/WaitForChild\("(\w+)"\)/g)].map((m) => m[1] as string);
      let node: TreeNode | undefined = tree[match[1] as string] as TreeNode;
      while (node && !node.$path && names.length > 0) node = node[names.shift() as string] as TreeNode | undefined;
      expect({ require: match[0], mounted: node?.$path !== undefined, rest: names.length }).toEqual({
        require: match[0],
        mounted: true,
        rest: 1,
      });
      expect(files.has(`${node?.$path}/${names[0]}.luau`)).toBe(true);
    }
  });

  it("is the same for the same environment", () => {
    expect(buildRojoProject(environment, { projectName })).toEqual(files);
  });
});

describe("answer keys", () => {
  const clientSide = [...filesUnder("src/shared"), ...filesUnder("src/client")].map((p) => files.get(p) ?? "");
  const answers = files.get("src/server/QuizAnswers.luau") ?? "";
  const forms = (text: string) => [text, text.toLowerCase(), luaString(text), luaString(text.toLowerCase())];

  it("keeps accepted short answers out of src/shared and src/client", () => {
    const accepted = environment.checkpoints.flatMap((c) =>
      c.question.type === "SHORT_ANSWER" ? c.question.answer.accepted : [],
    );
    expect(accepted.length).toBeGreaterThan(0);
    for (const text of accepted) {
      expect(answers.toLowerCase()).toContain(text.toLowerCase());
      for (const form of forms(text))
        for (const file of clientSide) expect(file.toLowerCase()).not.toContain(form.toLowerCase());
    }
  });

  it("keeps numeric answers and tolerances out of src/shared and src/client", () => {
    const numbers = environment.checkpoints.flatMap((c) =>
      c.question.type === "NUMERIC" ? [c.question.answer.value, c.question.answer.tolerance] : [],
    );
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) {
      const pattern = new RegExp(`(?<![\\d.])${luaNumber(n).replace(".", "\\.")}(?![\\d.])`);
      expect(answers).toMatch(pattern);
      for (const file of clientSide) expect(file).not.toMatch(pattern);
    }
  });

  it("names correct option ids in src/shared and src/client only once each, as plain options", () => {
    for (const c of environment.checkpoints) {
      if (c.question.type !== "SINGLE_CHOICE" && c.question.type !== "MULTIPLE_CHOICE") continue;
      for (const id of c.question.answer.correct) {
        expect(answers).toContain(luaString(id));
        const uses = clientSide.join("\n").split(`id = ${luaString(id)},`).length - 1;
        const all = clientSide.join("\n").split(luaString(id)).length - 1;
        expect({ id, uses, all }).toEqual({ id, uses: 1, all: 1 });
      }
    }
  });

  it("keeps explanations out of src/shared and src/client", () => {
    for (const c of environment.checkpoints) {
      if (!c.question.explanation) continue;
      for (const file of clientSide) expect(file).not.toContain(luaString(c.question.explanation));
      expect(answers).toContain(luaString(c.question.explanation));
    }
  });

  it("leaves every src/shared and src/client file unchanged when only the answer keys change", () => {
    const other = buildRojoProject(withOtherAnswers(environment), { projectName });
    for (const path of [...filesUnder("src/shared"), ...filesUnder("src/client")]) {
      expect({ path, text: other.get(path) }).toEqual({ path, text: files.get(path) });
    }
    expect(other.get("src/server/QuizAnswers.luau")).not.toBe(answers);
  });
});

describe("README and toolchain", () => {
  const readme = files.get("README.md") ?? "";

  it("explains how to open the project with rojo serve or rojo build", () => {
    expect(readme).toContain("rojo serve");
    expect(readme).toContain("rojo build -o Place.rbxlx");
    expect(readme).toContain("plugin");
  });

  it("describes every script and every station", () => {
    for (const path of [...files.keys()].filter((p) => p.endsWith(".luau"))) expect(readme).toContain(path);
    for (const station of environment.terrain.stations) expect(readme).toContain(`\`${station.id}\``);
  });

  it("says answers are graded on the server", () => {
    expect(readme).toMatch(/graded on the server/i);
  });

  it("pins Rojo 7.x in the toolchain file", () => {
    expect(files.get(TOOLCHAIN)).toMatch(/^\[tools\]\nrojo = "rojo-rbx\/rojo@7\.\d+\.\d+"$/m);
  });
});

describe("rojoZip", () => {
  const zip = rojoZip(environment, { projectName });
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it("unpacks to the project's files under one folder named by the project's slug", () => {
    const entries = unzipped(zip);
    const expected = new Map([...files].map(([path, text]) => [`photosynthesis-lab/${path}`, text]));
    expect(entries).toEqual(expected);
  });

  it("holds no directory entries or files outside the top folder", () => {
    for (const path of Object.keys(unzipSync(zip))) {
      expect(path.startsWith("photosynthesis-lab/")).toBe(true);
      expect(path.endsWith("/")).toBe(false);
    }
  });

  it("gives the same bytes for the same environment", () => {
    expect(rojoZip(environment, { projectName })).toEqual(zip);
  });

  it("gives the same bytes in any time zone", () => {
    process.env.TZ = "Pacific/Kiritimati";
    const east = rojoZip(environment, { projectName });
    process.env.TZ = "America/Adak";
    const west = rojoZip(environment, { projectName });
    expect(west).toEqual(east);
  });

  it("writes the modification time it is given", () => {
    expect(rojoZip(environment, { projectName, mtime: new Date(2030, 5, 1) })).not.toEqual(zip);
  });
});

describe("file names", () => {
  it("names the download after the title", () => {
    expect(rojoFileName("Photosynthesis Lab")).toBe("photosynthesis-lab-rojo.zip");
    expect(rojoFileName("  Ça va? Les “états” de l'eau!  ")).toBe("ca-va-les-etats-de-l-eau-rojo.zip");
  });

  it("falls back to a default slug when the title has no letters or digits", () => {
    expect(slugify("🌱🌞 ***")).toBe("roblox-environment");
    expect(rojoFileName("")).toBe("roblox-environment-rojo.zip");
  });

  it("keeps slugs short and free of path separators", () => {
    const slug = slugify(`../../${"very long title ".repeat(20)}`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("names the zip's top folder after the project's slug", () => {
    const paths = Object.keys(unzipSync(rojoZip(environment, { projectName: "Rock Cycle / Part 2" })));
    expect(paths.every((p) => p.startsWith("rock-cycle-part-2/"))).toBe(true);
  });
});

describe("placeScripts", () => {
  const script = (name: string, kind: LuauScript["kind"]): LuauScript => ({
    name,
    kind,
    purpose: "p",
    source: "return 1",
  });

  it("suffixes later clashes in the same folder, ignoring case, in input order", () => {
    const placed = placeScripts([
      script("Helper", "server"),
      script("helper", "server"),
      script("HELPER", "server"),
      script("Helper", "client"),
    ]);
    expect(placed.map((p) => p.path)).toEqual([
      "src/server/Helper.server.luau",
      "src/server/helper_2.server.luau",
      "src/server/HELPER_3.server.luau",
      "src/client/Helper.client.luau",
    ]);
  });

  it("never takes a built-in script's name", () => {
    const placed = placeScripts([
      script("BuildTerrain", "server"),
      script("QuizAnswers", "server"),
      script("quizclient", "client"),
      script("QuizData", "module"),
      script("Init", "module"),
    ]);
    expect(placed.map((p) => p.path)).toEqual([
      "src/server/BuildTerrain_2.server.luau",
      "src/server/QuizAnswers_2.server.luau",
      "src/client/quizclient_2.client.luau",
      "src/shared/QuizData_2.luau",
      "src/shared/Init_2.luau",
    ]);
  });
});
