// Which model a process talks to, from its configuration.
import { describe, expect, it } from "vitest";
import { readAgentEnv } from "./env";
import { createProvider } from "./runtime";

describe("createProvider", () => {
  it("uses the offline model when neither a key nor a server is configured", () => {
    const provider = createProvider(readAgentEnv({}));
    expect(provider).toMatchObject({ name: "offline", model: "offline-drafts-v1" });
  });

  it("uses OpenAI with the configured model when a key is set", () => {
    const provider = createProvider(readAgentEnv({ OPENAI_API_KEY: "sk-test", OPENAI_MODEL: "gpt-4.1-mini" }));
    expect(provider).toMatchObject({ name: "openai", model: "gpt-4.1-mini" });
  });

  it("uses an OpenAI-compatible server that needs no key (Ollama) when only its URL is set", () => {
    const provider = createProvider(
      readAgentEnv({ OPENAI_BASE_URL: "http://localhost:11434/v1", OPENAI_MODEL: "llama3.1" }),
    );
    expect(provider).toMatchObject({ name: "openai", model: "llama3.1" });
  });
});
