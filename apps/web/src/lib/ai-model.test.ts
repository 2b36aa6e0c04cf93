import { describe, expect, it } from "vitest";
import { offlineModelAdvice, taskErrorFor } from "./ai-model";

/** Anything that only makes sense to whoever runs the server. */
const SERVER_SETUP = /OPENAI_|_API_KEY|_BASE_URL|_MODEL\b|\benv\b|restart|pnpm/;

describe("what a teacher is told about the model", () => {
  it("asks the administrator to connect a model, without naming server settings", () => {
    const advice = offlineModelAdvice("teacher");
    expect(advice).toMatch(/administrator/);
    expect(advice).not.toMatch(SERVER_SETUP);
  });

  it("points an admin at the admin panel's agents health, where the settings are named", () => {
    expect(offlineModelAdvice("admin")).toMatch(/AI agents.*admin home/);
  });

  it("turns a rejected API key into what to ask the administrator", () => {
    const recorded = "The supervisor step failed: 401 Incorrect API key provided: sk-abc123456. Set OPENAI_API_KEY.";
    const shown = taskErrorFor("teacher", recorded) ?? "";
    expect(shown).toMatch(/Ask your administrator to check the AI model connection/);
    expect(shown).not.toMatch(SERVER_SETUP);
    expect(shown).not.toMatch(/sk-/);
  });

  it("turns an error naming a server variable into what to ask the administrator", () => {
    const shown = taskErrorFor("teacher", "Missing OPENAI_BASE_URL for the model server") ?? "";
    expect(shown).toMatch(/administrator/);
    expect(shown).not.toMatch(SERVER_SETUP);
  });

  it("keeps an error about the drafts themselves as it is", () => {
    const recorded = "The quiz step failed: The quiz agent's answer is still invalid after 3 call(s)";
    expect(taskErrorFor("teacher", recorded)).toBe(recorded);
  });

  it("shows an admin the error as recorded", () => {
    const recorded = "The supervisor step failed: 401 Incorrect API key provided";
    expect(taskErrorFor("admin", recorded)).toBe(recorded);
  });
});
