// The offline lab's StationPrompts server script (ServerScriptService): a ProximityPrompt on every
// station in workspace.Stations, a RemoteEvent that tells the student's client which station to
// show, and a per-session count of the stations visited. Lua 5.1 subset, so checkLuau parses it.
import type { TerrainSpec } from "@toolboxai/validators";
import { luaString } from "../../../roblox/luau-writer";

const KIND_ACTION: Record<TerrainSpec["stations"][number]["kind"], string> = {
  info: "Read",
  experiment: "Try it",
  quiz: "Answer",
};

export function serverScript(): string {
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
