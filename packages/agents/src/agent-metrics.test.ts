// The agents' Prometheus series: every finished step counted in agent_executions_total{agent,status}
// with its time in agent_execution_duration_seconds, and agent_queue_size{state} read from the
// queues at scrape time.
import { platformMetrics } from "@toolboxai/observability/metrics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agents } from "./agents";
import { processTask } from "./pipeline";
import { createOfflineProvider } from "./providers/offline";
import { createInProcessQueue } from "./queue/in-process";
import { type FakeOpenAI, offlineResponder, startFakeOpenAI } from "./testing/fake-openai";
import { createPipelineWorld, fakeOpenAIProvider, lessonOnly, type PipelineWorld } from "./testing/pipeline-fixtures";

const metrics = platformMetrics();
let world: PipelineWorld;
let fake: FakeOpenAI;
beforeAll(async () => {
  world = await createPipelineWorld();
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake?.close();
  await world?.close();
});

async function executions(agent: string, status: string): Promise<number> {
  const { values } = await metrics.agentExecutionsTotal.get();
  return values.find((v) => v.labels.agent === agent && v.labels.status === status)?.value ?? 0;
}

async function timed(agent: string, status: string): Promise<number> {
  const { values } = await metrics.agentExecutionDuration.get();
  return (
    values.find(
      (v) =>
        v.metricName === "agent_execution_duration_seconds_count" &&
        v.labels.agent === agent &&
        v.labels.status === status,
    )?.value ?? 0
  );
}

async function queueSizes(): Promise<Record<string, number>> {
  const { values } = await metrics.agentQueueSize.get();
  return Object.fromEntries(values.map((v) => [String(v.labels.state), v.value]));
}

describe("agent_executions_total and agent_execution_duration_seconds", () => {
  it("count each step of a completed task as succeeded under its agent, with its duration", async () => {
    const before = {
      supervisor: await executions("supervisor", "succeeded"),
      content: await executions("content", "succeeded"),
    };
    const id = await world.newTask(lessonOnly);
    expect(await processTask(world.deps(createOfflineProvider(agents)), id, { number: 1, max: 1 })).toBe("completed");

    expect(await executions("supervisor", "succeeded")).toBe(before.supervisor + 1);
    expect(await executions("content", "succeeded")).toBe(before.content + 1);
    expect(await timed("content", "succeeded")).toBeGreaterThanOrEqual(1);
  });

  it("count a step whose answers stayed invalid as failed", async () => {
    const invalid = { reply: { title: 42, sections: "none" } };
    fake.reset();
    fake.setDefault({ respond: offlineResponder(agents) });
    fake.enqueue({}, invalid, invalid, invalid); // the supervisor's answer, then three bad contents
    const before = await executions("content", "failed");
    const id = await world.newTask(lessonOnly);

    expect(await processTask(world.deps(fakeOpenAIProvider(fake)), id, { number: 1, max: 1 })).toBe("failed");

    expect(await executions("content", "failed")).toBe(before + 1);
    expect(await timed("content", "failed")).toBeGreaterThanOrEqual(1);
  });
});

describe("agent_queue_size", () => {
  it("shows an open queue's active and waiting tasks at scrape time, and forgets it once closed", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const queue = createInProcessQueue(() => held, { concurrency: 1 });
    await queue.enqueue("task-1");
    await queue.enqueue("task-2");
    await queue.enqueue("task-3");

    expect(await queueSizes()).toEqual({ waiting: 2, active: 1, delayed: 0 });

    release();
    await queue.idle();
    expect(await queueSizes()).toEqual({ waiting: 0, active: 0, delayed: 0 });
    await queue.close();
    metrics.agentQueueSize.reset();
    expect(await queueSizes()).toEqual({});
  });
});
