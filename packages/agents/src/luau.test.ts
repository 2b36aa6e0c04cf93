import { describe, expect, it } from "vitest";
import { checkLuau } from "./luau";

describe("checkLuau", () => {
  it("accepts Lua 5.1 scripts that use the Roblox API", () => {
    const source =
      'local Players = game:GetService("Players")\nPlayers.PlayerAdded:Connect(function(p) print(p.Name) end)';
    expect(checkLuau(source)).toEqual({ ok: true });
  });

  it("rejects Luau-only syntax with the line of the problem", () => {
    const result = checkLuau("local x = 1\nx += 1");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.line).toBe(2);
  });
});
