import { type ScriptBundle, scriptBundleSchema, type TerrainSpec } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { checkLuau } from "../luau";
import { scriptFindings } from "../providers/offline/findings";
import { luaString } from "../roblox/luau-writer";
import { agents } from "./index";
import { inputOfPrompt, request, requestMatrix } from "./test-fixtures";

const { supervisor, quiz, terrain, script } = agents;

const labFor = (r = request()): TerrainSpec => {
  const outline = supervisor.offline({ request: r });
  const q = r.parts.includes("quiz") ? quiz.offline({ request: r, outline, lesson: null, revision: null }) : null;
  return terrain.offline({ request: r, outline, quiz: q, revision: null });
};
const draft = (r = request(), t = labFor(r)) => script.offline({ request: r, terrain: t, revision: null });

describe("the script agent", () => {
  it.each(requestMatrix.filter((m) => m.request.parts.includes("environment")))(
    "drafts scripts that all parse as Lua 5.1 and pass its checks: $label",
    ({ request: r }) => {
      const bundle = draft(r);
      expect(scriptBundleSchema.parse(bundle)).toEqual(bundle);
      for (const s of bundle.scripts) expect(checkLuau(s.source)).toEqual({ ok: true });
      expect(script.check(bundle)).toEqual([]);
    },
  );

  it("writes a data module, a server script and a client script", () => {
    expect(draft().scripts.map((s) => [s.name, s.kind])).toEqual([
      ["StationData", "module"],
      ["StationPrompts", "server"],
      ["StationPanel", "client"],
    ]);
  });

  it("puts every station id and prompt of the terrain spec in the data module", () => {
    const t = labFor();
    const data = draft(request(), t).scripts.find((s) => s.name === "StationData")?.source ?? "";
    for (const s of t.stations) {
      expect(data).toContain(`id = ${luaString(s.id)}`);
      expect(data).toContain(`prompt = ${luaString(s.prompt)}`);
    }
  });

  it("wires ProximityPrompts in workspace.Stations to a RemoteEvent on the server", () => {
    const server = draft().scripts.find((s) => s.kind === "server")?.source ?? "";
    expect(server).toMatch(/workspace:WaitForChild\("Stations"/);
    expect(server).toMatch(/Instance\.new\("ProximityPrompt"\)/);
    expect(server).toMatch(/remote:FireClient\(player, station\.id\)/);
    expect(server).not.toMatch(/FillBlock|FillBall/);
  });

  it("shows the station prompt in an on-screen text panel on the client", () => {
    const client = draft().scripts.find((s) => s.kind === "client")?.source ?? "";
    expect(client).toMatch(/Instance\.new\("ScreenGui"\)/);
    expect(client).toMatch(/Instance\.new\("TextLabel"\)/);
    expect(client).toMatch(/body\.Text = station\.prompt/);
  });

  it("uses no Luau-only syntax", () => {
    for (const s of draft().scripts) {
      expect(s.source).not.toMatch(/\+=|-=|\bcontinue\b|`|\/\/|local \w+\s*:\s*\w+\s*=/);
    }
  });

  it("still parses when station text is full of quotes, backslashes, newlines and brackets", () => {
    const t = labFor();
    const hostile = 'Say "hi" \\ then\nnew line ]] --[[ end\u0000 🌱';
    const lab: TerrainSpec = {
      ...t,
      name: `Lab "${hostile}"`,
      stations: t.stations.map((s) => ({ ...s, name: hostile.slice(0, 20), prompt: hostile })),
    };
    const bundle = draft(request(), lab);
    expect(script.check(bundle)).toEqual([]);
  });

  it("is deterministic", () => {
    expect(draft()).toEqual(draft());
  });

  it("reports a script that uses compound assignment with its name and line", () => {
    const bundle: ScriptBundle = {
      scripts: [
        ...draft().scripts,
        { name: "Counter", kind: "server", purpose: "Counts", source: "local x = 1\nx += 1\nprint(x)\n" },
      ],
    };
    expect(script.check(bundle)).toEqual(["Counter line 2: '=' expected near '+'"]);
  });

  it("reports `continue` and type annotations as parse errors", () => {
    const bundle: ScriptBundle = {
      scripts: [
        {
          name: "Loop",
          kind: "server",
          purpose: "Loops",
          source: "for i = 1, 3 do\n  if i == 2 then\n    continue\n  end\nend\n",
        },
        { name: "Typed", kind: "module", purpose: "Types", source: "local n: number = 1\nreturn n\n" },
      ],
    };
    const problems = script.check(bundle);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Loop line \d+: /);
    expect(problems[1]).toMatch(/^Typed line 1: /);
  });

  it("reports script names used twice", () => {
    const [data] = draft().scripts;
    if (!data) throw new Error("expected a script");
    expect(script.check({ scripts: [data, data] })).toEqual([
      "Script name StationData is used twice; names must be unique",
    ]);
  });

  it("replaces broken and web-calling scripts in a revision, keeping a good extra one", () => {
    const r = request();
    const t = labFor(r);
    const previous: ScriptBundle = {
      scripts: [
        { name: "StationPrompts", kind: "server", purpose: "Broken", source: "local x = 1\nx += 1\n" },
        {
          name: "Tracker",
          kind: "server",
          purpose: "Sends scores",
          source: 'local H = game:GetService("HttpService")\n',
        },
        {
          name: "Music",
          kind: "client",
          purpose: "Plays music",
          source: 'local s = Instance.new("Sound")\ns.Looped = true\n',
        },
      ],
    };
    const findings = scriptFindings(previous, r).filter((f) => f.finding.severity !== "info");
    expect(findings.map((f) => f.finding.category).sort()).toEqual(["accessibility", "accuracy", "privacy"]);
    const revised = script.offline({
      request: r,
      terrain: t,
      revision: { instructions: "Fix the scripts.", findings: findings.map((f) => f.finding.message), previous },
    });
    expect(revised.scripts.map((s) => s.name)).toEqual(["StationData", "StationPrompts", "StationPanel", "Music"]);
    expect(script.check(revised)).toEqual([]);
    expect(scriptFindings(revised, r).filter((f) => f.finding.severity !== "info")).toEqual([]);
  });

  it("tells the model to write the Lua 5.1 subset, and ends its prompt with the input", () => {
    const r = request();
    const input = { request: r, terrain: labFor(r), revision: null };
    const { system, user } = script.prompt(input);
    expect(system).toMatch(/Lua 5\.1/);
    expect(system).toMatch(/\+=/);
    expect(system).toMatch(/continue/);
    expect(system).toMatch(/workspace\.Stations/);
    expect(inputOfPrompt(user)).toEqual(input);
  });

  it("puts the reviewer's findings in the prompt of a revision", () => {
    const r = request();
    const t = labFor(r);
    const { user } = script.prompt({
      request: r,
      terrain: t,
      revision: {
        instructions: "Fix StationPrompts.",
        findings: ["[blocker] accuracy, environment: StationPrompts does not parse"],
        previous: draft(r, t),
      },
    });
    expect(user).toContain("Fix StationPrompts.");
    expect(user).toContain("[blocker] accuracy, environment: StationPrompts does not parse");
  });
});
