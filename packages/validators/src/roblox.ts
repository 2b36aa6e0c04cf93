// The Roblox Studio plugin's shapes: the environments it lists and the spec of one of them.
import { z } from "zod";
import { luauScriptSchema, terrainSpecSchema } from "./agents";
import { idSchema, isoDate, queryNumber } from "./common";
import { contentStatusSchema } from "./content";
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
  .meta({ id: "EnvironmentSpec" });
export type EnvironmentSpec = z.infer<typeof environmentSpecSchema>;
