// One agent run: prompt the model for JSON that follows the agent's output schema, validate it (the
// schema, then the agent's own checks), and feed the problems back for a corrected answer, a few
// times at most. Optionally served from (and stored in) the response cache.
import { z } from "zod";
import { cacheKey, type ResponseCache } from "./cache";
import { abortError, InvalidModelOutputError } from "./errors";
import type { AgentDefinition, ChatMessage, ModelProvider, TokenUsage } from "./types";

export interface GenerateStructuredOptions<I, O> {
  provider: ModelProvider;
  agent: AgentDefinition<I, O>;
  input: I;
  signal?: AbortSignal | undefined;
  /** Extra calls allowed to repair an invalid answer (default 2, so at most 3 calls). */
  maxRepairs?: number | undefined;
  cache?: ResponseCache | undefined;
  /** The organization id; required with a cache, so organizations never share answers. */
  cacheScope?: string | undefined;
}

export interface GenerateStructuredResult<O> {
  /** The schema's parsed output. */
  output: O;
  /** Summed over every call, repairs included; zeros when cached. */
  usage: TokenUsage;
  /** Model calls made; 0 when cached. */
  calls: number;
  cached: boolean;
  model: string;
  provider: string;
}

/** What the cache holds: the raw answer (validated when stored, and again when read) and its model. */
interface CachedAnswer {
  answer: unknown;
  model: string;
}

type Verdict<O> = { ok: true; output: O } | { ok: false; problems: string[] };

const schemas = new WeakMap<object, Record<string, unknown>>();

/** The JSON Schema the model is asked to follow: the input side of the output schema (what we parse). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let json = schemas.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    schemas.set(schema, json);
  }
  return json;
}

/** The answer's JSON, tolerating a ```json fence around it. */
export function parseModelJson(content: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  let text = content.trim();
  const fenced = /^```[A-Za-z0-9_-]*[ \t]*\r?\n([\s\S]*?)\r?\n?```$/.exec(text);
  if (fenced) text = (fenced[1] ?? "").trim();
  if (text === "") return { ok: false, problem: "The answer was empty; it must be a JSON object." };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `The answer is not valid JSON (${reason}).` };
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Zod issues as `path: message`. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

function validate<I, O>(agent: AgentDefinition<I, O>, input: I, answer: unknown): Verdict<O> {
  const parsed = agent.outputSchema.safeParse(answer);
  if (!parsed.success) return { ok: false, problems: formatIssues(parsed.error) };
  let problems: string[];
  try {
    problems = agent.check?.(parsed.data, input) ?? [];
  } catch (error) {
    problems = [`The answer could not be checked: ${error instanceof Error ? error.message : String(error)}`];
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, output: parsed.data };
}

export function repairMessage(problems: string[]): string {
  return [
    "Your answer has these problems:",
    ...problems.map((p) => `- ${p}`),
    "",
    "Reply with the corrected JSON only: the whole object, following the schema, with no explanation and no code fence.",
  ].join("\n");
}

export async function generateStructured<I, O>(
  options: GenerateStructuredOptions<I, O>,
): Promise<GenerateStructuredResult<O>> {
  const { provider, agent, input, signal, cache } = options;
  const maxRepairs = Math.max(0, options.maxRepairs ?? 2);
  if (cache && !options.cacheScope)
    throw new Error("generateStructured: a cache needs a cacheScope (the organization id)");

  const prompt = agent.prompt(input);
  const messages: ChatMessage[] = [
    { role: "system", content: prompt.system },
    { role: "user", content: prompt.user },
  ];

  const key =
    cache && options.cacheScope
      ? cacheKey({
          scope: options.cacheScope,
          provider: provider.name,
          model: provider.model,
          agent: agent.name,
          messages,
        })
      : undefined;

  if (cache && key) {
    if (signal?.aborted) throw abortError(signal);
    const hit = await readCache(cache, key);
    // Validated again: the schema or checks may have changed since it was stored.
    const verdict = hit ? validate(agent, input, hit.answer) : undefined;
    if (hit && verdict?.ok) {
      return {
        output: verdict.output,
        usage: { promptTokens: 0, completionTokens: 0 },
        calls: 0,
        cached: true,
        model: hit.model || provider.model,
        provider: provider.name,
      };
    }
  }

  const jsonSchema = jsonSchemaOf(agent.outputSchema);
  const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
  let calls = 0;
  let model = provider.model;
  let problems: string[] = [];
  let lastContent = "";

  for (let round = 0; round <= maxRepairs; round++) {
    if (signal?.aborted) throw abortError(signal);
    const reply = await provider.chat({
      agent: agent.name,
      messages: [...messages],
      jsonSchema,
      schemaName: agent.name,
      input,
      signal,
    });
    calls += 1;
    usage.promptTokens += reply.usage.promptTokens;
    usage.completionTokens += reply.usage.completionTokens;
    model = reply.model || model;
    lastContent = reply.content;

    const parsed = parseModelJson(reply.content);
    const verdict: Verdict<O> = parsed.ok
      ? validate(agent, input, parsed.value)
      : { ok: false, problems: [parsed.problem] };
    if (verdict.ok) {
      if (cache && key && parsed.ok) {
        await writeCache(cache, key, { answer: parsed.value, model });
      }
      return { output: verdict.output, usage, calls, cached: false, model, provider: provider.name };
    }
    problems = verdict.problems;
    messages.push({ role: "assistant", content: reply.content }, { role: "user", content: repairMessage(problems) });
  }

  throw new InvalidModelOutputError({ agent: agent.name, problems, calls, lastContent, usage, model });
}

// A cache that fails (Redis down) costs a model call, never the task.
async function readCache(cache: ResponseCache, key: string): Promise<CachedAnswer | undefined> {
  try {
    const value = await cache.get(key);
    if (value && typeof value === "object" && "answer" in value) {
      const entry = value as Partial<CachedAnswer>;
      return { answer: entry.answer, model: typeof entry.model === "string" ? entry.model : "" };
    }
  } catch {
    // Treated as a miss.
  }
  return undefined;
}

async function writeCache(cache: ResponseCache, key: string, entry: CachedAnswer): Promise<void> {
  try {
    await cache.set(key, entry);
  } catch {
    // Not stored; the next identical prompt calls the model.
  }
}
