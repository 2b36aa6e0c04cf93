// The script agent: writes the Luau that runs the lab's stations (a data module, a server script
// that wires each station's ProximityPrompt to a RemoteEvent, and a client script that shows the
// station's text on screen). Scripts are written in the Lua 5.1 subset so `checkLuau` parses them.
// The terrain itself is built elsewhere from the spec (Terrain:FillBlock / FillBall).
import {
  type LuauScript,
  type ScriptBundle,
  scriptBundleSchema,
  type TerrainSpec,
  terrainSpecSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import { checkLuau } from "../luau";
import { luaString } from "../roblox/luau-writer";
import type { AgentDefinition } from "../types";
import { clean, scriptFindings } from "./findings";
import { describeRequest, draftInputSchema, inputBlock, normalized, revisionText, systemPrompt } from "./prompt";
import { privacyIssues } from "./text";

export const scriptInputSchema = draftInputSchema({ terrain: terrainSpecSchema }, scriptBundleSchema);
export type ScriptInput = z.infer<typeof scriptInputSchema>;

const KIND_ACTION: Record<TerrainSpec["stations"][number]["kind"], string> = {
  info: "Read",
  experiment: "Try it",
  quiz: "Answer",
};

function stationData(terrain: TerrainSpec): string {
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

function serverScript(): string {
  const actions = Object.entries(KIND_ACTION)
    .map(([kind, text]) => `\t${kind} = ${luaString(text)},`)
    .join("\n");
  return `-- Gives every station in workspace.Stations a ProximityPrompt. When a student uses it, the
-- server tells that student's client which station to show, and counts the stations visited.
local ReplicatedStorage = game:GetService("ReplicatedStorage")
local Players = game:GetService("Players")

local StationData = require(ReplicatedStorage:WaitForChild("StationData"))

local remote = ReplicatedStorage:FindFirstChild("StationEvent")
if not remote then
\tremote = Instance.new("RemoteEvent")
\tremote.Name = "StationEvent"
\tremote.Parent = ReplicatedStorage
end

local ACTION_TEXT = {
${actions}
}

-- Stations visited this session, per player (nothing is saved or sent anywhere).
local visited = {}

local function addLeaderstats(player)
\tlocal stats = Instance.new("Folder")
\tstats.Name = "leaderstats"
\tstats.Parent = player
\tlocal count = Instance.new("IntValue")
\tcount.Name = "Stations"
\tcount.Value = 0
\tcount.Parent = stats
\tvisited[player] = {}
end

Players.PlayerAdded:Connect(addLeaderstats)
for _, player in ipairs(Players:GetPlayers()) do
\tif not visited[player] then
\t\taddLeaderstats(player)
\tend
end
Players.PlayerRemoving:Connect(function(player)
\tvisited[player] = nil
end)

local function markVisited(player, stationId)
\tlocal seen = visited[player]
\tif not seen or seen[stationId] then
\t\treturn
\tend
\tseen[stationId] = true
\tlocal stats = player:FindFirstChild("leaderstats")
\tlocal count = stats and stats:FindFirstChild("Stations")
\tif count then
\t\tcount.Value = count.Value + 1
\tend
end

local function anchorOf(object)
\tif object:IsA("BasePart") then
\t\treturn object
\tend
\tif object:IsA("Model") and object.PrimaryPart then
\t\treturn object.PrimaryPart
\tend
\treturn object:FindFirstChildWhichIsA("BasePart", true)
end

local stationsFolder = workspace:WaitForChild("Stations", 30)
if not stationsFolder then
\twarn("workspace.Stations was not found; build the lab's terrain and stations first")
\treturn
end

for _, station in ipairs(StationData.stations) do
\tlocal object = stationsFolder:WaitForChild(station.id, 10)
\tlocal anchor = object and anchorOf(object)
\tif anchor then
\t\tlocal prompt = anchor:FindFirstChildOfClass("ProximityPrompt")
\t\tif not prompt then
\t\t\tprompt = Instance.new("ProximityPrompt")
\t\t\tprompt.Parent = anchor
\t\tend
\t\tprompt.ActionText = ACTION_TEXT[station.kind] or "Open"
\t\tprompt.ObjectText = station.name
\t\tprompt.HoldDuration = 0
\t\tprompt.MaxActivationDistance = 12
\t\tprompt.RequiresLineOfSight = false
\t\tprompt.Triggered:Connect(function(player)
\t\t\tmarkVisited(player, station.id)
\t\t\tremote:FireClient(player, station.id)
\t\tend)
\telse
\t\twarn("No part found for station " .. station.id)
\tend
end
`;
}

function clientScript(): string {
  return `-- Shows the station a student opened in a large, high-contrast text panel on screen,
-- so every prompt can be read (and read by screen-reading tools) without finding the 3D sign.
local Players = game:GetService("Players")
local ReplicatedStorage = game:GetService("ReplicatedStorage")

local StationData = require(ReplicatedStorage:WaitForChild("StationData"))
local remote = ReplicatedStorage:WaitForChild("StationEvent")
local player = Players.LocalPlayer

local KIND_LABEL = {
\tinfo = "Learn",
\texperiment = "Experiment",
\tquiz = "Question",
}

local gui = Instance.new("ScreenGui")
gui.Name = "StationPanel"
gui.ResetOnSpawn = false
gui.Enabled = false
gui.Parent = player:WaitForChild("PlayerGui")

local frame = Instance.new("Frame")
frame.Name = "Panel"
frame.AnchorPoint = Vector2.new(0.5, 0.5)
frame.Position = UDim2.new(0.5, 0, 0.5, 0)
frame.Size = UDim2.new(0.6, 0, 0.5, 0)
frame.BackgroundColor3 = Color3.fromRGB(255, 255, 255)
frame.BorderSizePixel = 0
frame.Parent = gui

local corner = Instance.new("UICorner")
corner.CornerRadius = UDim.new(0, 12)
corner.Parent = frame

local padding = Instance.new("UIPadding")
padding.PaddingTop = UDim.new(0, 16)
padding.PaddingBottom = UDim.new(0, 16)
padding.PaddingLeft = UDim.new(0, 16)
padding.PaddingRight = UDim.new(0, 16)
padding.Parent = frame

local title = Instance.new("TextLabel")
title.Name = "Title"
title.BackgroundTransparency = 1
title.Size = UDim2.new(1, 0, 0, 40)
title.Font = Enum.Font.GothamBold
title.TextSize = 28
title.TextColor3 = Color3.fromRGB(20, 20, 20)
title.TextXAlignment = Enum.TextXAlignment.Left
title.Text = StationData.title
title.Parent = frame

local body = Instance.new("TextLabel")
body.Name = "Prompt"
body.BackgroundTransparency = 1
body.Position = UDim2.new(0, 0, 0, 48)
body.Size = UDim2.new(1, 0, 1, -112)
body.Font = Enum.Font.Gotham
body.TextSize = 22
body.TextColor3 = Color3.fromRGB(20, 20, 20)
body.TextWrapped = true
body.TextXAlignment = Enum.TextXAlignment.Left
body.TextYAlignment = Enum.TextYAlignment.Top
body.Text = ""
body.Parent = frame

local close = Instance.new("TextButton")
close.Name = "Close"
close.AnchorPoint = Vector2.new(1, 1)
close.Position = UDim2.new(1, 0, 1, 0)
close.Size = UDim2.new(0, 140, 0, 48)
close.Font = Enum.Font.GothamBold
close.TextSize = 22
close.Text = "Close"
close.TextColor3 = Color3.fromRGB(255, 255, 255)
close.BackgroundColor3 = Color3.fromRGB(30, 90, 200)
close.Parent = frame

close.Activated:Connect(function()
\tgui.Enabled = false
end)

remote.OnClientEvent:Connect(function(stationId)
\tlocal station = StationData.find(stationId)
\tif not station then
\t\treturn
\tend
\ttitle.Text = (KIND_LABEL[station.kind] or "Station") .. ": " .. station.name
\tbody.Text = station.prompt
\tgui.Enabled = true
end)
`;
}

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

function parseProblem(script: LuauScript): string | null {
  const parsed = checkLuau(script.source);
  if (parsed.ok) return null;
  const message = parsed.error.replace(/^\[\d+:\d+\]\s*/, "");
  return `${script.name} line ${parsed.line ?? "?"}: ${message}`;
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
  offline(raw: ScriptInput): ScriptBundle {
    const input = normalized(scriptInputSchema, raw);
    if (input.revision) return reviseScripts({ ...input, revision: input.revision });
    return draftScripts(input.terrain);
  },
} satisfies AgentDefinition<ScriptInput, ScriptBundle>;
