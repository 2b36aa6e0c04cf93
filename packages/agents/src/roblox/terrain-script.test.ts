import { describe, expect, it } from "vitest";
import { checkLuau } from "../luau";
import { BASE_THICKNESS, materialEnum, STATION_ACTION_TEXT, terrainScript } from "./terrain-script";
import { environment, type LuaRead, readLocal } from "./test-helpers";

const spec = environment.terrain;
const source = terrainScript(spec);

type Call = { call: string; args: LuaRead[] };

function fills(kind: "FillBlock" | "FillBall"): string[][] {
  const pattern = new RegExp(`Terrain:${kind}\\((.*)\\)$`, "gm");
  return [...source.matchAll(pattern)].map((m) => (m[1] ?? "").split(/,\s*(?![^()]*\))/));
}

describe("terrainScript", () => {
  it("writes a script that parses as Lua 5.1", () => {
    expect(checkLuau(source)).toEqual({ ok: true });
  });

  it("fills the base plate and then one block per block region, with their materials", () => {
    const blocks = spec.regions.filter((r) => r.shape === "block");
    const calls = fills("FillBlock");
    expect(calls).toHaveLength(blocks.length + 1);
    expect(calls.map((c) => c[2])).toEqual([
      `Enum.Material.${spec.baseMaterial}`,
      ...blocks.map((b) => `Enum.Material.${b.material}`),
    ]);
  });

  it("fills one ball per ball region at its centre, radius and material", () => {
    const balls = spec.regions.filter((r) => r.shape === "ball");
    expect(fills("FillBall")).toEqual(
      balls.map((b) => [
        `Vector3.new(${b.center.x}, ${b.center.y}, ${b.center.z})`,
        String(b.radius),
        `Enum.Material.${b.material}`,
      ]),
    );
  });

  it("lays the base plate over the whole size with its top at y = 0", () => {
    expect(fills("FillBlock")[0]).toEqual([
      `CFrame.new(0, ${-BASE_THICKNESS / 2}, 0)`,
      `Vector3.new(${spec.size.x}, ${BASE_THICKNESS}, ${spec.size.z})`,
      `Enum.Material.${spec.baseMaterial}`,
    ]);
  });

  it("lists every station with its id, name, kind, prompt and position, tricky text intact", () => {
    expect(readLocal(source, "STATIONS")).toEqual(
      spec.stations.map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        prompt: s.prompt,
        position: { call: "Vector3.new", args: [s.position.x, s.position.y, s.position.z] },
      })),
    );
  });

  it("builds each station as an anchored Part named by its id in a Stations folder", () => {
    expect(source).toContain('stationsFolder.Name = "Stations"');
    expect(source).toContain("part.Name = station.id");
    expect(source).toContain("part.Anchored = true");
    expect(source).toContain("stationsFolder.Parent = workspace");
  });

  it("gives each station a label, a ProximityPrompt named after the station and its attributes", () => {
    for (const text of Object.values(STATION_ACTION_TEXT)) expect(source).toContain(`actionText = "${text}"`);
    for (const line of [
      'Instance.new("BillboardGui")',
      "label.Text = station.name",
      'Instance.new("ProximityPrompt")',
      "prompt.ActionText = style.actionText",
      "prompt.ObjectText = station.name",
      'part:SetAttribute("StationId", station.id)',
      'part:SetAttribute("Kind", station.kind)',
      'part:SetAttribute("Prompt", station.prompt)',
    ]) {
      expect(source).toContain(line);
    }
  });

  it("lists every spawn point and makes each one a SpawnLocation", () => {
    const spawns = readLocal(source, "SPAWN_POINTS") as { name: string; position: Call }[];
    expect(spawns.map((s) => s.name)).toEqual(spec.spawnPoints.map((s) => s.name));
    expect(source).toContain('Instance.new("SpawnLocation")');
  });

  it("lists every prop with a builder for its kind", () => {
    const props = readLocal(source, "PROPS") as { name: string; kind: string }[];
    expect(props.map((p) => [p.name, p.kind])).toEqual(spec.props.map((p) => [p.name, p.kind]));
    for (const kind of new Set(spec.props.map((p) => p.kind))) {
      expect(source).toContain(`function PropBuilders.${kind}(model, base)`);
    }
  });

  it("writes a valid script for a bare spec with no regions or props", () => {
    const bare = terrainScript({ ...spec, regions: [], props: [] });
    expect(checkLuau(bare)).toEqual({ ok: true });
    expect(bare.match(/Terrain:FillBlock\(/g)).toHaveLength(1);
    expect(bare).not.toContain("Terrain:FillBall(");
  });

  it("refuses a material name that is not an enum item", () => {
    expect(() => materialEnum("Grass); os.exit() --")).toThrow();
  });
});
