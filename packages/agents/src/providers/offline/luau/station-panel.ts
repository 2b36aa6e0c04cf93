// The offline lab's StationPanel client script (StarterPlayerScripts): shows the station a student
// opened in a large, high-contrast on-screen panel. Lua 5.1 subset, so checkLuau parses it.

export function clientScript(): string {
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
