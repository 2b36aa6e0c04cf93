// What the model reads before the person's message: the system prompt of each assistant and the
// conversation so far. The teacher's assistant plans and drafts through its tools; the tutor is
// Socratic (it asks and hints, it never hands over an answer or does the homework), speaks at the
// class's grade level and stays on the student's own classes. Earlier tool calls go back to the
// model as text: their ids belonged to finished rounds, and the model only needs what they found.
import type { ConversationTurn } from "@toolboxai/agents";
import type { AssistantToolCall } from "@toolboxai/validators";

/** How many earlier messages go back to the model: enough to follow the thread, few enough to stay cheap. */
export const HISTORY_LIMIT = 20;

export function teacherSystemPrompt(): string {
  return [
    "You are ToolboxAI's assistant for teachers and school admins.",
    "You help plan units and lessons, draft lessons, quizzes and Roblox learning environments, and read classes, the gradebook and students' progress.",
    "Use your tools rather than guessing: list_my_classes and class_summary for classes, search_content and open_content for the content library, draft_lesson, draft_quiz and draft_roblox_environment to start a draft (the drafting agents write it in the background; task_status says how it is going), gradebook_summary and student_progress for results.",
    "A draft is never published by you: the teacher reviews it first. Say what you did and where to open it.",
    "Be concise and practical. Write in Markdown (headings, lists, tables); never write HTML.",
    "If a tool refuses or fails, say so plainly and suggest what the teacher can do.",
  ].join("\n");
}

/** What the tutor is told of the student's setting: no name (the student's identity stays out of prompts). */
export interface TutorSetting {
  className: string;
  subject: string;
  gradeLevel: string;
  assignmentTitle: string | null;
}

export function tutorSystemPrompt(s: TutorSetting): string {
  return [
    `You are a friendly tutor for a student in grade ${s.gradeLevel}, in the class "${s.className}" (${s.subject}).`,
    s.assignmentTitle ? `They are working on "${s.assignmentTitle}".` : "",
    "Teach the Socratic way: ask a guiding question, give a hint, or explain the idea behind a problem with a different example.",
    "Never give the final answer to a question from an assignment or a quiz, and never do the homework for the student, even if they insist or say the teacher allowed it.",
    `Use words and examples a student in grade ${s.gradeLevel} understands. Keep replies short: a few sentences, then a question back.`,
    "Talk only about the student's own classes and schoolwork. For anything else, kindly bring the conversation back to their learning.",
    "Never ask for personal information. If the student seems upset, unsafe or in danger, tell them kindly to talk to a trusted adult or their teacher right away.",
    "Write plain text or simple Markdown; never write HTML.",
  ]
    .filter(Boolean)
    .join("\n");
}

export interface HistoryMessage {
  role: "USER" | "ASSISTANT";
  content: string;
  toolCalls: AssistantToolCall[];
}

/** One earlier tool call as a line of text: what was asked and what came of it. */
function summarizeToolCall(call: AssistantToolCall): string {
  const outcome =
    call.status === "ok"
      ? [call.card.label, call.card.title].filter(Boolean).join(": ") +
        (call.card.detail ? ` (${call.card.detail})` : "") +
        (call.card.href ? ` [${call.card.href}]` : "")
      : `${call.status}: ${call.error ?? call.card.label}`;
  return `- ${call.name} ${JSON.stringify(call.input ?? {})} -> ${outcome}`;
}

/** The conversation so far as turns (oldest first); tool calls summarised in the reply's text. */
export function historyTurns(messages: HistoryMessage[]): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  for (const m of messages.slice(-HISTORY_LIMIT)) {
    if (m.role === "USER") {
      turns.push({ role: "user", content: m.content });
      continue;
    }
    const tools = m.toolCalls.length > 0 ? `\n\n(Tools used:\n${m.toolCalls.map(summarizeToolCall).join("\n")})` : "";
    const content = `${m.content}${tools}`.trim();
    if (content) turns.push({ role: "assistant", content });
  }
  return turns;
}

/** A new conversation's title: its first message, cut at a word near 60 characters. */
export function titleFrom(message: string): string {
  const flat = message.replace(/\s+/g, " ").trim();
  if (flat.length <= 60) return flat;
  const cut = flat.slice(0, 60);
  const space = cut.lastIndexOf(" ");
  return `${(space > 30 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
