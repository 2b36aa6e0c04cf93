// The script agent's offline drafts: the three scripts that run the lab's stations (their Luau is in
// ./luau/), and the revision when the reviewer sends them back.
import type { ScriptBundle, TerrainSpec } from "@toolboxai/validators";
import { parseProblem, type ScriptInput, script, scriptInputSchema } from "../../agents/script";
import { clean, scriptFindings } from "./findings";
import { normalized } from "./kit";
import { stationData } from "./luau/station-data";
import { clientScript } from "./luau/station-panel";
import { serverScript } from "./luau/station-prompts";
import { privacyIssues } from "./text";

/** The first draft: the station data module, the server script and the client text panel. */
export function draftScripts(terrain: TerrainSpec): ScriptBundle {
  return {
    scripts: [
      {
        name: "StationData",
        kind: "module",
        purpose: "Holds each station's id, name, kind and prompt (place it in ReplicatedStorage).",
        source: stationData(terrain),
      },
      {
        name: "StationPrompts",
        kind: "server",
        purpose:
          "Adds a ProximityPrompt to every station in workspace.Stations and tells the student's screen which station to show; counts stations visited (place it in ServerScriptService).",
        source: serverScript(),
      },
      {
        name: "StationPanel",
        kind: "client",
        purpose:
          "Shows the station's text in a large on-screen panel when a student uses a station (place it in StarterPlayerScripts).",
        source: clientScript(),
      },
    ],
  };
}

/**
 * A revision: a fresh bundle from the terrain (which parses and shows text on screen), plus any
 * extra scripts from the previous bundle that parse, have their own name and raise no privacy
 * problem. Falls back to the fresh bundle alone when the result would not pass review.
 */
export function reviseScripts(input: ScriptInput & { revision: NonNullable<ScriptInput["revision"]> }): ScriptBundle {
  const fresh = draftScripts(input.terrain);
  const names = new Set(fresh.scripts.map((s) => s.name));
  const flagged = [input.revision.instructions, ...input.revision.findings].join("\n");
  const extras = input.revision.previous.scripts.filter(
    (s) =>
      !names.has(s.name) &&
      !flagged.includes(s.name) &&
      parseProblem(s) === null &&
      !/\bHttpService\b/.test(s.source) &&
      privacyIssues(s.source).length === 0,
  );
  const bundle: ScriptBundle = { scripts: [...fresh.scripts, ...extras].slice(0, 20) };
  if (script.check(bundle).length === 0 && clean(scriptFindings(bundle, input.request))) return bundle;
  return fresh;
}

/** The script agent's offline answer: a revision when the reviewer sent the scripts back, else a first draft. */
export function offlineScript(raw: ScriptInput): ScriptBundle {
  const input = normalized(scriptInputSchema, raw);
  if (input.revision) return reviseScripts({ ...input, revision: input.revision });
  return draftScripts(input.terrain);
}
