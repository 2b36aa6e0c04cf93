// What anyone may learn of the platform's health: alive or not, nothing about the deployment.
import { z } from "zod";

export const livenessSchema = z
  .object({ status: z.literal("ok") })
  .meta({ id: "Liveness", examples: [{ status: "ok" }] });
