// Prompt redaction: no student's or parent's name or email reaches a model. Before each call the
// organization's people are replaced in the prompt (and in the agent's typed input, which the
// offline model reads) by placeholders such as [STUDENT_1] and [EMAIL_1]; the model's answer gets
// the real text back, inside JSON strings too. Only the placeholders redaction actually wrote for
// that call are put back: one the model invented, or one a teacher typed literally, stays as written,
// so a name that was never in the prompt cannot appear in the answer.
//
// What is replaced, longest first:
// - an email address, whole, in any letter case;
// - a full name (its words in order, separated by spaces, hyphens or apostrophes), in any letter
//   case and with or without accents ("Zoe Quartermaine" matches "Zoë Quartermaine");
// - one word of a name alone (a first or last name: "Zoë", "Quartermaine") only when that is safe:
//   at least 3 letters and not a common English word (COMMON_WORDS: "Will", "May", "Rose",
//   "Grace", "Young"…), so that "you will see" and "in May" are left alone. A name made only of
//   such words is still replaced whole.
// Matching works on whole words, so "Ann" never matches inside "Annual".
import type { ChatMessage, ChatReply, ChatRequest, ModelProvider } from "./types";

export interface RedactedPerson {
  name: string;
  email?: string | null | undefined;
  /** Names the placeholder: STUDENT_1, PARENT_1; PERSON_1 without one. */
  kind?: "STUDENT" | "PARENT" | "PERSON" | undefined;
}

export interface Redactor {
  /**
   * The text with every known person replaced by a placeholder. Each placeholder written is added
   * to `issued` (one set per model call), which `restore` then takes.
   */
  redact(text: string, issued?: Set<string>): string;
  /**
   * The text with the placeholders in `issued` put back; any other placeholder (invented by the
   * model, or typed literally in the prompt) is left as written.
   */
  restore(text: string, issued: ReadonlySet<string>): string;
  /** Redacts every string inside a JSON-like value (keys stay as they are). */
  redactValue<T>(value: T, issued?: Set<string>): T;
  restoreValue<T>(value: T, issued: ReadonlySet<string>): T;
  /** Whether the redactor knows anyone at all (with no one it changes nothing). */
  readonly size: number;
}

/**
 * Words that are names but also ordinary English words (or too common in lessons to replace alone).
 * A name's word on this list is replaced only as part of the full name.
 */
export const COMMON_WORDS = new Set(
  (
    "able all and amber april art august autumn baker ball bank bell berry bill bishop black blue bond " +
    "brook brown bush candy carter case chance chase cherry child clay cook cole crystal dale dawn day " +
    "dean del don dot dove early east eve faith fall field fisher ford forest fox frank friend gay gem " +
    "gift glass gold golden good grace gray green grey guy hall hart heart heath hill holly honey hope " +
    "house hunter iris ivy jack jade jasmine jay jewel jimmy jordan joy july june just kay key king " +
    "lake lamb lane law lee lily long love lucky major mark marsh mars mason may mayer meadow mercy " +
    "miles mill miller moon more moss new nick north oak ocean olive page palmer park parks pat pearl " +
    "penny pepper person pierce poppy price queen rain ray read reed rich ridge river robin rock rose " +
    "ruby rush sage sandy scout sea shore short silver sky small smith snow sparks spring star steel " +
    "stone storm summer sun sunny tan taylor the time tip tracy trust vale violet wade walker ward " +
    "warren water west white will win winter wolf wood woods worth wren young"
  ).split(" "),
);

const MIN_WORD_LENGTH = 3;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** What may separate the words of a full name in running text. */
const NAME_SEPARATOR = /^(?:[ \t\u00a0]+|[ \t\u00a0]*[-'’][ \t\u00a0]*)$/u;
const PLACEHOLDER = /\[(?:STUDENT|PARENT|PERSON|EMAIL)_\d+(?:_(?:FIRST|LAST|MIDDLE\d*))?\]/giu;
const MAX_NAME_WORDS = 6;

/** Lower case, no accents, NFC: the form both sides are compared in. */
function fold(word: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range, which needs no unfolding.
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
}

/** The words of `text` with their places (one shared regex: matchAll would compile a copy per call). */
function wordsOf(text: string): { text: string; start: number; end: number }[] {
  const words: { text: string; start: number; end: number }[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return words;
}

export function createRedactor(people: readonly RedactedPerson[]): Redactor {
  /** placeholder → the text it stands for. */
  const originals = new Map<string, string>();
  /** folded email → placeholder. */
  const emails = new Map<string, string>();
  /** folded words joined by one space → placeholder (full names of two words or more, and single words). */
  const names = new Map<string, string>();
  const counters = new Map<string, number>();
  let longest = 1;

  const issue = (map: Map<string, string>, key: string, placeholder: string, original: string) => {
    if (map.has(key)) return;
    map.set(key, placeholder);
    originals.set(placeholder, original);
  };

  for (const person of people) {
    const kind = person.kind ?? "PERSON";
    const name = person.name.normalize("NFC").trim();
    const parts = wordsOf(name).map((w) => w.text);
    if (parts.length > 0 && parts.length <= MAX_NAME_WORDS) {
      const key = parts.map(fold).join(" ");
      if (!names.has(key)) {
        const n = (counters.get(kind) ?? 0) + 1;
        counters.set(kind, n);
        const base = `${kind}_${n}`;
        const safe = (word: string) => fold(word).length >= MIN_WORD_LENGTH && !COMMON_WORDS.has(fold(word));
        // A one-word name is replaced whole only when it is safe alone.
        if (parts.length > 1 || safe(name)) issue(names, key, `[${base}]`, name);
        longest = Math.max(longest, parts.length);
        if (parts.length > 1) {
          parts.forEach((word, i) => {
            if (!safe(word)) return;
            const role =
              i === 0 ? "FIRST" : i === parts.length - 1 ? "LAST" : `MIDDLE${parts.length > 3 ? String(i) : ""}`;
            issue(names, fold(word), `[${base}_${role}]`, word);
          });
        }
      }
    }
    const email = person.email?.trim();
    if (email?.includes("@")) {
      const key = fold(email);
      if (!emails.has(key)) {
        const n = (counters.get("EMAIL") ?? 0) + 1;
        counters.set("EMAIL", n);
        issue(emails, key, `[EMAIL_${n}]`, email);
      }
    }
  }

  function redact(input: string, issued?: Set<string>): string {
    if (originals.size === 0 || input === "") return input;
    const text = input.normalize("NFC").replace(EMAIL, (found) => {
      const placeholder = emails.get(fold(found));
      if (!placeholder) return found;
      issued?.add(placeholder);
      return placeholder;
    });
    // Never rewrite the inside of a placeholder already in the text ([EMAIL_1], [STUDENT_2]).
    const kept = [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m.index + m[0].length] as const);
    let next = 0;
    const words = wordsOf(text).filter((w) => {
      while (next < kept.length && (kept[next] as readonly [number, number])[1] <= w.start) next += 1;
      const span = kept[next];
      return !(span && w.start >= span[0] && w.end <= span[1]);
    });
    const folded = words.map((w) => fold(w.text));
    let out = "";
    let at = 0;
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      let placeholder: string | undefined;
      for (let k = Math.min(longest, words.length - i); k >= 1 && !placeholder; k--) {
        let joinable = true;
        for (let j = i + 1; j < i + k && joinable; j++) {
          joinable = NAME_SEPARATOR.test(
            text.slice((words[j - 1] as { end: number }).end, (words[j] as { start: number }).start),
          );
        }
        if (!joinable) continue;
        const key = k === 1 ? (folded[i] as string) : folded.slice(i, i + k).join(" ");
        placeholder = names.get(key);
        if (placeholder) matched = k;
      }
      const first = words[i] as { start: number; end: number };
      if (placeholder) {
        const last = words[i + matched - 1] as { end: number };
        out += text.slice(at, first.start) + placeholder;
        issued?.add(placeholder);
        at = last.end;
        i += matched;
      } else {
        i += 1;
      }
    }
    return out + text.slice(at);
  }

  function restore(text: string, issued: ReadonlySet<string>): string {
    if (originals.size === 0 || issued.size === 0) return text;
    return text.replace(PLACEHOLDER, (found) => {
      const placeholder = found.toUpperCase();
      return issued.has(placeholder) ? (originals.get(placeholder) ?? found) : found;
    });
  }

  const mapStrings = (value: unknown, f: (s: string) => string): unknown => {
    if (typeof value === "string") return f(value);
    if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
    }
    return value;
  };

  return {
    redact,
    restore,
    redactValue: <T>(value: T, issued?: Set<string>) => mapStrings(value, (s) => redact(s, issued)) as T,
    restoreValue: <T>(value: T, issued: ReadonlySet<string>) => mapStrings(value, (s) => restore(s, issued)) as T,
    get size() {
      return originals.size;
    },
  };
}

/** Told to the model when a prompt carries placeholders, so it keeps them as written. */
export const PLACEHOLDER_NOTE =
  "Text in square brackets such as [STUDENT_1] or [EMAIL_1] stands for a person's name or email address, " +
  "withheld for privacy. Keep each one exactly as written wherever you refer to that person.";

/**
 * The model's answer with the placeholders in `issued` (those redaction wrote for this call) put
 * back. An answer that is JSON is restored string by string and written out again, so a name with a
 * quote in it cannot break the JSON.
 */
export function restoreAnswer(redactor: Redactor, content: string, issued: ReadonlySet<string>): string {
  if (issued.size === 0 || content.search(PLACEHOLDER) === -1) return content;
  try {
    return JSON.stringify(redactor.restoreValue(JSON.parse(content), issued));
  } catch {
    return redactor.restore(content, issued);
  }
}

/**
 * `provider` behind the redactor: every message (and the typed input the offline model reads) is
 * redacted before the call, and the answer restored after it. Same name and model as `provider`.
 * The redactor is shared by the whole run; the placeholders issued are kept per call, so concurrent
 * steps never restore each other's, and an answer gets back only names its own prompt carried.
 */
export function redactingProvider(provider: ModelProvider, redactor: Redactor): ModelProvider {
  if (redactor.size === 0) return provider;
  return {
    name: provider.name,
    model: provider.model,
    async chat(request: ChatRequest): Promise<ChatReply> {
      const issued = new Set<string>();
      const messages: ChatMessage[] = request.messages.map((m) => ({
        ...m,
        content: redactor.redact(m.content, issued),
      }));
      const changed = messages.some((m, i) => m.content !== request.messages[i]?.content);
      const first = messages[0];
      if (changed && first?.role === "system")
        messages[0] = { ...first, content: `${first.content}\n\n${PLACEHOLDER_NOTE}` };
      const reply = await provider.chat({ ...request, messages, input: redactor.redactValue(request.input, issued) });
      return { ...reply, content: restoreAnswer(redactor, reply.content, issued) };
    },
  };
}

/**
 * The redactor for one organization's task: its students and parents (deleted ones too, until
 * erasure anonymizes them), read once per run. The organization is named explicitly: the pipeline's
 * client is not tenant-scoped.
 */
/** What the redactor reads people with: any Prisma client, tenant-scoped or not. */
interface PeopleReader {
  user: {
    findMany(args: {
      where: { organizationId: string; role: { in: ("STUDENT" | "PARENT")[] } };
      orderBy: ({ createdAt: "asc" } | { id: "asc" })[];
      select: { name: true; email: true; role: true };
    }): PromiseLike<{ name: string; email: string; role: string }[]>;
  };
}

export async function organizationRedactor(db: PeopleReader, organizationId: string): Promise<Redactor> {
  const people = await db.user.findMany({
    where: { organizationId, role: { in: ["STUDENT", "PARENT"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { name: true, email: true, role: true },
  });
  return createRedactor(people.map((p) => ({ name: p.name, email: p.email, kind: p.role as "STUDENT" | "PARENT" })));
}
