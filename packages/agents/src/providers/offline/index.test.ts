// The offline model: each agent's deterministic draft through the provider interface.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { TaskCancelledError } from "../../errors";
import type { AgentDefinition, ChatRequest } from "../../types";
import { createOfflineProvider, OFFLINE_MODEL } from ".";

const listAgent: AgentDefinition<{ topic: string }, { title: string }> = {
  name: "content",
  description: "A title",
  inputSchema: z.object({ topic: z.string() }),
  outputSchema: z.object({ title: z.string() }),
  prompt: (input) => ({ system: "sys", user: `Title.\n\nInput:\n\`\`\`json\n${JSON.stringify(input)}\n\`\`\`` }),
  offline: (input) => ({ title: `All about ${input.topic}` }),
};

const request = (input: unknown, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  agent: "content",
  messages: [
    { role: "system", content: "sys" },
    { role: "user", content: "12345678" },
  ],
  jsonSchema: {},
  schemaName: "content",
  input,
  ...extra,
});

describe("the offline provider", () => {
  const provider = createOfflineProvider({ content: listAgent });

  it("is labelled offline, with the offline model's name", () => {
    expect(provider.name).toBe("offline");
    expect(provider.model).toBe(OFFLINE_MODEL);
  });

  it("answers with the agent's draft for the request's input, as JSON", async () => {
    const reply = await provider.chat(request({ topic: "Tides" }));
    expect(JSON.parse(reply.content)).toEqual({ title: "All about Tides" });
    expect(reply.model).toBe("offline-drafts-v1");
  });

  it("is deterministic: the same input gives the same answer", async () => {
    const a = await provider.chat(request({ topic: "Tides" }));
    const b = await provider.chat(request({ topic: "Tides" }));
    expect(a).toEqual(b);
  });

  it("estimates usage as a quarter of the characters, rounded up", async () => {
    const reply = await provider.chat(request({ topic: "Tides" }));
    // "sys\n12345678" is 12 characters.
    expect(reply.usage).toEqual({ promptTokens: 3, completionTokens: Math.ceil(reply.content.length / 4) });
  });

  it("refuses an aborted request", async () => {
    const controller = new AbortController();
    controller.abort(new TaskCancelledError());
    await expect(provider.chat(request({ topic: "Tides" }, { signal: controller.signal }))).rejects.toBeInstanceOf(
      TaskCancelledError,
    );
  });

  it("fails clearly for an agent it does not know", async () => {
    await expect(provider.chat(request({}, { agent: "quiz" }))).rejects.toThrow(/no agent named "quiz"/);
  });

  it("waits the simulated latency before answering", async () => {
    vi.useFakeTimers();
    try {
      const slow = createOfflineProvider({ content: listAgent }, { latencyMs: 80 });
      let answered = false;
      const answer = slow.chat(request({ topic: "Tides" })).then(() => {
        answered = true;
      });
      await vi.advanceTimersByTimeAsync(79);
      expect(answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await answer;
      expect(answered).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("stops waiting when the request is cancelled", async () => {
    const slow = createOfflineProvider({ content: listAgent }, { latencyMs: 10_000 });
    const controller = new AbortController();
    const answer = slow.chat(request({ topic: "Tides" }, { signal: controller.signal }));
    controller.abort(new TaskCancelledError());
    await expect(answer).rejects.toBeInstanceOf(TaskCancelledError);
  });
});

describe("the offline provider's hold file", () => {
  let dir: string;
  let holdFile: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "offline-hold-"));
    holdFile = path.join(dir, "model-hold");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const held = () => createOfflineProvider({ content: listAgent }, { holdFile, holdPollMs: 10 });
  const settled = async (answer: Promise<unknown>, ms: number) => {
    let done = false;
    void answer.then(
      () => {
        done = true;
      },
      () => {
        done = true;
      },
    );
    await new Promise((r) => setTimeout(r, ms));
    return done;
  };

  it("answers at once when the hold file does not exist", async () => {
    const reply = await held().chat(request({ topic: "Tides" }));
    expect(JSON.parse(reply.content)).toEqual({ title: "All about Tides" });
  });

  it("waits while the hold file exists, and answers once it is removed", async () => {
    writeFileSync(holdFile, "");
    const answer = held().chat(request({ topic: "Tides" }));
    expect(await settled(answer, 150)).toBe(false);
    rmSync(holdFile);
    const reply = await answer;
    expect(JSON.parse(reply.content)).toEqual({ title: "All about Tides" });
  });

  it("holds only the agents the hold file names", async () => {
    writeFileSync(holdFile, "quiz, review\n");
    const reply = await held().chat(request({ topic: "Tides" }));
    expect(JSON.parse(reply.content)).toEqual({ title: "All about Tides" });

    writeFileSync(holdFile, "quiz\ncontent\n");
    const answer = held().chat(request({ topic: "Tides" }));
    expect(await settled(answer, 100)).toBe(false);
    rmSync(holdFile);
    await expect(answer).resolves.toMatchObject({ model: OFFLINE_MODEL });
  });

  it("stops holding a call when the request is cancelled", async () => {
    writeFileSync(holdFile, "");
    const controller = new AbortController();
    const answer = held().chat(request({ topic: "Tides" }, { signal: controller.signal }));
    expect(await settled(answer, 50)).toBe(false);
    controller.abort(new TaskCancelledError());
    await expect(answer).rejects.toBeInstanceOf(TaskCancelledError);
  });
});
