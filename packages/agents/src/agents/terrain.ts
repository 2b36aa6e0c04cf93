// The terrain agent: designs the Roblox lab as data (regions, props, spawn points and learning
// stations). Another module turns the spec into Terrain:FillBlock / FillBall calls; the script
// agent writes the stations' interactions. Its offline draft is in src/providers/offline/terrain.ts.
import {
  outlineSchema,
  quizDraftSchema,
  type TerrainSpec,
  terrainSpecSchema,
  type Vector3,
} from "@toolboxai/validators";
import type { z } from "zod";
import type { AgentSpec } from "../types";
import { describeRequest, draftInputSchema, inputBlock, revisionText, systemPrompt } from "./prompt";

export const terrainInputSchema = draftInputSchema(
  { outline: outlineSchema, quiz: quizDraftSchema.nullable() },
  terrainSpecSchema,
);
export type TerrainInput = z.infer<typeof terrainInputSchema>;
function inside(p: Vector3, size: TerrainSpec["size"]): boolean {
  return Math.abs(p.x) <= size.x / 2 && Math.abs(p.z) <= size.z / 2;
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
} satisfies AgentSpec<TerrainInput, TerrainSpec>;
