// The offline lab's StationData module (ReplicatedStorage): every station's id, name, kind and
// prompt as a Luau table, with a lookup by id. Text is written with luaString, so any station text
// stays a valid string literal.
import type { TerrainSpec } from "@toolboxai/validators";
import { luaString } from "../../../roblox/luau-writer";

export function stationData(terrain: TerrainSpec): string {
  const rows = terrain.stations.map((s) => {
    const fields = [
      `id = ${luaString(s.id)}`,
      `name = ${luaString(s.name)}`,
      `kind = ${luaString(s.kind)}`,
      `prompt = ${luaString(s.prompt)}`,
    ];
    if (s.questionIndex !== null) fields.push(`questionNumber = ${s.questionIndex + 1}`);
    return `\t{ ${fields.join(", ")} },`;
  });
  return [
    `-- Station data for ${terrain.name.replace(/[\r\n]+/g, " ")}: one entry per learning station,`,
    "-- keyed by the station ids used in workspace.Stations.",
    "local StationData = {}",
    "",
    `StationData.title = ${luaString(terrain.name)}`,
    "",
    "StationData.stations = {",
    ...rows,
    "}",
    "",
    "local byId = {}",
    "for _, station in ipairs(StationData.stations) do",
    "\tbyId[station.id] = station",
    "end",
    "",
    "-- Returns the station with this id, or nil.",
    "function StationData.find(id)",
    "\treturn byId[id]",
    "end",
    "",
    "return StationData",
    "",
  ].join("\n");
}
