import type { LuauScript, RobloxEnvironment } from "@toolboxai/validators";
import { strToU8, type Zippable, zipSync } from "fflate";
import { checkpointsByStation, QUIZ_LAYOUT, quizAnswersModule, quizDataModule } from "./checkpoints";
import { quizClientScript } from "./quiz-client-script";
import { quizServerScript } from "./quiz-server-script";
import { STATION_ACTION_TEXT, terrainScript } from "./terrain-script";

/** The Rojo version the toolchain file pins (any Rojo 7.x opens the project). */
export const ROJO_VERSION = "7.4.4";

export interface RojoOptions {
  /** The place's name (the lesson or environment title); also names the zip's top folder. */
  projectName: string;
}

export interface RojoZipOptions extends RojoOptions {
  /** The modification time written for every file (default: a fixed date, so the bytes are reproducible). */
  mtime?: Date;
}

/** The three source folders and where the Rojo tree mounts them. */
export const ROJO_FOLDERS = {
  server: { path: "src/server", service: "ServerScriptService", folder: QUIZ_LAYOUT.serverFolder },
  client: { path: "src/client", service: "StarterPlayer.StarterPlayerScripts", folder: "Client" },
  shared: { path: "src/shared", service: "ReplicatedStorage", folder: QUIZ_LAYOUT.sharedFolder },
} as const;

/** The built-in scripts, by instance name. Generated scripts never take these names. */
export const BUILT_IN_SCRIPTS = {
  buildTerrain: "BuildTerrain",
  quizServer: "QuizServer",
  quizAnswers: QUIZ_LAYOUT.quizAnswersModule,
  quizClient: "QuizClient",
  quizData: QUIZ_LAYOUT.quizDataModule,
} as const;

type FolderKey = keyof typeof ROJO_FOLDERS;

const SUFFIX: Record<LuauScript["kind"], string> = { server: ".server.luau", client: ".client.luau", module: ".luau" };
const FOLDER_OF: Record<LuauScript["kind"], FolderKey> = { server: "server", client: "client", module: "shared" };

/** `default.project.json`'s tree: the three folders become Folders named Server, Client and Shared. */
export function rojoProjectJson(projectName: string): string {
  const project = {
    name: projectName,
    tree: {
      $className: "DataModel",
      ServerScriptService: {
        $className: "ServerScriptService",
        [ROJO_FOLDERS.server.folder]: { $path: ROJO_FOLDERS.server.path },
      },
      StarterPlayer: {
        $className: "StarterPlayer",
        StarterPlayerScripts: {
          $className: "StarterPlayerScripts",
          [ROJO_FOLDERS.client.folder]: { $path: ROJO_FOLDERS.client.path },
        },
      },
      ReplicatedStorage: {
        $className: "ReplicatedStorage",
        [ROJO_FOLDERS.shared.folder]: { $path: ROJO_FOLDERS.shared.path },
      },
    },
  };
  return `${JSON.stringify(project, null, 2)}\n`;
}

/** A name fit for a Lua identifier and a file name (generated script names already are). */
function safeScriptName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^[^A-Za-z]+/, "");
  return cleaned === "" ? "Script" : cleaned;
}

/**
 * Where each generated script goes, as instance names by script index. A name clashing with a
 * built-in script, an earlier generated script in the same folder (ignoring case, for
 * case-insensitive file systems) or Rojo's special `init` name gets `_2`, `_3`, ... appended.
 */
export function placeScripts(scripts: readonly LuauScript[]): { script: LuauScript; name: string; path: string }[] {
  const taken: Record<FolderKey, Set<string>> = {
    server: new Set(
      [BUILT_IN_SCRIPTS.buildTerrain, BUILT_IN_SCRIPTS.quizServer, BUILT_IN_SCRIPTS.quizAnswers, "init"].map((n) =>
        n.toLowerCase(),
      ),
    ),
    client: new Set([BUILT_IN_SCRIPTS.quizClient, "init"].map((n) => n.toLowerCase())),
    shared: new Set([BUILT_IN_SCRIPTS.quizData, "init"].map((n) => n.toLowerCase())),
  };
  return scripts.map((script) => {
    const folder = FOLDER_OF[script.kind];
    const base = safeScriptName(script.name);
    let name = base;
    for (let n = 2; taken[folder].has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken[folder].add(name.toLowerCase());
    return { script, name, path: `${ROJO_FOLDERS[folder].path}/${name}${SUFFIX[script.kind]}` };
  });
}

/** One line of teacher-written text for Markdown: no line breaks, no stray markup at the start. */
function mdLine(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/([\\`*_[\]<>|])/g, "\\$1");
}

function readme(env: RobloxEnvironment, projectName: string, placed: ReturnType<typeof placeScripts>): string {
  const quizStations = new Set(checkpointsByStation(env.checkpoints).map((c) => c.stationId));
  const stationLines = env.terrain.stations.map((s) => {
    const question = quizStations.has(s.id) ? " Shows a quiz question." : "";
    return `- **${mdLine(s.name)}** (\`${s.id}\`, ${s.kind}; prompt "${STATION_ACTION_TEXT[s.kind]}"): ${mdLine(s.prompt)}${question}`;
  });
  const generated = placed.map(
    ({ script, name, path }) =>
      `- \`${path}\` (${script.kind === "module" ? "ModuleScript" : script.kind === "server" ? "Script" : "LocalScript"}${name === script.name ? "" : `, renamed from ${script.name}`}): ${mdLine(script.purpose)}`,
  );
  return `# ${mdLine(projectName)}

${mdLine(env.terrain.description) || mdLine(env.terrain.name)}

This folder is a [Rojo](https://rojo.space) project generated by ToolboxAI. It builds the Roblox
learning environment "${mdLine(env.terrain.name)}": terrain, props, spawn points, the stations students
visit and their quiz questions.

## Open it in Roblox Studio

1. Install Rojo ${ROJO_VERSION.split(".")[0]}.x. With [Rokit](https://github.com/rojo-rbx/rokit) or
   [Aftman](https://github.com/LPGhatguy/aftman), run \`rokit install\` (or \`aftman install\`) in this folder:
   \`aftman.toml\` pins Rojo ${ROJO_VERSION}. Or download Rojo from its releases page.
2. Either sync live: run \`rojo serve\` here, install the Rojo plugin in Studio (\`rojo plugin install\`
   or from the Creator Store), open a place (a new Baseplate is fine) and press **Connect** in the Rojo
   plugin.
3. Or build a place file: run \`rojo build -o Place.rbxlx\` and open \`Place.rbxlx\` in Studio.
4. Press **Play**. The terrain, props and stations are built by a script when the server starts, so
   they appear in play mode, not while editing.

## What is inside

- \`default.project.json\`: maps \`src/server\` to ServerScriptService.${ROJO_FOLDERS.server.folder}, \`src/client\` to
  StarterPlayer.StarterPlayerScripts.${ROJO_FOLDERS.client.folder} and \`src/shared\` to ReplicatedStorage.${ROJO_FOLDERS.shared.folder}.
- \`src/server/${BUILT_IN_SCRIPTS.buildTerrain}.server.luau\`: builds the terrain (${env.terrain.regions.length} region(s) on a
  ${env.terrain.baseMaterial} ground of ${env.terrain.size.x} by ${env.terrain.size.z} studs), ${env.terrain.spawnPoints.length} spawn point(s),
  ${env.terrain.props.length} prop(s) and the \`Stations\` folder in Workspace.
- \`src/server/${BUILT_IN_SCRIPTS.quizServer}.server.luau\`: creates the \`${QUIZ_LAYOUT.remoteName}\` RemoteFunction and grades
  answers, adding each station's points once to the player's **Points** on the leaderboard.
- \`src/server/${BUILT_IN_SCRIPTS.quizAnswers}.luau\`: the answer keys. It stays on the server.
- \`src/shared/${BUILT_IN_SCRIPTS.quizData}.luau\`: the questions and options (no answers), for the client.
- \`src/client/${BUILT_IN_SCRIPTS.quizClient}.client.luau\`: when a player uses a station's prompt, shows its
  text or question and sends the answer to the server.
${generated.length > 0 ? `\nGenerated scripts:\n\n${generated.join("\n")}\n` : ""}
## Stations

${stationLines.join("\n")}

## Answers are graded on the server

Players only ever receive the questions. The answer keys live in ServerScriptService, which Roblox
never sends to players, and every answer is checked there, so students cannot read the answers
from their game client.
`;
}

function toolchain(): string {
  return `# Rojo toolchain for Rokit or Aftman: run \`rokit install\` or \`aftman install\`.
[tools]
rojo = "rojo-rbx/rojo@${ROJO_VERSION}"
`;
}

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** The place's name: the trimmed project name, or a default when it is blank. */
function placeName(projectName: string): string {
  const name = projectName.replace(/\s+/g, " ").trim();
  return name === "" ? "Learning Environment" : name;
}

/**
 * The files of a Rojo project for an environment, as relative paths to file text:
 * `default.project.json`, `aftman.toml`, `README.md` and the scripts under `src/`.
 */
export function buildRojoProject(env: RobloxEnvironment, options: RojoOptions): Map<string, string> {
  const name = placeName(options.projectName);
  const placed = placeScripts(env.scripts);
  const files = new Map<string, string>();
  files.set("default.project.json", rojoProjectJson(name));
  files.set("aftman.toml", toolchain());
  files.set("README.md", readme(env, name, placed));
  files.set(`src/server/${BUILT_IN_SCRIPTS.buildTerrain}.server.luau`, terrainScript(env.terrain));
  files.set(`src/server/${BUILT_IN_SCRIPTS.quizServer}.server.luau`, quizServerScript());
  files.set(`src/server/${BUILT_IN_SCRIPTS.quizAnswers}.luau`, quizAnswersModule(env.checkpoints));
  files.set(`src/client/${BUILT_IN_SCRIPTS.quizClient}.client.luau`, quizClientScript());
  files.set(`src/shared/${BUILT_IN_SCRIPTS.quizData}.luau`, quizDataModule(env.checkpoints));
  for (const { script, path } of placed) files.set(path, withNewline(script.source));
  return files;
}

/** A file-system-safe slug: lower-case ASCII letters, digits and single dashes. */
export function slugify(text: string, fallback = "roblox-environment"): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug === "" ? fallback : slug;
}

/** The download's file name for a title: `Photosynthesis Lab` -> `photosynthesis-lab-rojo.zip`. */
export function rojoFileName(title: string): string {
  return `${slugify(title)}-rojo.zip`;
}

/** A fixed, time-zone-independent date (zip stores local date fields, so build it from local fields). */
function defaultMtime(): Date {
  return new Date(2024, 0, 1, 12, 0, 0);
}

/**
 * The Rojo project zipped, every file under a top folder named by the project name's slug.
 * Files have a fixed modification time, so the same environment always gives the same bytes.
 */
export function rojoZip(env: RobloxEnvironment, options: RojoZipOptions): Uint8Array {
  const top = slugify(options.projectName);
  const mtime = options.mtime ?? defaultMtime();
  const entries: Zippable = {};
  for (const [path, text] of buildRojoProject(env, options)) entries[`${top}/${path}`] = strToU8(text);
  return zipSync(entries, { level: 6, mtime });
}
