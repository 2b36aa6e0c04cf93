// The Roblox Studio plugin's shapes: the environments it lists and the spec of one of them.
import { z } from "zod";
import { luauScriptSchema, terrainSpecSchema } from "./agents";
import { idSchema, isoDate, queryNumber } from "./common";
import { contentStatusSchema } from "./content";
import { EXAMPLE_IDS as ids } from "./examples";
import { textSchema } from "./text";

export const environmentListInputSchema = z.object({
  search: textSchema.trim().max(200).optional(),
  cursor: textSchema.max(200).nullish(),
  limit: queryNumber(z.number().int().min(1).max(100)).default(20),
});
export type EnvironmentListInput = z.input<typeof environmentListInputSchema>;

export const environmentIdSchema = z.object({ environmentId: idSchema });

/** An environment's spec: what the plugin builds (terrain, scripts, the quiz checkpoints). */
export const environmentSpecSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    subject: z.string(),
    gradeLevel: z.string(),
    status: contentStatusSchema,
    version: z.number().int(),
    updatedAt: isoDate(),
    terrain: terrainSpecSchema,
    scripts: z.array(luauScriptSchema),
    /** Quiz questions placed at the quiz stations (the answer keys stay on the server side of the place). */
    checkpoints: z.array(z.object({ stationId: z.string(), prompt: z.string(), question: z.unknown() })),
  })
  .meta({
    id: "EnvironmentSpec",
    examples: [
      {
        id: ids.environment,
        title: "Plate boundaries field trip",
        description: "Walk a rift valley, a subduction zone and a fault line, answering a question at each.",
        subject: "Science",
        gradeLevel: "7",
        status: "PUBLISHED",
        version: 2,
        updatedAt: "2026-12-02T08:20:00.000Z",
        terrain: {
          name: "Plate boundaries",
          description: "A valley split by a rift, with a trench and a fault line.",
          baseMaterial: "Ground",
          size: { x: 512, z: 512 },
          regions: [
            {
              shape: "block",
              name: "Rift valley",
              material: "Basalt",
              center: { x: 0, y: -4, z: 0 },
              size: { x: 40, y: 8, z: 300 },
            },
          ],
          props: [{ name: "Rift sign", kind: "sign", position: { x: 10, y: 2, z: 0 } }],
          spawnPoints: [{ name: "Start", position: { x: 0, y: 5, z: -200 } }],
          stations: [
            {
              id: "rift",
              name: "The rift",
              kind: "quiz",
              position: { x: 20, y: 2, z: 0 },
              prompt: "Which way are these plates moving?",
              questionIndex: 0,
            },
          ],
        },
        scripts: [
          {
            name: "StationPrompts",
            kind: "server",
            purpose: "Shows each station's prompt when a player walks up to it.",
            source:
              '-- Shows the prompt of the station a player touches\nlocal stations = workspace:WaitForChild("Stations")',
          },
        ],
        checkpoints: [
          {
            stationId: "rift",
            prompt: "Which way are these plates moving?",
            question: {
              type: "SINGLE_CHOICE",
              prompt: "What kind of plate boundary forms where two plates move apart?",
              options: [
                { id: "a", text: "Convergent" },
                { id: "b", text: "Divergent" },
                { id: "c", text: "Transform" },
              ],
            },
          },
        ],
      },
    ],
  });
export type EnvironmentSpec = z.infer<typeof environmentSpecSchema>;
