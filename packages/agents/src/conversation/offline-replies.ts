// What the offline conversation model says: plain rules over the last turn, so the same
// conversation always gets the same reply. A tool result is summarised; a request a tool can do
// becomes that tool call (only among the tools the request offers); anything else gets a
// planning reply (the assistant) or a Socratic question with a hint (the tutor).
import { cap, clip, inSentence } from "../providers/offline/text";
import { topicFactsOf } from "../providers/offline/topics";
import type { ConversationRequest, ConversationTurn } from "./types";

export interface OfflineToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface OfflineReply {
  text: string;
  toolCalls: OfflineToolCall[];
}

const DRAFT_VERB = /\b(draft|write|create|make|plan|generate|build|design|prepare)\b/;

/** The words after "on", "about" (else "for"), tidied; null when the message has none. */
function namedTopicOf(message: string): string | null {
  const after = /\b(?:on|about)\s+(.+)$/i.exec(message)?.[1] ?? /\bfor\s+(.+)$/i.exec(message)?.[1];
  return after ? tidy(after) : null;
}

/** The concept asked about: after "explain" / "what is" (else as `namedTopicOf`). */
function namedConceptOf(message: string): string | null {
  const asked = /\b(?:explain|what\s+(?:is|are)|what's|how\s+(?:does|do))\s+(.+)$/i.exec(message)?.[1];
  return asked ? tidy(asked.replace(/^(?:me\s+)?(?:about\s+)?/i, "")) : namedTopicOf(message);
}

/** The topic of a request, for a tool's input: as the message names it, else the whole message. */
export const topicOf = (message: string): string => namedTopicOf(message) ?? tidy(message);
export const conceptOf = (message: string): string => namedConceptOf(message) ?? tidy(message);

function tidy(text: string): string {
  const trimmed = text
    // "… for grade 5", "… for my class", "… to me": who it is for, not what it is about.
    .replace(/\s+(?:for|to)\s+(?:grade|year|my|our|the|me|us|him|her|them)\b.*$/i, "")
    .replace(/^(?:an?|the)\s+/i, "")
    .replace(/[\s.,!?;:"'`()[\]]+$/u, "")
    .replace(/^[\s.,!?;:"'`()[\]]+/u, "")
    .trim();
  return cap(clip(trimmed || text.trim(), 200));
}

function lastUserMessage(messages: ConversationTurn[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const turn = messages[i];
    if (turn?.role === "user") return turn.content;
  }
  return "";
}

/** The tool call a message asks for, before checking that the tool is offered. */
function intentOf(message: string): OfflineToolCall | null {
  const m = message.toLowerCase();
  const taskId = /\btask\s+([a-z0-9_-]{4,})/i.exec(message)?.[1];
  if (taskId && /\b(status|progress|ready|done|finished|going)\b/.test(m)) {
    return { name: "task_status", arguments: { taskId } };
  }
  const drafting = DRAFT_VERB.test(m);
  if (
    /\broblox\b/.test(m) ||
    (drafting && /\b(environment|world|game)\b/.test(m) && !/\b(lesson|quiz|test)\b/.test(m))
  ) {
    return { name: "draft_roblox_environment", arguments: { topic: topicOf(message) } };
  }
  if (drafting && /\b(quiz|test)\b/.test(m)) return { name: "draft_quiz", arguments: { topic: topicOf(message) } };
  if (drafting && /\blessons?\b/.test(m)) return { name: "draft_lesson", arguments: { topic: topicOf(message) } };
  if (/\b(my|list|show(?: me)?(?: my)?|list my)\s+classes\b/.test(m)) return { name: "list_my_classes", arguments: {} };
  if (/\bmy assignments\b|\bwhat do i have (?:due|to do)\b|\bwhat(?:'s| is) due\b/.test(m)) {
    return { name: "my_assignments", arguments: {} };
  }
  if (/\bmy (?:results|grades|scores|marks)\b|\bhow did i do\b/.test(m)) return { name: "my_results", arguments: {} };
  if (/\b(explain|what\s+is|what\s+are|what's|how\s+does|how\s+do)\b/.test(m)) {
    return { name: "explain_concept", arguments: { concept: conceptOf(message) } };
  }
  return null;
}

const LEAD_IN: Record<string, string> = {
  draft_lesson: "Let me draft that for you.",
  draft_quiz: "Let me draft that quiz for you.",
  draft_roblox_environment: "Let me draft that Roblox environment for you.",
  task_status: "Let me check on that task.",
  explain_concept: "Let's look at that together.",
};

/** What the assistant offers to do, by tool. */
const CAN_DO: Record<string, string> = {
  draft_lesson: "draft a lesson",
  draft_quiz: "write a quiz",
  draft_roblox_environment: "build a Roblox environment",
  list_my_classes: "list your classes",
  class_summary: "summarise a class",
  search_content: "find your content",
  gradebook_summary: "sum up a gradebook",
  task_status: "check on a draft that is being generated",
};

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function plannerText(request: ConversationRequest, message: string): string {
  const offered = request.tools.map((t) => CAN_DO[t.name]).filter((s): s is string => s !== undefined);
  const topic = namedTopicOf(message);
  const opening = topic ? `Happy to help with ${inSentence(topic)}.` : "Happy to help you plan your teaching.";
  const steps =
    " A good plan starts with one clear learning goal, a short activity to explore it and a quick check for understanding.";
  const can = offered.length > 0 ? ` I can ${list(offered)}.` : "";
  const example = request.tools.some((t) => t.name === "draft_lesson")
    ? ` Try "Draft a lesson on ${topic ? inSentence(topic) : "photosynthesis"}" to get started.`
    : "";
  return `${opening}${steps}${can}${example}`;
}

function tutorText(message: string): string {
  const topic = namedConceptOf(message);
  const facts = topic ? topicFactsOf(topic) : null;
  // A clue, never the definition: the student should get there themselves.
  const hint = facts
    ? `Here is a clue: ${facts.facts[1]}`
    : "Hint: break it into smaller steps, and think of an example you have already seen.";
  const about = topic ? inSentence(topic) : "this";
  const known = topic ? `What do you already know about ${about}?` : "What do you already know about it?";
  return `Good question! Let's work through ${about} together. ${known} ${hint} What would you try first?`;
}

// --- Summaries of tool results ---------------------------------------------------------------

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

function parse(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

/** The label of one listed thing: its name or title. */
const labelOf = (item: unknown): string | undefined =>
  isObject(item) ? (str(item.name) ?? str(item.title) ?? str(item.className)) : str(item);

function countText(count: number, one: string, many: string, items: unknown[]): string {
  if (count === 0) return `You have no ${many} yet.`;
  const names = items
    .slice(0, 3)
    .map(labelOf)
    .filter((s): s is string => s !== undefined);
  const more = count > names.length ? `, and ${count - names.length} more` : "";
  const named = names.length > 0 ? `: ${list(names.map((n) => `"${n}"`))}${more}` : "";
  return `You have ${count} ${count === 1 ? one : many}${named}.`;
}

const DRAFT_KIND: Record<string, string> = {
  draft_lesson: "lesson",
  draft_quiz: "quiz",
  draft_roblox_environment: "Roblox environment",
};

function summarise(name: string, args: Json, output: unknown, purpose: ConversationRequest["purpose"]): string {
  if (isObject(output) && str(output.error)) return `I couldn't finish that: ${str(output.error)}`;
  const o = isObject(output) ? output : {};
  const kind = DRAFT_KIND[name];
  if (kind) {
    const title = str(o.topic) ?? str(args.topic) ?? "your topic";
    return `I've asked the agents to draft the ${kind} "${title}". It will appear in your content when it's ready — open it from the card above.`;
  }
  switch (name) {
    case "task_status": {
      const items = Array.isArray(o.items) ? o.items : [];
      const made =
        items.length > 0 ? ` ${countText(items.length, "item", "items", items).replace("You have", "It made")}` : "";
      const progress = typeof o.progress === "number" ? ` (${o.progress}% done)` : "";
      return `The draft "${str(o.topic) ?? "you asked for"}" is ${(str(o.status) ?? "unknown").toLowerCase()}${progress}.${made}`;
    }
    case "list_my_classes":
      return countText(
        Array.isArray(o.classes) ? o.classes.length : 0,
        "class",
        "classes",
        (o.classes as unknown[]) ?? [],
      );
    case "my_assignments":
      return countText(
        Array.isArray(o.assignments) ? o.assignments.length : 0,
        "assignment",
        "assignments",
        (o.assignments as unknown[]) ?? [],
      );
    case "explain_concept": {
      const concept = str(o.concept) ?? str(args.concept) ?? "this";
      const related = Array.isArray(o.related) ? o.related.map(labelOf).filter((s) => s !== undefined) : [];
      const look = related.length > 0 ? ` Your class has "${related[0]}" on this, a good place to look.` : "";
      return `${tutorText(`What is ${concept}`)}${look}`;
    }
  }
  // Anything else: the first list it holds, counted and named; else a pointer to the card.
  const listed = Object.entries(o).find(([, v]) => Array.isArray(v)) as [string, unknown[]] | undefined;
  if (listed) {
    const [key, items] = listed;
    return countText(items.length, key.replace(/s$/, ""), key, items).replace("You have", "I found");
  }
  const title = labelOf(o) ?? labelOf(o.class) ?? labelOf(o.student);
  if (purpose === "tutor") return `Here is what I found${title ? ` on "${title}"` : ""}. What do you notice first?`;
  return `Here is what I found${title ? ` for "${title}"` : ""}; the details are in the card above.`;
}

/** The tool results after the last assistant turn, each with the call it answers. */
function trailingResults(messages: ConversationTurn[]): { name: string; args: Json; output: unknown }[] {
  let start = messages.length;
  while (start > 0 && messages[start - 1]?.role === "tool") start -= 1;
  const asked = messages[start - 1];
  const calls = asked?.role === "assistant" ? (asked.toolCalls ?? []) : [];
  return messages.slice(start).flatMap((turn) => {
    if (turn.role !== "tool") return [];
    const call = calls.find((c) => c.id === turn.toolCallId);
    const args = call ? parse(call.arguments) : {};
    return [{ name: call?.name ?? "", args: isObject(args) ? args : {}, output: parse(turn.content) }];
  });
}

export function offlineReply(request: ConversationRequest): OfflineReply {
  const last = request.messages.at(-1);
  if (last?.role === "tool") {
    const parts = trailingResults(request.messages).map((r) => summarise(r.name, r.args, r.output, request.purpose));
    return { text: parts.join(" "), toolCalls: [] };
  }
  const message = lastUserMessage(request.messages);
  const intent = intentOf(message);
  if (intent && request.tools.some((t) => t.name === intent.name)) {
    return { text: LEAD_IN[intent.name] ?? "Let me look that up.", toolCalls: [intent] };
  }
  return { text: request.purpose === "tutor" ? tutorText(message) : plannerText(request, message), toolCalls: [] };
}
