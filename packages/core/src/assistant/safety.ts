// The tutor's safety filter for minors: deterministic and offline, run on the student's message
// (an unsafe one is answered without the model) and on the model's reply before it is shown.
//
// Lists of words and phrases, matched as whole words after light normalisation: case and accents
// go, leetspeak is read as letters ("s3x", "$h1t"), and a letter repeated for emphasis still
// matches ("fuuuck"), but only when every letter of the word is there ("as" is not "ass"). Whole
// words keep schoolwork safe: "Sussex", "class", "assess", "cocktail", "Scunthorpe", "sextant",
// "the shooting star" and "killer whale" contain a listed word but are not one. The lists are kept
// modest on purpose: a filter that blocks biology and history lessons is one students learn to
// get around, so phrases are preferred to single words wherever a word has an innocent sense.
//
// Categories are checked from the most to the least severe, so a message that is both profane and
// about self-harm gets the self-harm reply, which points to a trusted adult and emergency help.

export const SAFETY_CATEGORIES = ["self-harm", "sexual", "violence", "hate", "personal-info", "profanity"] as const;
export type SafetyCategory = (typeof SAFETY_CATEGORIES)[number];
export type SafetyVerdict = { safe: true } | { safe: false; category: SafetyCategory; reply: string };

const LISTS: Record<SafetyCategory, string> = {
  "self-harm":
    "kill myself|killing myself|suicide|suicidal|end my life|ending my life|take my own life|want to die|" +
    "wanna die|wish i was dead|wish i were dead|better off dead|self harm|selfharm|cut myself|cutting myself|" +
    "hurt myself|hurting myself|dont want to live|dont want to be alive|no reason to live|overdose",
  sexual:
    "sex|sexy|sexting|porn|porno|pornography|nudes|send nudes|nude pics|nude photos|naked pics|naked pictures|" +
    "naked photos|get naked|horny|blowjob|blow job|handjob|dick pic|boobs|hentai|onlyfans|masturbate|rape|raped",
  violence:
    "kill you|kill him|kill her|kill someone|kill somebody|kill everyone|kill yourself|kys|i will kill|" +
    "im going to kill|im gonna kill|i want to kill|stab you|stab him|stab her|stab someone|shoot you|shoot him|" +
    "shoot her|shoot someone|shoot up the school|shoot up my school|school shooting|make a bomb|build a bomb|" +
    "pipe bomb|bomb the school|beat you up|beat him up|beat her up|bring a gun to school|bring a knife to school",
  hate:
    "nigger|niggers|nigga|faggot|faggots|fag|fags|kike|kikes|spic|spics|wetback|tranny|heil hitler|white power|gas the jews|hate jews|" +
    "hate muslims|hate black people|hate gay people|hate gays|go back to your country",
  "personal-info":
    "where do you live|tell me where you live|wheres your house|whats your address|what is your address|" +
    "your address|my address|home address|your phone number|my phone number|whats your number|" +
    "call me at|text me at|meet up|meet me|meet in person|meet irl|come to my house|come over to my house|" +
    "come to your house|i live at|what school do you go to|which school do you go to|my snapchat|" +
    "your snapchat|add me on",
  profanity:
    "fuck|fucking|fucked|fucker|motherfucker|shit|shitty|bullshit|bitch|bitches|bastard|ass|asshole|arsehole|" +
    "cunt|dickhead|wanker|twat|piss|slut|whore|wtf|stfu",
};

/** Schoolwork that contains a listed word: masked before the lists are read. */
const ALLOWED = [
  "sex cell",
  "sex cells",
  "sex chromosome",
  "sex chromosomes",
  "sex linked",
  "sex ratio",
  "sex determination",
  "sex education",
  "sex ed",
];

/** Personal details a pattern gives away better than a word list: emails, phone numbers, street addresses. */
const PERSONAL_PATTERNS = [
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/,
  /(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/,
  /\b0\d{4}\s?\d{6}\b/,
  /\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Court|Ct|Close|Way)\b/,
];

const REPLIES: Record<SafetyCategory, string> = {
  "self-harm":
    "I'm really sorry you're feeling this way, and I'm glad you said something. You don't have to handle this " +
    "alone: please talk to a trusted adult right now, like a parent, a teacher or your school counsellor. If you " +
    "are in danger, contact a trusted adult or local emergency services straight away, or call a crisis line in " +
    "your country. You matter.",
  sexual:
    "That's not something I can talk about here. If something you saw or someone you talked to made you feel " +
    "uncomfortable, please tell a trusted adult. I'm happy to help with your schoolwork: what are you working on?",
  violence:
    "I can't help with anything that could hurt someone. If you or someone else might be in danger, tell a trusted " +
    "adult or contact local emergency services. I'm here to help with your schoolwork whenever you're ready.",
  hate:
    "Everyone deserves respect, so I can't help with words that put people down for who they are. If someone is " +
    "being treated unfairly, a trusted adult can help. What would you like to work on?",
  "personal-info":
    "Let's keep personal details private: it's safest never to share or ask for home addresses, phone numbers or " +
    "where someone lives, and not to arrange to meet people you know only online. If someone asks you for these, " +
    "tell a trusted adult.",
  profanity: "Let's keep our words kind and school-friendly. What would you like help with?",
};

// --- Words -----------------------------------------------------------------------------------

const LEET: Record<string, string> = { "0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i" };

/** A word as runs of letters: "kiiill" is k×1 i×3 l×2. */
type Runs = { c: string; n: number }[];

function runs(word: string): Runs {
  const out: Runs = [];
  for (const c of word) {
    const last = out.at(-1);
    if (last?.c === c) last.n += 1;
    else out.push({ c, n: 1 });
  }
  return out;
}

/** The same letters in the same order, each at least as often as in the listed word. */
function sameWord(token: Runs, listed: Runs): boolean {
  return token.length === listed.length && token.every((r, i) => r.c === listed[i]?.c && r.n >= (listed[i]?.n ?? 0));
}

/** A text's words, each with its readings: "k1ll" may be "kill" or "klll", so both are kept. */
function words(text: string): { plain: string; readings: Runs[] }[] {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "");
  return folded
    .split(/[^a-z0-9@$!]+/)
    .map((w) => w.replace(/^!+|!+$/g, ""))
    .filter((w) => w !== "")
    .map((w) => {
      if (!/[a-z]/.test(w)) return { plain: w, readings: [runs(w)] };
      const read = (one: string) => [...w].map((c) => (c === "1" ? one : (LEET[c] ?? c))).join("");
      const readings = w.includes("1") ? [read("i"), read("l")] : [read("i")];
      return { plain: w, readings: readings.map(runs) };
    });
}

type Phrase = { words: string[]; runs: Runs[] };

const phrase = (p: string): Phrase => {
  const ws = p.split(" ");
  return { words: ws, runs: ws.map(runs) };
};
const COMPILED = SAFETY_CATEGORIES.map((category) => ({ category, phrases: LISTS[category].split("|").map(phrase) }));
const ALLOWED_PHRASES = ALLOWED.map(phrase);

function listedAt(text: ReturnType<typeof words>, masked: boolean[], i: number, p: Phrase): boolean {
  return p.runs.every((listed, k) => {
    const t = text[i + k];
    return !!t && !masked[i + k] && t.readings.some((r) => sameWord(r, listed));
  });
}

/** Whether a message or reply is fine for a minor, and if not, what the tutor says instead. */
export function checkMinorSafety(text: string): SafetyVerdict {
  const ws = words(text);
  const masked = ws.map(() => false);
  for (const p of ALLOWED_PHRASES) {
    for (let i = 0; i + p.words.length <= ws.length; i++) {
      if (p.words.every((w, k) => ws[i + k]?.plain === w)) masked.fill(true, i, i + p.words.length);
    }
  }
  for (const { category, phrases } of COMPILED) {
    const listed = phrases.some((p) => ws.some((_, i) => listedAt(ws, masked, i, p)));
    const patterned = category === "personal-info" && PERSONAL_PATTERNS.some((re) => re.test(text));
    if (listed || patterned) return { safe: false, category, reply: REPLIES[category] };
  }
  return { safe: true };
}
