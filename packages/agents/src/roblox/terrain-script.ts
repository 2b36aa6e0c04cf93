import type { TerrainSpec, Vector3 } from "@toolboxai/validators";
import { isLuaIdentifier, luaComment, luaNumber, luaString } from "./luau-writer";

/** How deep the ground plate is; its top sits at y = 0. */
export const BASE_THICKNESS = 16;

/** The workspace folders the terrain script creates (and replaces when it runs again). */
export const WORKSPACE_FOLDERS = { stations: "Stations", props: "Props", spawnPoints: "SpawnPoints" } as const;

/** The ProximityPrompt action text for each station kind. */
export const STATION_ACTION_TEXT = { info: "Read", quiz: "Answer", experiment: "Experiment" } as const;

type Station = TerrainSpec["stations"][number];

function vector3(v: Vector3 | { x: number; y: number; z: number }): string {
  return `Vector3.new(${luaNumber(v.x)}, ${luaNumber(v.y)}, ${luaNumber(v.z)})`;
}

function cframe(v: Vector3): string {
  return `CFrame.new(${luaNumber(v.x)}, ${luaNumber(v.y)}, ${luaNumber(v.z)})`;
}

/** `Enum.Material.X`, refusing anything that is not a plain enum item name. */
export function materialEnum(material: string): string {
  if (!isLuaIdentifier(material)) throw new Error(`Not a Roblox material: ${material}`);
  return `Enum.Material.${material}`;
}

function terrainFills(spec: TerrainSpec): string[] {
  const lines = [
    "-- The ground: a plate whose top is at y = 0.",
    `Terrain:FillBlock(${cframe({ x: 0, y: -BASE_THICKNESS / 2, z: 0 })}, ${vector3({ x: spec.size.x, y: BASE_THICKNESS, z: spec.size.z })}, ${materialEnum(spec.baseMaterial)})`,
  ];
  spec.regions.forEach((region, index) => {
    lines.push(luaComment(`Region ${index + 1} (${region.shape})`));
    if (region.shape === "block") {
      lines.push(
        `Terrain:FillBlock(${cframe(region.center)}, ${vector3(region.size)}, ${materialEnum(region.material)})`,
      );
    } else {
      lines.push(
        `Terrain:FillBall(${vector3(region.center)}, ${luaNumber(region.radius)}, ${materialEnum(region.material)})`,
      );
    }
  });
  return lines;
}

function dataList<T>(items: readonly T[], row: (item: T) => string): string {
  if (items.length === 0) return "{}";
  return `{\n${items.map((item) => `\t${row(item)},`).join("\n")}\n}`;
}

function stationRow(station: Station): string {
  return `{ id = ${luaString(station.id)}, name = ${luaString(station.name)}, kind = ${luaString(station.kind)}, prompt = ${luaString(station.prompt)}, position = ${vector3(station.position)} }`;
}

const PROP_BUILDERS = `local function makePart(parent, name, size, position, color, material)
	local part = Instance.new("Part")
	part.Name = name
	part.Anchored = true
	part.Size = size
	part.Position = position
	part.Color = color
	part.Material = material
	part.TopSurface = Enum.SurfaceType.Smooth
	part.BottomSurface = Enum.SurfaceType.Smooth
	part.Parent = parent
	return part
end

local WOOD = Color3.fromRGB(110, 74, 42)
local LEAVES = Color3.fromRGB(58, 125, 68)
local STONE = Color3.fromRGB(120, 120, 125)
local METAL = Color3.fromRGB(70, 70, 78)

-- Each builder adds parts to a Model standing at \`base\` and returns the part to use as PrimaryPart.
local PropBuilders = {}

function PropBuilders.tree(model, base)
	local trunk = makePart(model, "Trunk", Vector3.new(1.6, 8, 1.6), base + Vector3.new(0, 4, 0), WOOD, Enum.Material.Wood)
	local leaves = makePart(model, "Leaves", Vector3.new(9, 9, 9), base + Vector3.new(0, 10, 0), LEAVES, Enum.Material.Grass)
	leaves.Shape = Enum.PartType.Ball
	return trunk
end

function PropBuilders.rock(model, base)
	local rock = makePart(model, "Rock", Vector3.new(5, 3, 4), base + Vector3.new(0, 1.5, 0), STONE, Enum.Material.Slate)
	rock.Orientation = Vector3.new(0, 25, 0)
	return rock
end

function PropBuilders.sign(model, base)
	local post = makePart(model, "Post", Vector3.new(0.6, 5, 0.6), base + Vector3.new(0, 2.5, 0), WOOD, Enum.Material.Wood)
	local board = makePart(model, "Board", Vector3.new(6, 3, 0.4), base + Vector3.new(0, 5.5, 0), WOOD, Enum.Material.WoodPlanks)
	local surface = Instance.new("SurfaceGui")
	surface.Face = Enum.NormalId.Front
	surface.Parent = board
	local text = Instance.new("TextLabel")
	text.Size = UDim2.fromScale(1, 1)
	text.BackgroundTransparency = 1
	text.TextScaled = true
	text.Font = Enum.Font.SourceSansBold
	text.TextColor3 = Color3.new(1, 1, 1)
	text.Text = model.Name
	text.Parent = surface
	return post
end

function PropBuilders.table(model, base)
	local top = makePart(model, "Top", Vector3.new(6, 0.5, 4), base + Vector3.new(0, 3.25, 0), WOOD, Enum.Material.WoodPlanks)
	for _, corner in ipairs({ Vector3.new(2.5, 1.5, 1.5), Vector3.new(-2.5, 1.5, 1.5), Vector3.new(2.5, 1.5, -1.5), Vector3.new(-2.5, 1.5, -1.5) }) do
		makePart(model, "Leg", Vector3.new(0.5, 3, 0.5), base + corner, WOOD, Enum.Material.Wood)
	end
	return top
end

function PropBuilders.lamp(model, base)
	local pole = makePart(model, "Pole", Vector3.new(0.5, 8, 0.5), base + Vector3.new(0, 4, 0), METAL, Enum.Material.Metal)
	local bulb = makePart(model, "Bulb", Vector3.new(1.5, 1.5, 1.5), base + Vector3.new(0, 8.75, 0), Color3.fromRGB(255, 236, 170), Enum.Material.Neon)
	bulb.Shape = Enum.PartType.Ball
	local light = Instance.new("PointLight")
	light.Range = 16
	light.Brightness = 1.5
	light.Parent = bulb
	return pole
end

function PropBuilders.plant(model, base)
	local pot = makePart(model, "Pot", Vector3.new(1.5, 1.2, 1.5), base + Vector3.new(0, 0.6, 0), Color3.fromRGB(180, 90, 60), Enum.Material.Slate)
	local leaves = makePart(model, "Leaves", Vector3.new(2.5, 2.5, 2.5), base + Vector3.new(0, 2.2, 0), LEAVES, Enum.Material.Grass)
	leaves.Shape = Enum.PartType.Ball
	return pot
end

function PropBuilders.container(model, base)
	local glass = makePart(model, "Glass", Vector3.new(3, 3, 3), base + Vector3.new(0, 1.5, 0), Color3.fromRGB(200, 230, 255), Enum.Material.Glass)
	glass.Transparency = 0.6
	glass.CanCollide = true
	local contents = makePart(model, "Contents", Vector3.new(2.6, 1.6, 2.6), base + Vector3.new(0, 1, 0), Color3.fromRGB(70, 140, 230), Enum.Material.SmoothPlastic)
	contents.Transparency = 0.3
	contents.CanCollide = false
	return glass
end`;

const STATION_BUILDER = `local KIND_STYLE = {
	info = { actionText = ${luaString(STATION_ACTION_TEXT.info)}, color = Color3.fromRGB(66, 135, 245) },
	quiz = { actionText = ${luaString(STATION_ACTION_TEXT.quiz)}, color = Color3.fromRGB(245, 197, 66) },
	experiment = { actionText = ${luaString(STATION_ACTION_TEXT.experiment)}, color = Color3.fromRGB(92, 184, 92) },
}

local stationsFolder = Instance.new("Folder")
stationsFolder.Name = ${luaString(WORKSPACE_FOLDERS.stations)}
for _, station in ipairs(STATIONS) do
	local style = KIND_STYLE[station.kind] or KIND_STYLE.info
	local part = Instance.new("Part")
	part.Name = station.id
	part.Anchored = true
	part.Size = Vector3.new(4, 3, 4)
	part.Position = station.position + Vector3.new(0, 1.5, 0)
	part.Color = style.color
	part.Material = Enum.Material.SmoothPlastic
	part:SetAttribute("StationId", station.id)
	part:SetAttribute("Kind", station.kind)
	part:SetAttribute("Prompt", station.prompt)
	part:SetAttribute("StationName", station.name)

	local billboard = Instance.new("BillboardGui")
	billboard.Name = "Label"
	billboard.Size = UDim2.fromOffset(220, 50)
	billboard.StudsOffset = Vector3.new(0, 3.5, 0)
	billboard.MaxDistance = 80
	billboard.Parent = part
	local label = Instance.new("TextLabel")
	label.Size = UDim2.fromScale(1, 1)
	label.BackgroundColor3 = Color3.fromRGB(20, 20, 20)
	label.BackgroundTransparency = 0.3
	label.TextColor3 = Color3.new(1, 1, 1)
	label.TextScaled = true
	label.Font = Enum.Font.SourceSansBold
	label.Text = station.name
	label.Parent = billboard

	local prompt = Instance.new("ProximityPrompt")
	prompt.Name = "StationPrompt"
	prompt.ActionText = style.actionText
	prompt.ObjectText = station.name
	prompt.HoldDuration = 0
	prompt.MaxActivationDistance = 12
	prompt.RequiresLineOfSight = false
	prompt.Parent = part

	part.Parent = stationsFolder
end
stationsFolder.Parent = workspace`;

/**
 * The source of the server script that builds a terrain spec when the server starts: the ground
 * plate and block regions with `Terrain:FillBlock`, ball regions with `Terrain:FillBall`, a
 * SpawnLocation per spawn point, an anchored Model per prop and a `Stations` folder with one
 * anchored Part per station (named by its id) carrying a label, a ProximityPrompt and the
 * attributes StationId, Kind, Prompt and StationName that the quiz client reads.
 */
export function terrainScript(spec: TerrainSpec): string {
  const props = dataList(
    spec.props,
    (prop) =>
      `{ name = ${luaString(prop.name)}, kind = ${luaString(prop.kind)}, position = ${vector3(prop.position)} }`,
  );
  const spawns = dataList(
    spec.spawnPoints,
    (point) => `{ name = ${luaString(point.name)}, position = ${vector3(point.position)} }`,
  );
  const stations = dataList(spec.stations, stationRow);
  return `-- BuildTerrain: generated by ToolboxAI. Builds the learning environment when the server starts:
-- terrain, spawn points, props and the stations students visit.
local ENVIRONMENT_NAME = ${luaString(spec.name)}

local Terrain = workspace.Terrain

-- Running again (for example after editing this script) replaces what an earlier run built.
for _, folderName in ipairs({ ${luaString(WORKSPACE_FOLDERS.props)}, ${luaString(WORKSPACE_FOLDERS.spawnPoints)}, ${luaString(WORKSPACE_FOLDERS.stations)} }) do
	local old = workspace:FindFirstChild(folderName)
	if old then
		old:Destroy()
	end
end

${terrainFills(spec).join("\n")}

local SPAWN_POINTS = ${spawns}

local spawnFolder = Instance.new("Folder")
spawnFolder.Name = ${luaString(WORKSPACE_FOLDERS.spawnPoints)}
for _, point in ipairs(SPAWN_POINTS) do
	local spawn = Instance.new("SpawnLocation")
	spawn.Name = point.name
	spawn.Anchored = true
	spawn.Neutral = true
	spawn.Duration = 0
	spawn.Size = Vector3.new(6, 1, 6)
	spawn.Position = point.position + Vector3.new(0, 0.5, 0)
	spawn.Parent = spawnFolder
end
spawnFolder.Parent = workspace

${PROP_BUILDERS}

local PROPS = ${props}

local propsFolder = Instance.new("Folder")
propsFolder.Name = ${luaString(WORKSPACE_FOLDERS.props)}
for _, prop in ipairs(PROPS) do
	local model = Instance.new("Model")
	model.Name = prop.name
	local build = PropBuilders[prop.kind] or PropBuilders.rock
	model.PrimaryPart = build(model, prop.position)
	model.Parent = propsFolder
end
propsFolder.Parent = workspace

local STATIONS = ${stations}

${STATION_BUILDER}

print("Built " .. ENVIRONMENT_NAME .. ": " .. #SPAWN_POINTS .. " spawn point(s), " .. #PROPS .. " prop(s), " .. #STATIONS .. " station(s)")
`;
}
