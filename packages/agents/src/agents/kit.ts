// What the offline drafts know: subject domains with a small glossary and question bank each, a few
// well-known topics with checked facts, the writing style for a grade and reading level, and the
// lesson's time plan. Everything here is deterministic and correct by construction.
import { type GenerateRequest, type SubjectDomain, subjectDomainOf } from "@toolboxai/validators";
import { gradeNumber } from "./prompt";
import { inSentence, keyTermOf, scrubText } from "./text";

export type Domain = SubjectDomain;
export type Style = "simple" | "standard" | "rich";

export const domainOf = subjectDomainOf;

/**
 * How the drafts write: simple for the youngest grades and emerging readers, rich for advanced
 * readers and high school up, standard otherwise.
 */
export function styleOf(request: Pick<GenerateRequest, "gradeLevel" | "readingLevel">): Style {
  const g = gradeNumber(request.gradeLevel);
  if (request.readingLevel === "EMERGING") return "simple";
  if (request.readingLevel === "ADVANCED") return g >= 5 ? "rich" : "standard";
  if (g <= 3) return "simple";
  return g >= 9 ? "rich" : "standard";
}

export function pick<T>(style: Style, choices: { simple: T; standard: T; rich?: T }): T {
  if (style === "simple") return choices.simple;
  if (style === "rich") return choices.rich ?? choices.standard;
  return choices.standard;
}

export interface GlossaryEntry {
  term: string;
  definition: string;
  simple: string;
}

const GLOSSARY: Record<Domain, GlossaryEntry[]> = {
  science: [
    {
      term: "observation",
      definition: "Information you gather with your senses or with tools such as a ruler or thermometer.",
      simple: "Something you notice by looking, listening or touching.",
    },
    {
      term: "hypothesis",
      definition: "A testable explanation or prediction that an investigation can support or refute.",
      simple: "A smart guess that you can test.",
    },
    {
      term: "evidence",
      definition: "Facts or data that support or refute a claim.",
      simple: "Facts that help show if an idea is true.",
    },
    {
      term: "variable",
      definition: "A factor that can change in an experiment.",
      simple: "A thing that can change in a test.",
    },
    {
      term: "model",
      definition: "A drawing, object or simulation that represents how something works.",
      simple: "A picture or object that shows how something works.",
    },
    {
      term: "data",
      definition: "The measurements and notes recorded during an investigation.",
      simple: "The facts and numbers you write down in a test.",
    },
  ],
  math: [
    {
      term: "estimate",
      definition: "A close guess of a value, found by rounding or mental math.",
      simple: "A close guess about a number.",
    },
    {
      term: "equation",
      definition: "A math statement showing that two expressions are equal.",
      simple: "A number sentence with an equal sign.",
    },
    {
      term: "pattern",
      definition: "A sequence that repeats or changes by a rule.",
      simple: "Things that repeat in the same way.",
    },
    { term: "strategy", definition: "A plan or method for solving a problem.", simple: "A plan to solve a problem." },
    { term: "sum", definition: "The result of adding numbers together.", simple: "The answer when you add." },
    {
      term: "difference",
      definition: "The result of subtracting one number from another.",
      simple: "The answer when you take away.",
    },
  ],
  ela: [
    {
      term: "main idea",
      definition: "The most important point an author wants readers to understand.",
      simple: "What a text is mostly about.",
    },
    {
      term: "detail",
      definition: "A small piece of information that supports the main point of a text.",
      simple: "A small fact that tells more.",
    },
    {
      term: "evidence",
      definition: "Words or facts from a text that support an answer or claim.",
      simple: "Words from the text that prove your answer.",
    },
    {
      term: "summary",
      definition: "A short retelling of the most important ideas in your own words.",
      simple: "A short retell of the big ideas.",
    },
    {
      term: "theme",
      definition: "The message or lesson about life that a story shares.",
      simple: "The lesson a story teaches.",
    },
    {
      term: "inference",
      definition: "A conclusion reached by combining clues in a text with what you already know.",
      simple: "A good guess made from clues.",
    },
  ],
  social: [
    {
      term: "primary source",
      definition: "A document or object made by someone who was there at the time.",
      simple: "Something made by a person who was there.",
    },
    {
      term: "secondary source",
      definition: "An account made later by someone who studied the event.",
      simple: "Something made later about an event.",
    },
    {
      term: "timeline",
      definition: "A line that shows events in the order they happened.",
      simple: "A line that shows when things happened.",
    },
    {
      term: "cause",
      definition: "An event or action that makes something else happen.",
      simple: "Why something happens.",
    },
    {
      term: "effect",
      definition: "What happens as a result of an event or action.",
      simple: "What happens because of something else.",
    },
    {
      term: "perspective",
      definition: "The point of view a person has because of their experiences.",
      simple: "How one person sees things.",
    },
  ],
  general: [
    { term: "goal", definition: "The result you are working toward.", simple: "What you want to do." },
    {
      term: "example",
      definition: "A specific case that shows what an idea means.",
      simple: "One case that shows an idea.",
    },
    {
      term: "practice",
      definition: "Repeating a skill on purpose to get better at it.",
      simple: "Doing something again to get better.",
    },
    {
      term: "feedback",
      definition: "Information about your work that helps you improve it.",
      simple: "Tips that help you do better.",
    },
    {
      term: "reflection",
      definition: "Thinking back on what you learned and how you learned it.",
      simple: "Thinking about what you learned.",
    },
    {
      term: "vocabulary",
      definition: "The special words used to talk about a topic.",
      simple: "Special words for a topic.",
    },
  ],
};

export function glossaryOf(domain: Domain): GlossaryEntry[] {
  return GLOSSARY[domain];
}

export function definitionOf(entry: GlossaryEntry, style: Style): string {
  return style === "simple" ? entry.simple : entry.definition;
}

// --- Well-known topics ------------------------------------------------------------------------

export interface TopicFacts {
  /** Matched against the lower-cased topic. */
  match: RegExp;
  /** The topic's usual name, also accepted as a short answer. */
  name: string;
  definition: string;
  simple: string;
  /** True statements. */
  facts: [string, string];
  /** A false statement and why it is false. */
  myth: { statement: string; why: string };
}

const TOPICS: TopicFacts[] = [
  {
    match: /\bcounting\b|count to/,
    name: "counting",
    definition: "Saying numbers in order, one for each object, to find how many objects there are.",
    simple: "Saying numbers in order to find how many things there are.",
    facts: [
      "When you count, each object gets exactly one number.",
      "The last number you say tells how many objects there are.",
    ],
    myth: {
      statement: "If you count the same objects in a different order, you get a different total.",
      why: "The total stays the same in any order, as long as you count each object once.",
    },
  },
  {
    match: /\baddition\b|adding/,
    name: "addition",
    definition: "Putting numbers or groups together to find how many there are in all.",
    simple: "Putting groups together to find how many in all.",
    facts: ["2 + 3 = 5.", "Adding two numbers in a different order gives the same sum."],
    myth: { statement: "3 + 4 is more than 4 + 3.", why: "3 + 4 and 4 + 3 are both 7; order does not change a sum." },
  },
  {
    match: /photosynth/,
    name: "photosynthesis",
    definition:
      "The process plants, algae and some bacteria use to turn light energy, water and carbon dioxide into sugar and oxygen.",
    simple: "How plants use sunlight, water and air to make their own food.",
    facts: ["Plants give off oxygen during photosynthesis.", "Photosynthesis happens mostly in the leaves of a plant."],
    myth: {
      statement: "During photosynthesis, plants take in oxygen and give off carbon dioxide.",
      why: "It is the other way around: photosynthesis uses carbon dioxide and gives off oxygen.",
    },
  },
  {
    match: /water cycle|hydrologic/,
    name: "water cycle",
    definition:
      "The continuous movement of water between Earth's surface and the air through evaporation, condensation and precipitation.",
    simple: "The way water moves from the ground to the sky and back again.",
    facts: ["Evaporation turns liquid water into water vapor.", "Rain and snow are kinds of precipitation."],
    myth: {
      statement: "The water cycle stops during the winter.",
      why: "Water keeps moving all year; snow and ice are part of the cycle too.",
    },
  },
  {
    match: /fraction/,
    name: "fractions",
    definition: "Numbers that name equal parts of a whole or of a group.",
    simple: "Numbers that tell about equal parts of a whole.",
    facts: ["The fraction 1/2 is equal to 2/4.", "The bottom number of a fraction is called the denominator."],
    myth: {
      statement: "The fraction 1/4 is greater than 1/2.",
      why: "One of four equal parts is smaller than one of two equal parts.",
    },
  },
  {
    match: /multiplicat|times table/,
    name: "multiplication",
    definition: "An operation that combines equal groups; it is a quick way to do repeated addition.",
    simple: "A fast way to add equal groups.",
    facts: ["3 × 4 means three groups of four.", "Any number times one equals that same number."],
    myth: { statement: "Any number times zero equals that same number.", why: "Any number times zero equals zero." },
  },
  {
    match: /gravit/,
    name: "gravity",
    definition: "The force that pulls objects toward each other, such as the pull that keeps us on Earth.",
    simple: "The pull that makes things fall down to the ground.",
    facts: [
      "Gravity pulls objects toward the center of Earth.",
      "The Moon stays in orbit around Earth because of gravity.",
    ],
    myth: {
      statement: "Gravity only pulls on heavy objects.",
      why: "Gravity pulls on every object that has mass, light or heavy.",
    },
  },
  {
    match: /ecosystem|food (?:chain|web)/,
    name: "ecosystem",
    definition:
      "A community of living things interacting with each other and with the nonliving parts of their environment.",
    simple: "A place where plants and animals live together and need each other.",
    facts: ["Plants are producers: they make their own food.", "Decomposers break down dead plants and animals."],
    myth: {
      statement: "An ecosystem is made only of animals.",
      why: "Ecosystems include plants, other living things, and nonliving parts like water and soil.",
    },
  },
  {
    match: /plate tectonic|tectonic|earthquake/,
    name: "plate tectonics",
    definition: "The idea that Earth's outer layer is broken into large plates that move slowly over time.",
    simple: "Earth's outside is made of big pieces that move very slowly.",
    facts: ["Many earthquakes happen where two plates meet.", "Tectonic plates move only a few centimeters each year."],
    myth: { statement: "Earth's plates never move.", why: "The plates move a few centimeters each year." },
  },
  {
    match: /states of matter|solids?, liquids?|\bmatter\b/,
    name: "states of matter",
    definition: "The forms matter can take, such as solid, liquid and gas.",
    simple: "Things can be solid, liquid or gas.",
    facts: ["Ice is water in its solid state.", "Heating a liquid can turn it into a gas."],
    myth: {
      statement: "A gas has a fixed shape.",
      why: "A gas spreads out to fill its container, so it has no fixed shape.",
    },
  },
  {
    match: /solar system|planets/,
    name: "solar system",
    definition: "The Sun and everything that orbits it, including the eight planets and their moons.",
    simple: "The Sun and the planets that go around it.",
    facts: ["Earth is the third planet from the Sun.", "Jupiter is the largest planet in our solar system."],
    myth: { statement: "The Sun orbits Earth.", why: "Earth orbits the Sun, once every year." },
  },
  {
    match: /american revolution|revolutionary war/,
    name: "American Revolution",
    definition: "The war from 1775 to 1783 in which thirteen American colonies won independence from Great Britain.",
    simple: "The war in which the American colonies became free from Britain.",
    facts: ["The Declaration of Independence was adopted in 1776.", "George Washington led the Continental Army."],
    myth: {
      statement: "In the American Revolution, the colonies fought against France.",
      why: "The colonies fought against Great Britain; France was one of their allies.",
    },
  },
];

export function topicFactsOf(topic: string): TopicFacts | null {
  const t = topic.toLowerCase();
  return TOPICS.find((f) => f.match.test(t)) ?? null;
}

// --- Question banks per domain ------------------------------------------------------------------

export interface TrueFalseItem {
  statement: string;
  value: boolean;
  why: string;
}

const TRUE_FALSE: Record<Domain, TrueFalseItem[]> = {
  science: [
    {
      statement: "A scientist should change the data so it matches the first guess.",
      value: false,
      why: "Scientists record what really happens, even when it does not match their prediction.",
    },
    {
      statement: "Repeating a test helps check that the results are reliable.",
      value: true,
      why: "Results that repeat are easier to trust.",
    },
    {
      statement: "A hypothesis is the same thing as a proven fact.",
      value: false,
      why: "A hypothesis is an idea to test; evidence can support it or show it is wrong.",
    },
  ],
  math: [
    {
      statement: "Adding zero to a number does not change the number.",
      value: true,
      why: "Zero adds nothing, so the number stays the same.",
    },
    {
      statement: "An estimate is always exactly equal to the real answer.",
      value: false,
      why: "An estimate is a close guess; it is usually a little different from the exact answer.",
    },
    {
      statement: "You can check a subtraction answer by adding.",
      value: true,
      why: "Add the difference to the number you took away to get back the first number.",
    },
  ],
  ela: [
    {
      statement: "A summary tells the most important ideas of a text.",
      value: true,
      why: "A summary is short and keeps only the big ideas.",
    },
    {
      statement: "The main idea of a text is always its first sentence.",
      value: false,
      why: "The main idea can be anywhere in a text, and sometimes it is not stated at all.",
    },
    {
      statement: "Good readers use clues from the text to make inferences.",
      value: true,
      why: "An inference joins text clues with what you already know.",
    },
  ],
  social: [
    {
      statement: "A diary written during an event is a primary source.",
      value: true,
      why: "It was made by someone who was there at the time.",
    },
    {
      statement: "Every source tells the same story, so one source is always enough.",
      value: false,
      why: "Sources can show different perspectives, so historians compare several.",
    },
    {
      statement: "A timeline lists events in the order they happened.",
      value: true,
      why: "Timelines put events in time order.",
    },
  ],
  general: [
    {
      statement: "Feedback can help you improve your work.",
      value: true,
      why: "Feedback shows what works and what to try next.",
    },
    {
      statement: "You can only learn a skill if you get it right the first time.",
      value: false,
      why: "Most skills take practice; mistakes are part of learning.",
    },
    {
      statement: "Practice helps you get better at a skill.",
      value: true,
      why: "Practice on purpose builds skill over time.",
    },
  ],
};

export function trueFalseBank(domain: Domain): TrueFalseItem[] {
  return TRUE_FALSE[domain];
}

export interface SelectAllItem {
  prompt: string;
  correct: [string, string];
  wrong: [string, string];
  why: string;
}

const SELECT_ALL: Record<Domain, SelectAllItem[]> = {
  science: [
    {
      prompt: "Which of these are good habits in a science investigation? Select all that apply.",
      correct: ["Record your observations carefully", "Test one variable at a time"],
      wrong: ["Change the results to match your guess", "Skip the safety rules to save time"],
      why: "Careful records and fair tests make results trustworthy.",
    },
    {
      prompt: "Which of these tools measure something? Select all that apply.",
      correct: ["Ruler", "Thermometer"],
      wrong: ["Stapler", "Glue stick"],
      why: "A ruler measures length and a thermometer measures temperature.",
    },
    {
      prompt: "Which of these can be used as evidence? Select all that apply.",
      correct: ["Measurements from an experiment", "Observations written in a science notebook"],
      wrong: ["A guess nobody has tested", "Your favorite color"],
      why: "Evidence comes from observations and measurements.",
    },
    {
      prompt: "Which of these are living things? Select all that apply.",
      correct: ["A tree", "A frog"],
      wrong: ["A rock", "A cloud"],
      why: "Trees and frogs grow, need food and water, and reproduce; rocks and clouds do not.",
    },
  ],
  math: [
    {
      prompt: "Which of these numbers are even? Select all that apply.",
      correct: ["4", "12"],
      wrong: ["9", "15"],
      why: "Even numbers can be split into two equal groups: 4 = 2 + 2 and 12 = 6 + 6.",
    },
    {
      prompt: "Which of these are equal to 10? Select all that apply.",
      correct: ["6 + 4", "15 − 5"],
      wrong: ["3 + 6", "12 − 1"],
      why: "6 + 4 = 10 and 15 − 5 = 10, but 3 + 6 = 9 and 12 − 1 = 11.",
    },
    {
      prompt: "Which of these are good problem-solving strategies? Select all that apply.",
      correct: ["Draw a picture of the problem", "Check your answer with an estimate"],
      wrong: ["Answer before reading the problem", "Leave out the units in every answer"],
      why: "Pictures help you understand a problem and estimates help you check an answer.",
    },
    {
      prompt: "Which of these numbers are greater than 50? Select all that apply.",
      correct: ["75", "51"],
      wrong: ["49", "5"],
      why: "75 and 51 are more than 50; 49 and 5 are less.",
    },
  ],
  ela: [
    {
      prompt: "Which of these belong in a summary? Select all that apply.",
      correct: ["The main idea", "The most important events"],
      wrong: ["Every small detail", "Ideas that are not in the text"],
      why: "A summary is short and keeps only the big ideas from the text.",
    },
    {
      prompt: "Which of these can be evidence for an answer about a text? Select all that apply.",
      correct: ["A quote from the text", "A fact the author states"],
      wrong: ["A guess that ignores the text", "A detail from a different story"],
      why: "Evidence has to come from the text you are writing about.",
    },
    {
      prompt: "Which of these are parts of a story? Select all that apply.",
      correct: ["Characters", "Setting"],
      wrong: ["Answer key", "Bar code"],
      why: "Stories have characters, a setting and a plot.",
    },
    {
      prompt: "Which of these help you understand a new word? Select all that apply.",
      correct: ["Reading the sentences around it", "Looking it up in a dictionary"],
      wrong: ["Skipping every word you do not know", "Guessing without any clues"],
      why: "Context clues and dictionaries both help with new words.",
    },
  ],
  social: [
    {
      prompt: "Which of these are primary sources? Select all that apply.",
      correct: ["A letter written during the event", "A photograph taken at the event"],
      wrong: ["A textbook chapter written years later", "An encyclopedia article"],
      why: "Primary sources were made at the time by people who were there.",
    },
    {
      prompt: "Which of these help you decide if a source is reliable? Select all that apply.",
      correct: ["Who created the source", "When the source was made"],
      wrong: ["How colorful the cover is", "How long the title is"],
      why: "Knowing who made a source and when helps you judge how reliable it is.",
    },
    {
      prompt: "Which of these belong on a timeline? Select all that apply.",
      correct: ["Dates", "Events in order"],
      wrong: ["Random opinions", "Events in a mixed-up order"],
      why: "A timeline shows dated events in the order they happened.",
    },
    {
      prompt: "Which of these questions ask about causes? Select all that apply.",
      correct: ["Why did it happen?", "What led to the event?"],
      wrong: ["What color was the flag?", "How many pages is the book?"],
      why: "Cause questions ask why something happened.",
    },
  ],
  general: [
    {
      prompt: "Which of these are good ways to practice a new skill? Select all that apply.",
      correct: ["Practice a little every day", "Ask for feedback"],
      wrong: ["Give up after one try", "Skip the hard parts every time"],
      why: "Regular practice and feedback help skills grow.",
    },
    {
      prompt: "Which of these are helpful feedback? Select all that apply.",
      correct: ["Your colors work well; try adding shadows", "Check step 2 again"],
      wrong: ["Bad.", "Whatever."],
      why: "Helpful feedback is specific and says what to try next.",
    },
    {
      prompt: "Which of these make a goal easier to reach? Select all that apply.",
      correct: ["Make it specific", "Give it a time limit"],
      wrong: ["Make it impossible to check", "Change it every few minutes"],
      why: "Specific goals with a time limit are easier to plan for and check.",
    },
    {
      prompt: "Which of these are good ways to reflect on your learning? Select all that apply.",
      correct: ["Write what went well", "Write one thing to try next time"],
      wrong: ["Forget about the lesson", "Only compare your score with others"],
      why: "Reflection looks at what worked and what to improve.",
    },
  ],
};

export function selectAllBank(domain: Domain): SelectAllItem[] {
  return SELECT_ALL[domain];
}

// --- The lesson's time plan -------------------------------------------------------------------

export type SectionKind = "hook" | "instruction" | "activity" | "independent" | "discussion" | "check" | "wrap";

/** Splits `total` minutes by weight into whole minutes (each at least 1) that add up to `total`. */
export function allocateMinutes(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const minutes = exact.map((x) => Math.max(1, Math.floor(x)));
  let diff = total - minutes.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  let k = 0;
  while (diff > 0 && order.length > 0) {
    const idx = order[k % order.length]?.i ?? 0;
    minutes[idx] = (minutes[idx] ?? 0) + 1;
    diff -= 1;
    k += 1;
  }
  // Only when the minimum of 1 pushed the total over: take minutes back from the longest sections.
  while (diff < 0) {
    let longest = 0;
    minutes.forEach((m, i) => {
      if (m > (minutes[longest] ?? 0)) longest = i;
    });
    if ((minutes[longest] ?? 0) <= 1) break;
    minutes[longest] = (minutes[longest] ?? 0) - 1;
    diff += 1;
  }
  return minutes;
}

/** The sections a lesson of this length has, with their minutes (adding up to the duration). */
export function sectionPlan(durationMinutes: number): { kind: SectionKind; minutes: number }[] {
  let plan: [SectionKind, number][];
  if (durationMinutes < 20) {
    plan = [
      ["hook", 2],
      ["instruction", 4],
      ["activity", 4],
      ["wrap", 2],
    ];
  } else if (durationMinutes < 60) {
    plan = [
      ["hook", 12],
      ["instruction", 25],
      ["activity", 33],
      ["check", 18],
      ["wrap", 12],
    ];
  } else if (durationMinutes < 90) {
    plan = [
      ["hook", 10],
      ["instruction", 20],
      ["activity", 28],
      ["independent", 18],
      ["check", 14],
      ["wrap", 10],
    ];
  } else {
    plan = [
      ["hook", 8],
      ["instruction", 18],
      ["activity", 24],
      ["discussion", 12],
      ["independent", 16],
      ["check", 12],
      ["wrap", 10],
    ];
  }
  const minutes = allocateMinutes(
    durationMinutes,
    plan.map(([, w]) => w),
  );
  return plan.map(([kind], i) => ({ kind, minutes: minutes[i] ?? 1 }));
}

// --- Shared facts about a request -----------------------------------------------------------

export interface TopicInfo {
  topic: string;
  /** As the topic reads at the start of a sentence. */
  Term: string;
  /** As it reads inside a sentence. */
  term: string;
  subject: string;
  domain: Domain;
  style: Style;
  grade: number;
  facts: TopicFacts | null;
  /** The teacher's notes with any privacy or age problem removed. */
  notes: string;
}

export function topicInfo(request: GenerateRequest): TopicInfo {
  const key = keyTermOf(request.topic);
  const grade = gradeNumber(request.gradeLevel);
  return {
    topic: request.topic,
    Term: key.charAt(0).toUpperCase() + key.slice(1),
    term: inSentence(key),
    subject: request.subject,
    domain: domainOf(request.subject),
    style: styleOf(request),
    grade,
    facts: topicFactsOf(request.topic),
    notes: scrubText(request.notes, grade, [request.topic]),
  };
}

/** The key term's definition for a well-known topic, or null (the drafts never invent one). */
export function topicDefinition(info: TopicInfo, style: Style = info.style): string | null {
  if (!info.facts) return null;
  return style === "simple" ? info.facts.simple : info.facts.definition;
}
