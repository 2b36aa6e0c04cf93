// The offline lab's building blocks: each domain's look and experiment, the information stations
// every lab has, a quiz station's text, and the ring the stations stand on.
import type { QuizDraft, TerrainSpec } from "@toolboxai/validators";
import { definitionOf, glossaryOf } from "./glossary";
import { type Domain, pick, type TopicInfo, topicDefinition } from "./kit";
import { clip } from "./text";

export type Station = TerrainSpec["stations"][number];
export type Material = TerrainSpec["baseMaterial"];

export const MAX_STATIONS = 20;
export const STATION_Y = 3;

export const LOOK: Record<Domain, { base: Material; plaza: Material; path: Material }> = {
  science: { base: "Grass", plaza: "Slate", path: "Ground" },
  math: { base: "Grass", plaza: "Slate", path: "Sandstone" },
  ela: { base: "LeafyGrass", plaza: "Sandstone", path: "Ground" },
  social: { base: "Ground", plaza: "Sandstone", path: "Sand" },
  general: { base: "Grass", plaza: "Rock", path: "Ground" },
};

export const EXPERIMENT: Record<Domain, { simple: string; standard: string }> = {
  science: {
    simple:
      "Try it! Change one thing here, like more light or less light. Guess what will happen. Then watch. Was your guess right?",
    standard:
      "Experiment: change one variable at this station (for example, more or less light) and observe what happens. Predict first, then test, then explain what you saw using evidence.",
  },
  math: {
    simple: "Try it! Use the blocks on the table to show the problem. Count them. Check with a partner.",
    standard:
      "Experiment: build a model of the problem with the blocks on the table. Try two different strategies and compare your answers with a partner.",
  },
  ela: {
    simple: "Try it! Read the short story on the sign. What is it mostly about? Find one clue.",
    standard:
      "Experiment: read the short passage on the sign. Find the main idea and one detail that supports it, then explain your thinking to a partner.",
  },
  social: {
    simple: "Try it! Look at the two old objects on the table. Who made them? How are they different?",
    standard:
      "Experiment: compare the two sources on the table. Who made each one, when, and why? Note one way they agree and one way they differ.",
  },
  general: {
    simple: "Try it! Do the skill on the sign three times. What got easier?",
    standard:
      "Experiment: practice the skill shown on the sign three times. What changed each time, and what helped most?",
  },
};

export function quizPrompt(quiz: QuizDraft, index: number): string {
  const q = quiz.questions[index];
  if (!q) return `Question ${index + 1}`;
  let text = `Question ${index + 1}: ${q.prompt}`;
  if (q.type === "SINGLE_CHOICE" || q.type === "MULTIPLE_CHOICE") {
    text += ` ${q.options.map((o) => `${o.id}) ${o.text}`).join("  ")}`;
  } else if (q.type === "SHORT_ANSWER") {
    text += " (Type a short answer.)";
  } else if (q.type === "NUMERIC") {
    text += " (Type a number.)";
  }
  return clip(text, 1000);
}

export function infoStations(info: TopicInfo, outlineTerms: { term: string; definition: string }[]): Station[] {
  const s = info.style;
  const vocab = (
    outlineTerms.length > 0
      ? outlineTerms
      : glossaryOf(info.domain).map((g) => ({ term: g.term, definition: definitionOf(g, s) }))
  )
    .slice(0, 5)
    .map((v) => `${v.term}: ${v.definition}`)
    .join("  ");
  const welcome: Station = {
    id: "Welcome",
    name: "Welcome",
    kind: "info",
    position: { x: 0, y: STATION_Y, z: 0 },
    prompt: clip(
      pick(s, {
        simple: `Welcome to the ${info.Term} Lab! ${topicDefinition(info, "simple") ?? `Here you will learn about ${info.term}.`} Visit every station. Walk up and press the button to read.`,
        standard: `Welcome to the ${info.Term} Lab! ${topicDefinition(info) ?? `Here you will explore ${info.term}.`} Visit every station; walk up to a sign and use its prompt to read it.`,
      }),
      1000,
    ),
    questionIndex: null,
  };
  const words: Station = {
    id: "Vocabulary",
    name: pick(s, { simple: "New Words", standard: "Key Vocabulary" }),
    kind: "info",
    position: { x: 0, y: STATION_Y, z: 0 },
    prompt: clip(`${pick(s, { simple: "New words.", standard: "Key vocabulary." })} ${vocab}`, 1000),
    questionIndex: null,
  };
  const big: Station = info.facts
    ? {
        id: "Facts",
        name: pick(s, { simple: "Fun Facts", standard: "Did You Know?" }),
        kind: "info",
        position: { x: 0, y: STATION_Y, z: 0 },
        prompt: clip(`Did you know? ${info.facts.facts[0]} ${info.facts.facts[1]}`, 1000),
        questionIndex: null,
      }
    : {
        id: "BigIdea",
        name: "Big Idea",
        kind: "info",
        position: { x: 0, y: STATION_Y, z: 0 },
        prompt: clip(
          pick(s, {
            simple: `Think about ${info.term}. Where do you see it in real life? Tell a partner.`,
            standard: `Big idea: ${info.Term} is part of ${info.subject}. Where do you see ${info.term} in real life? Discuss with a partner.`,
          }),
          1000,
        ),
        questionIndex: null,
      };
  const experiment: Station = {
    id: "Experiment",
    name: pick(s, { simple: "Try It", standard: "Experiment" }),
    kind: "experiment",
    position: { x: 0, y: STATION_Y, z: 0 },
    prompt: clip(pick(s, EXPERIMENT[info.domain]), 1000),
    questionIndex: null,
  };
  return [welcome, experiment, words, big];
}

/** Places stations on a ring around the central plaza, the first one facing the spawn. */
export function layout(stations: Station[], half: number): Station[] {
  const n = stations.length;
  const radius = half - 40;
  return stations.map((s, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
    return {
      ...s,
      position: { x: Math.round(radius * Math.cos(angle)), y: STATION_Y, z: Math.round(radius * Math.sin(angle)) },
    };
  });
}
