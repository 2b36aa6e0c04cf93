// The script agent: writes the Luau that runs the lab's stations (a data module, a server script
// that wires each station's ProximityPrompt to a RemoteEvent, and a client script that shows the
// station's text on screen). Scripts are written in the Lua 5.1 subset so `checkLuau` parses them.
// The terrain itself is built elsewhere from the spec (Terrain:FillBlock / FillBall). Its offline
// draft is in src/providers/offline/script.ts.
import { type LuauScript, type ScriptBundle, scriptBundleSchema, terrainSpecSchema } from "@toolboxai/validators";
import type { z } from "zod";
import { checkLuau } from "../luau";
import type { AgentSpec } from "../types";
import { describeRequest, draftInputSchema, inputBlock, revisionText, systemPrompt } from "./prompt";

export const scriptInputSchema = draftInputSchema({ terrain: terrainSpecSchema }, scriptBundleSchema);
export type ScriptInput = z.infer<typeof scriptInputSchema>;
/** A script's parse error as the model (and the reviewer) should read it: name, line and message; null when it parses. */
export function parseProblem(script: LuauScript): string | null {
  const parsed = checkLuau(script.source);
  if (parsed.ok) return null;
  const message = parsed.error.replace(/^\[\d+:\d+\]\s*/, "");
  return `${script.name} line ${parsed.line ?? "?"}: ${message}`;
}

export const script = {
  name: "script",
  description: "Writes the Luau scripts that run the lab's stations",
  inputSchema: scriptInputSchema,
  outputSchema: scriptBundleSchema,
  prompt(input: ScriptInput) {
    const system = systemPrompt("a Roblox engineer who writes safe, simple Luau for classroom games", [
      "Write Luau in the Lua 5.1 subset so a Lua 5.1 parser accepts it: no type annotations, no compound assignment (write x = x + 1, never +=), no continue, no backtick strings, no // integer division.",
      "Do not build terrain (another module does that from the spec). Find stations by the ids in the terrain spec, as children of workspace.Stations (e.g. workspace.Stations[stationId]).",
      'Write string literals with double quotes and escape backslashes, quotes and newlines (\\\\, \\", \\n).',
      'Use "server" scripts for ProximityPrompts and RemoteEvents, a "client" script for on-screen text (ScreenGui with TextLabel), and "module" scripts for shared station data.',
      "Never use HttpService, never collect or store personal data, and do not use chat or text input from students except answers to quiz questions.",
      "Script names are unique Lua-style names (a letter, then letters, digits or _).",
    ]);
    const user = [
      `Write the scripts for the lab "${input.terrain.name}": a module with the stations' data, a server script that adds a ProximityPrompt to each station and fires a RemoteEvent to the student who used it, and a client script that shows the station's prompt in a readable on-screen panel.`,
      `Stations: ${input.terrain.stations.map((s) => `${s.id} (${s.kind})`).join(", ")}.`,
      "",
      describeRequest(input.request),
    ].join("\n");
    return { system, user: user + revisionText(input.revision, "scripts") + inputBlock(input) };
  },
  check(output: ScriptBundle) {
    const problems: string[] = [];
    const names = new Set<string>();
    for (const s of output.scripts) {
      if (names.has(s.name)) problems.push(`Script name ${s.name} is used twice; names must be unique`);
      names.add(s.name);
      const problem = parseProblem(s);
      if (problem) problems.push(problem);
    }
    return problems;
  },
} satisfies AgentSpec<ScriptInput, ScriptBundle>;
