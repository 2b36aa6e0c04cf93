// The terrain agent's offline drafts: the first lab (information, experiment and one quiz station per
// question on a ring around a plaza) and its revision when the reviewer sends it back.
import {
  type GenerateRequest,
  type QuizDraft,
  type TerrainSpec,
  terrainSpecSchema,
  type Vector3,
} from "@toolboxai/validators";
import { gradeLabel } from "../../agents/prompt";
import { type TerrainInput, terrain, terrainInputSchema } from "../../agents/terrain";
import { clean, terrainFindings } from "./findings";
import { normalized, pick, topicInfo } from "./kit";
import { infoStations, LOOK, layout, MAX_STATIONS, quizPrompt, STATION_Y, type Station } from "./terrain-stations";
import { clip, scrubText } from "./text";

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

/** The terrain agent's offline answer: a revision when the reviewer sent the lab back, else a first draft. */
export function offlineTerrain(raw: TerrainInput): TerrainSpec {
  const input = normalized(terrainInputSchema, raw);
  if (input.revision) return reviseTerrain({ ...input, revision: input.revision });
  return draftTerrain(input.request, input.outline.vocabulary, input.quiz);
}
