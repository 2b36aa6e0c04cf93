// The terrain agent: designs the Roblox lab as data (regions, props, spawn points and learning
// stations). Another module turns the spec into Terrain:FillBlock / FillBall calls; the script
// agent writes the stations' interactions.
import {
  type GenerateRequest,
  outlineSchema,
  type QuizDraft,
  quizDraftSchema,
  type TerrainSpec,
  terrainSpecSchema,
  type Vector3,
} from "@toolboxai/validators";
import type { z } from "zod";
import type { AgentDefinition } from "../types";
import { clean, terrainFindings } from "./findings";
import { type Domain, definitionOf, glossaryOf, pick, type TopicInfo, topicDefinition, topicInfo } from "./kit";
import {
  describeRequest,
  draftInputSchema,
  gradeLabel,
  inputBlock,
  normalized,
  revisionText,
  systemPrompt,
} from "./prompt";
import { clip, scrubText } from "./text";

export const terrainInputSchema = draftInputSchema(
  { outline: outlineSchema, quiz: quizDraftSchema.nullable() },
  terrainSpecSchema,
);
export type TerrainInput = z.infer<typeof terrainInputSchema>;

type Station = TerrainSpec["stations"][number];
type Material = TerrainSpec["baseMaterial"];

const MAX_STATIONS = 20;
const STATION_Y = 3;

const LOOK: Record<Domain, { base: Material; plaza: Material; path: Material }> = {
  science: { base: "Grass", plaza: "Slate", path: "Ground" },
  math: { base: "Grass", plaza: "Slate", path: "Sandstone" },
  ela: { base: "LeafyGrass", plaza: "Sandstone", path: "Ground" },
  social: { base: "Ground", plaza: "Sandstone", path: "Sand" },
  general: { base: "Grass", plaza: "Rock", path: "Ground" },
};

const EXPERIMENT: Record<Domain, { simple: string; standard: string }> = {
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

function quizPrompt(quiz: QuizDraft, index: number): string {
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

function infoStations(info: TopicInfo, outlineTerms: { term: string; definition: string }[]): Station[] {
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
function layout(stations: Station[], half: number): Station[] {
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

function inside(p: Vector3, size: TerrainSpec["size"]): boolean {
  return Math.abs(p.x) <= size.x / 2 && Math.abs(p.z) <= size.z / 2;
}

/** The first draft: a lab with information, experiment and (one per question) quiz stations. */
export function draftTerrain(
  request: GenerateRequest,
  outlineTerms: { term: string; definition: string }[],
  quiz: QuizDraft | null,
): TerrainSpec {
  const info = topicInfo(request);
  const look = LOOK[info.domain];
  const questions = Math.min(quiz?.questions.length ?? 0, MAX_STATIONS);
  const extra = infoStations(info, outlineTerms).slice(0, Math.max(0, MAX_STATIONS - questions));
  const quizStations: Station[] = quiz
    ? Array.from({ length: questions }, (_, i) => ({
        id: `Quiz${i + 1}`,
        name: `Question ${i + 1}`,
        kind: "quiz" as const,
        position: { x: 0, y: STATION_Y, z: 0 },
        prompt: quizPrompt(quiz, i),
        questionIndex: i,
      }))
    : [];
  const size = { x: 256, z: 256 };
  const half = size.x / 2;
  const stations = layout([...extra, ...quizStations], half);

  const regions: TerrainSpec["regions"] = [
    {
      shape: "block",
      name: "Central Plaza",
      material: look.plaza,
      center: { x: 0, y: 1, z: 0 },
      size: { x: 48, y: 2, z: 48 },
    },
    {
      shape: "block",
      name: "Main Path",
      material: look.path,
      center: { x: 0, y: 1, z: -half / 2 - 4 },
      size: { x: 10, y: 2, z: half - 24 },
    },
  ];
  // A square loop path through the ring of stations.
  const ring = half - 40;
  for (const [name, x, z, sx, sz] of [
    ["Loop Path North", 0, ring, 2 * ring + 8, 8],
    ["Loop Path South", 0, -ring, 2 * ring + 8, 8],
    ["Loop Path East", ring, 0, 8, 2 * ring + 8],
    ["Loop Path West", -ring, 0, 8, 2 * ring + 8],
  ] as const) {
    regions.push({ shape: "block", name, material: look.path, center: { x, y: 1, z }, size: { x: sx, y: 2, z: sz } });
  }
  if (info.domain === "science") {
    regions.push(
      { shape: "ball", name: "Pond", material: "Water", center: { x: 100, y: -2, z: 100 }, radius: 12 },
      { shape: "ball", name: "Hill", material: "Grass", center: { x: -104, y: -14, z: 104 }, radius: 22 },
    );
  } else if (info.domain === "social") {
    regions.push(
      {
        shape: "block",
        name: "River",
        material: "Water",
        center: { x: 112, y: 0, z: 0 },
        size: { x: 12, y: 4, z: 240 },
      },
      { shape: "ball", name: "Old Stones", material: "Rock", center: { x: -104, y: -2, z: 104 }, radius: 8 },
    );
  } else {
    regions.push(
      { shape: "ball", name: "Reflecting Pool", material: "Water", center: { x: 100, y: -2, z: 100 }, radius: 10 },
      { shape: "ball", name: "Lookout Hill", material: "Rock", center: { x: -104, y: -14, z: 104 }, radius: 20 },
    );
  }

  const props: TerrainSpec["props"] = [];
  const treeSpots = [
    [-110, -110],
    [110, -110],
    [-110, 0],
    [-110, 60],
    [60, 110],
    [-40, 112],
    [110, -40],
    [20, -112],
  ];
  treeSpots.forEach(([x = 0, z = 0], i) => {
    if (info.domain === "social" && x > 100) return;
    props.push({ name: `Tree ${i + 1}`, kind: "tree", position: { x, y: 2, z } });
  });
  for (const [i, z] of [-100, -80, -60].entries()) {
    props.push({ name: `Path Lamp ${i + 1}`, kind: "lamp", position: { x: 8, y: 2, z } });
  }
  for (const s of stations) {
    props.push({
      name: clip(`Sign: ${s.name}`, 80),
      kind: "sign",
      position: { x: s.position.x, y: 2, z: s.position.z + 4 },
    });
    if (s.kind === "experiment") {
      props.push({ name: "Experiment Table", kind: "table", position: { x: s.position.x + 5, y: 2, z: s.position.z } });
      props.push({
        name: info.domain === "science" ? "Specimen Jar" : "Supply Box",
        kind: info.domain === "science" ? "plant" : "container",
        position: { x: s.position.x + 5, y: 4, z: s.position.z },
      });
    }
  }

  const kinds = [
    extra.length > 0 ? `${extra.length} learning stations` : "",
    quizStations.length > 0 ? `${quizStations.length} quiz stations (one per quiz question)` : "",
  ].filter(Boolean);
  return {
    name: clip(`${info.Term} Lab`, 100),
    description: clip(
      `A Roblox learning lab on ${info.term} for ${gradeLabel(request.gradeLevel)}. Students spawn at the south end, walk the main path to a central plaza and visit ${kinds.join(" and ")} arranged in a ring.`,
      2000,
    ),
    baseMaterial: look.base,
    size,
    regions,
    props: props.slice(0, 60),
    spawnPoints: [{ name: "Main Spawn", position: { x: 0, y: 4, z: -(half - 12) } }],
    stations,
  };
}

function uniqueId(id: string, taken: Set<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) {
    const candidate = `${id.slice(0, 36)}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * A revision: keeps the previous lab (so the script step's station ids stay valid), fixes empty or
 * unsafe prompts, quiz-station links, duplicate ids and positions, and adds missing quiz stations.
 * Falls back to a fresh lab when the result still would not pass review.
 */
export function reviseTerrain(input: TerrainInput & { revision: NonNullable<TerrainInput["revision"]> }): TerrainSpec {
  const { request, quiz, revision } = input;
  const info = topicInfo(request);
  const exclude = [request.topic];
  const prev = revision.previous;
  const fresh = draftTerrain(request, input.outline.vocabulary, quiz);
  const count = quiz?.questions.length ?? 0;
  const taken = new Set<string>();
  const covered = new Set<number>();
  const bound = (p: Vector3): Vector3 => ({
    x: Math.max(-prev.size.x / 2 + 4, Math.min(prev.size.x / 2 - 4, p.x)),
    y: p.y,
    z: Math.max(-prev.size.z / 2 + 4, Math.min(prev.size.z / 2 - 4, p.z)),
  });
  const stations: Station[] = [];
  for (const s of prev.stations) {
    const id = uniqueId(s.id, taken);
    taken.add(id);
    let kind = s.kind;
    let questionIndex = s.kind === "quiz" ? s.questionIndex : null;
    if (kind === "quiz" && (questionIndex === null || questionIndex >= count || covered.has(questionIndex))) {
      kind = "info";
      questionIndex = null;
    }
    if (questionIndex !== null) covered.add(questionIndex);
    let prompt = scrubText(s.prompt, info.grade, exclude);
    if (kind === "quiz" && quiz && questionIndex !== null && prompt.trim() === "")
      prompt = quizPrompt(quiz, questionIndex);
    if (prompt.trim() === "") {
      prompt = pick(info.style, {
        simple: `Think about ${info.term}. Tell a partner one thing you learned.`,
        standard: `Look around this station. What does it show about ${info.term}? Share one idea with a partner.`,
      });
    }
    stations.push({
      id,
      name: clip(scrubText(s.name, info.grade, exclude) || id, 80),
      kind,
      position: bound(s.position),
      prompt: clip(prompt, 1000),
      questionIndex,
    });
  }
  if (quiz) {
    const missing = quiz.questions.map((_, i) => i).filter((i) => !covered.has(i));
    for (const i of missing) {
      if (stations.length >= MAX_STATIONS) {
        // Make room: turn an information station into the missing question's station.
        const slot = stations.findIndex((s) => s.kind !== "quiz");
        const target = stations[slot];
        if (!target) break;
        stations[slot] = {
          ...target,
          kind: "quiz",
          name: `Question ${i + 1}`,
          prompt: quizPrompt(quiz, i),
          questionIndex: i,
        };
        continue;
      }
      const id = uniqueId(`Quiz${i + 1}`, taken);
      taken.add(id);
      const angle = (2 * Math.PI * i) / Math.max(1, count);
      const radius = Math.min(prev.size.x, prev.size.z) / 2 - 24;
      stations.push({
        id,
        name: `Question ${i + 1}`,
        kind: "quiz",
        position: bound({
          x: Math.round(radius * Math.cos(angle)),
          y: STATION_Y,
          z: Math.round(radius * Math.sin(angle)),
        }),
        prompt: quizPrompt(quiz, i),
        questionIndex: i,
      });
    }
  }
  const candidate = terrainSpecSchema.safeParse({
    ...prev,
    name: clip(scrubText(prev.name, info.grade, exclude) || fresh.name, 100),
    description: clip(scrubText(prev.description, info.grade, exclude), 2000),
    props: prev.props
      .filter((p) => scrubText(p.name, info.grade, exclude) === p.name.trim())
      .map((p) => ({ ...p, position: bound(p.position) })),
    spawnPoints: prev.spawnPoints.map((p) => ({ ...p, position: bound(p.position) })),
    stations: stations.length > 0 ? stations : fresh.stations,
  });
  if (
    candidate.success &&
    terrain.check(candidate.data, input).length === 0 &&
    clean(terrainFindings(candidate.data, quiz, request))
  ) {
    return candidate.data;
  }
  return fresh;
}

export const terrain = {
  name: "terrain",
  description: "Designs the Roblox lab: terrain regions, props, spawn points and learning stations",
  inputSchema: terrainInputSchema,
  outputSchema: terrainSpecSchema,
  prompt(input: TerrainInput) {
    const system = systemPrompt("a Roblox level designer who builds learning environments for classrooms", [
      "Describe the lab as data only: the terrain's size (x and z in studs, centered on the origin), a base material, regions (blocks and balls of Roblox terrain materials), props, at least one spawn point and the learning stations. Do not write code.",
      "Every position must lie inside the terrain: |x| <= size.x / 2 and |z| <= size.z / 2.",
      'Stations have unique Lua-style ids (a letter, then letters, digits or _), a name, a kind ("info", "experiment" or "quiz") and the text a student reads there.',
      "When a quiz is given, add one quiz station per question, with questionIndex set to that question's 0-based index; every other station has questionIndex null.",
      "Keep walking distances short and paths clear; keep the space calm and friendly.",
    ]);
    const user = [
      `Design a Roblox learning lab for "${input.outline.title}". Include a welcome station, information stations for the key ideas and vocabulary, and at least one hands-on experiment station.`,
      input.quiz
        ? `Add one quiz station for each of the ${input.quiz.questions.length} quiz questions in the input (questionIndex 0 to ${input.quiz.questions.length - 1}).`
        : "There is no quiz, so do not add quiz stations.",
      "",
      describeRequest(input.request),
    ].join("\n");
    return { system, user: user + revisionText(input.revision, "terrain spec") + inputBlock(input) };
  },
  check(output: TerrainSpec, input: TerrainInput) {
    const problems: string[] = [];
    const ids = new Set<string>();
    const indices = new Set<number>();
    const count = input.quiz?.questions.length ?? 0;
    output.stations.forEach((s, i) => {
      if (ids.has(s.id)) problems.push(`stations[${i}].id "${s.id}" is used by another station`);
      ids.add(s.id);
      if (s.kind === "quiz") {
        if (!input.quiz) problems.push(`stations[${i}] ("${s.id}") is a quiz station, but there is no quiz`);
        else if (s.questionIndex === null)
          problems.push(`stations[${i}] ("${s.id}") is a quiz station without a questionIndex`);
        else if (s.questionIndex >= count)
          problems.push(
            `stations[${i}].questionIndex ${s.questionIndex} is past the quiz's last question (${count - 1})`,
          );
        else if (indices.has(s.questionIndex))
          problems.push(`stations[${i}].questionIndex ${s.questionIndex} already has a station`);
        if (s.questionIndex !== null) indices.add(s.questionIndex);
      } else if (s.questionIndex !== null) {
        problems.push(`stations[${i}] ("${s.id}") is not a quiz station, so its questionIndex must be null`);
      }
      if (!inside(s.position, output.size)) problems.push(`stations[${i}] ("${s.id}") is outside the terrain`);
    });
    output.spawnPoints.forEach((p, i) => {
      if (!inside(p.position, output.size)) problems.push(`spawnPoints[${i}] ("${p.name}") is outside the terrain`);
    });
    output.props.forEach((p, i) => {
      if (!inside(p.position, output.size)) problems.push(`props[${i}] ("${p.name}") is outside the terrain`);
    });
    return problems;
  },
  offline(raw: TerrainInput): TerrainSpec {
    const input = normalized(terrainInputSchema, raw);
    if (input.revision) return reviseTerrain({ ...input, revision: input.revision });
    return draftTerrain(input.request, input.outline.vocabulary, input.quiz);
  },
} satisfies AgentDefinition<TerrainInput, TerrainSpec>;
