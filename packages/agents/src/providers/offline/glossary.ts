// What the offline drafts know of each subject domain's vocabulary: a small glossary with a
// definition for on-grade and advanced readers and a simpler one for the youngest and emerging readers.
import type { Domain, Style } from "./kit";

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
