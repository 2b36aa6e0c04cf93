// The AI agents' shapes: the teacher's generate request, each agent's output, and the task views.
// Agent outputs are also what the model is asked to produce (as JSON Schema, from these), so they
// stay plain: objects, arrays, strings, numbers, enums; no transforms.
import { z } from "zod";
import { gradeLevelSchema, subjectSchema } from "./classes";
import { idSchema, isoDate, queryNumber } from "./common";
import { questionSchema } from "./questions";
import { catalogSubjects } from "./subjects";
import { textSchema } from "./text";

// --- The request -----------------------------------------------------------------------------

export const readingLevels = ["EMERGING", "ON_GRADE", "ADVANCED"] as const;
export const readingLevelSchema = z.enum(readingLevels);
export type ReadingLevel = z.infer<typeof readingLevelSchema>;

/** A curriculum standard code such as `MS-LS1-6` or `CCSS.MATH.CONTENT.7.RP.A.2`. */
export const standardCodeSchema = textSchema
  .trim()
  .min(2, "Enter a standard code")
  .max(60, "A standard code is at most 60 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9.\-_:/ ]*$/, "Use letters, digits, dots and dashes, e.g. MS-LS1-6");

export const generationParts = ["lesson", "quiz", "environment"] as const;
export const generationPartSchema = z.enum(generationParts);
export type GenerationPart = z.infer<typeof generationPartSchema>;

export const generateRequestSchema = z
  .object({
    topic: textSchema
      .trim()
      .min(3, "Describe the topic in a few words")
      .max(200, "Keep the topic under 200 characters"),
    subject: subjectSchema,
    gradeLevel: gradeLevelSchema,
    durationMinutes: z
      .number({ error: "Enter the lesson length in minutes" })
      .int("Use whole minutes")
      .min(10, "At least 10 minutes")
      .max(180, "At most 180 minutes")
      .default(40),
    readingLevel: readingLevelSchema.default("ON_GRADE"),
    standards: z
      .array(standardCodeSchema)
      .max(10, "Pick at most 10 standards")
      .default([])
      .transform((codes) => [...new Set(codes.map((c) => c.toUpperCase()))]),
    parts: z
      .array(generationPartSchema)
      .min(1, "Choose at least one part to generate")
      .transform((parts) => generationParts.filter((p) => parts.includes(p))),
    questionCount: z.number().int().min(3, "At least 3 questions").max(20, "At most 20 questions").default(5),
    notes: textSchema.trim().max(1000, "Notes are at most 1,000 characters").default(""),
  })
  .meta({
    examples: [
      {
        topic: "Plate tectonics",
        subject: "Science",
        gradeLevel: "7",
        durationMinutes: 45,
        readingLevel: "ON_GRADE",
        standards: ["MS-ESS2-3"],
        parts: ["lesson", "quiz", "environment"],
        questionCount: 5,
        notes: "Include a hands-on model of a subduction zone.",
      },
    ],
  });
export type GenerateRequestInput = z.input<typeof generateRequestSchema>;
export type GenerateRequest = z.output<typeof generateRequestSchema>;

/** A task's request as it reads back (the request after parsing: no transforms, so REST can document it). */
export const generateRequestViewSchema = z
  .object({
    topic: z.string(),
    subject: z.string(),
    gradeLevel: gradeLevelSchema,
    durationMinutes: z.number().int(),
    readingLevel: readingLevelSchema,
    standards: z.array(z.string()),
    parts: z.array(generationPartSchema),
    questionCount: z.number().int(),
    notes: z.string(),
  })
  .meta({
    id: "GenerateRequestView",
    examples: [
      {
        topic: "Plate tectonics",
        subject: "Science",
        gradeLevel: "7",
        durationMinutes: 45,
        readingLevel: "ON_GRADE",
        standards: ["MS-ESS2-3"],
        parts: ["lesson", "quiz", "environment"],
        questionCount: 5,
        notes: "Include a hands-on model of a subduction zone.",
      },
    ],
  });

// --- Agent outputs -----------------------------------------------------------------------------

export const agentNames = ["supervisor", "content", "quiz", "terrain", "script", "standards", "review"] as const;
export const agentNameSchema = z.enum(agentNames);
export type AgentName = z.infer<typeof agentNameSchema>;

/** The supervisor's outline: what the lesson must achieve, and the steps it proposes. */
export const outlineSchema = z.object({
  title: textSchema.min(1).max(200),
  summary: textSchema.min(1).max(2000),
  objectives: z.array(textSchema.min(1).max(300)).min(1).max(8),
  vocabulary: z.array(z.object({ term: textSchema.min(1).max(80), definition: textSchema.min(1).max(400) })).max(20),
  steps: z
    .array(z.object({ agent: agentNameSchema, purpose: textSchema.min(1).max(300) }))
    .min(1)
    .max(12),
});
export type Outline = z.infer<typeof outlineSchema>;

export const lessonDraftSchema = z.object({
  title: textSchema.min(1).max(200),
  description: textSchema.max(2000),
  sections: z
    .array(
      z.object({
        heading: textSchema.min(1).max(200),
        /** Markdown; the reader renders it. */
        markdown: textSchema.min(1).max(20_000),
        minutes: z.number().int().min(1).max(180),
      }),
    )
    .min(2)
    .max(12),
});
export type LessonDraft = z.infer<typeof lessonDraftSchema>;

export const quizDraftSchema = z.object({
  title: textSchema.min(1).max(200),
  instructions: textSchema.max(5000),
  /** Each question must pass the teaching core's answer-key checks. */
  questions: z.array(questionSchema).min(1).max(20),
});
export type QuizDraftInput = z.input<typeof quizDraftSchema>;
export type QuizDraft = z.output<typeof quizDraftSchema>;

export const robloxMaterials = [
  "Grass",
  "Ground",
  "Sand",
  "Rock",
  "Water",
  "Mud",
  "Snow",
  "Ice",
  "Slate",
  "LeafyGrass",
  "Basalt",
  "Sandstone",
] as const;
export const robloxMaterialSchema = z.enum(robloxMaterials);

const vector3Schema = z.object({
  x: z.number().min(-2048).max(2048),
  y: z.number().min(-512).max(512),
  z: z.number().min(-2048).max(2048),
});
export type Vector3 = z.infer<typeof vector3Schema>;
const sizeSchema = z.object({
  x: z.number().min(1).max(2048),
  y: z.number().min(1).max(512),
  z: z.number().min(1).max(2048),
});

/** Lua identifiers for names that become script or instance names. */
const luaNameSchema = textSchema.regex(
  /^[A-Za-z][A-Za-z0-9_]{0,39}$/,
  "Use a Lua-style name: a letter, then letters, digits or _",
);

export const terrainRegionSchema = z.discriminatedUnion("shape", [
  z.object({
    shape: z.literal("block"),
    name: textSchema.min(1).max(80),
    material: robloxMaterialSchema,
    center: vector3Schema,
    size: sizeSchema,
  }),
  z.object({
    shape: z.literal("ball"),
    name: textSchema.min(1).max(80),
    material: robloxMaterialSchema,
    center: vector3Schema,
    radius: z.number().min(1).max(512),
  }),
]);
export type TerrainRegion = z.infer<typeof terrainRegionSchema>;

export const stationKinds = ["info", "quiz", "experiment"] as const;

export const terrainSpecSchema = z.object({
  name: textSchema.min(1).max(100),
  description: textSchema.max(2000),
  /** The ground plate every region sits on. */
  baseMaterial: robloxMaterialSchema,
  size: z.object({ x: z.number().min(64).max(2048), z: z.number().min(64).max(2048) }),
  regions: z.array(terrainRegionSchema).max(40),
  props: z
    .array(
      z.object({
        name: textSchema.min(1).max(80),
        kind: z.enum(["tree", "rock", "sign", "table", "lamp", "plant", "container"]),
        position: vector3Schema,
      }),
    )
    .max(60),
  spawnPoints: z
    .array(z.object({ name: textSchema.min(1).max(80), position: vector3Schema }))
    .min(1)
    .max(10),
  stations: z
    .array(
      z.object({
        id: luaNameSchema,
        name: textSchema.min(1).max(80),
        kind: z.enum(stationKinds),
        position: vector3Schema,
        /** What a student reads or is asked at the station. */
        prompt: textSchema.min(1).max(1000),
        /** For quiz stations: the index of the quiz question it checks (0-based), or null. */
        questionIndex: z.number().int().min(0).max(19).nullable(),
      }),
    )
    .min(1)
    .max(20),
});
export type TerrainSpec = z.infer<typeof terrainSpecSchema>;

export const scriptKinds = ["server", "client", "module"] as const;
export const luauScriptSchema = z.object({
  /** The file's base name (`StationPrompts` -> `StationPrompts.server.luau`). */
  name: luaNameSchema,
  kind: z.enum(scriptKinds),
  /** What the script does, for the teacher. */
  purpose: textSchema.min(1).max(500),
  /** Luau in the Lua 5.1 subset, so it parses with a Lua 5.1 parser. */
  source: textSchema.min(1).max(50_000),
});
export type LuauScript = z.infer<typeof luauScriptSchema>;
export const scriptBundleSchema = z.object({ scripts: z.array(luauScriptSchema).min(1).max(20) });
export type ScriptBundle = z.infer<typeof scriptBundleSchema>;

export const standardsAlignmentSchema = z.object({
  alignments: z
    .array(
      z.object({
        code: standardCodeSchema,
        description: textSchema.min(1).max(500),
        coveredBy: z.array(generationPartSchema).min(1),
        evidence: textSchema.min(1).max(1000),
        strength: z.enum(["strong", "partial", "weak"]),
      }),
    )
    .max(20),
});
export type StandardsAlignment = z.infer<typeof standardsAlignmentSchema>;

export const reviewCategories = ["age", "accuracy", "accessibility", "privacy"] as const;
export const reviewFindingSchema = z.object({
  severity: z.enum(["info", "warning", "blocker"]),
  category: z.enum(reviewCategories),
  /** The part the finding is about. */
  part: generationPartSchema,
  message: textSchema.min(1).max(1000),
});
export type ReviewFinding = z.infer<typeof reviewFindingSchema>;
export const reviewReportSchema = z.object({
  verdict: z.enum(["approved", "revise"]),
  summary: textSchema.min(1).max(2000),
  findings: z.array(reviewFindingSchema).max(40),
  /** When the verdict is `revise`: the agent to send back, once, with these findings. */
  revise: z
    .object({ agent: z.enum(["content", "quiz", "terrain", "script"]), instructions: textSchema.min(1).max(2000) })
    .nullable(),
});
export type ReviewReport = z.infer<typeof reviewReportSchema>;

/** A Roblox learning environment as stored in an ENVIRONMENT content item's body. */
export const robloxEnvironmentSchema = z.object({
  terrain: terrainSpecSchema,
  scripts: z.array(luauScriptSchema).max(20),
  /** Quiz questions placed at the quiz stations (answer keys stay on the server side of the place). */
  checkpoints: z
    .array(z.object({ stationId: luaNameSchema, prompt: textSchema.min(1).max(5000), question: questionSchema }))
    .max(20)
    .default([]),
});
export type RobloxEnvironmentInput = z.input<typeof robloxEnvironmentSchema>;
export type RobloxEnvironment = z.output<typeof robloxEnvironmentSchema>;

// --- Tasks ---------------------------------------------------------------------------------------

export const agentTaskStatuses = ["QUEUED", "PROCESSING", "RETRYING", "COMPLETED", "FAILED", "CANCELLED"] as const;
export const agentTaskStatusSchema = z.enum(agentTaskStatuses);
export type AgentTaskStatus = z.infer<typeof agentTaskStatusSchema>;
export const agentExecutionStatuses = ["RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export const agentExecutionStatusSchema = z.enum(agentExecutionStatuses);

export const taskIdSchema = z.object({ taskId: idSchema });
export const taskListInputSchema = z.object({
  status: agentTaskStatusSchema.optional(),
  cursor: textSchema.max(200).nullish(),
  limit: queryNumber(z.number().int().min(1).max(50)).default(20),
});
export type TaskListInput = z.input<typeof taskListInputSchema>;

/** What a finished task made: one content item per part, with the evidence behind it. */
export const taskResultSchema = z.object({
  items: z.array(
    z.object({
      part: generationPartSchema,
      contentId: z.string(),
      type: z.enum(["LESSON", "QUIZ", "ENVIRONMENT"]),
      title: z.string(),
      /** The plan step and agent whose output became this item. */
      step: z.string(),
      agent: agentNameSchema,
      findings: z.array(reviewFindingSchema),
      answerKeyCheck: z
        .object({ checked: z.number().int(), valid: z.number().int(), problems: z.array(z.string()) })
        .nullable(),
      scriptCheck: z
        .object({ checked: z.number().int(), parsed: z.number().int(), problems: z.array(z.string()) })
        .nullable(),
      standards: z.array(z.object({ code: z.string(), strength: z.string(), evidence: z.string() })),
    }),
  ),
  review: z
    .object({ verdict: z.enum(["approved", "revise"]), summary: z.string(), revised: z.array(z.string()) })
    .nullable(),
});
export type TaskResult = z.infer<typeof taskResultSchema>;

export const agentExecutionViewSchema = z.object({
  id: z.string(),
  step: z.string(),
  agent: agentNameSchema,
  status: agentExecutionStatusSchema,
  provider: z.string(),
  model: z.string(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  cached: z.boolean(),
  calls: z.number().int(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  startedAt: isoDate(),
  finishedAt: isoDate().nullable(),
});
export type AgentExecutionView = z.infer<typeof agentExecutionViewSchema>;

export const agentTaskSummarySchema = z
  .object({
    id: z.string(),
    topic: z.string(),
    subject: z.string(),
    gradeLevel: z.string(),
    parts: z.array(generationPartSchema),
    status: agentTaskStatusSchema,
    progress: z.number().int(),
    currentStep: z.string().nullable(),
    provider: z.string(),
    model: z.string(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    createdAt: isoDate(),
    startedAt: isoDate().nullable(),
    finishedAt: isoDate().nullable(),
  })
  .meta({
    id: "AgentTask",
    examples: [
      {
        id: "cm4task0000000000000000",
        topic: "Photosynthesis",
        subject: "Science",
        gradeLevel: "7",
        parts: ["lesson", "quiz"],
        status: "QUEUED",
        progress: 0,
        currentStep: null,
        provider: "offline",
        model: "offline-drafts-v1",
        error: null,
        attempts: 0,
        createdAt: "2026-01-05T09:00:00.000Z",
        startedAt: null,
        finishedAt: null,
      },
    ],
  });
export type AgentTaskSummary = z.infer<typeof agentTaskSummarySchema>;

export const agentTaskDetailSchema = agentTaskSummarySchema.extend({
  request: generateRequestViewSchema,
  plan: z.array(z.object({ step: z.string(), agent: agentNameSchema, purpose: z.string() })),
  executions: z.array(agentExecutionViewSchema),
  result: taskResultSchema.nullable(),
});
export type AgentTaskDetail = z.infer<typeof agentTaskDetailSchema>;

export const agentTaskListSchema = z.object({
  items: z.array(agentTaskSummarySchema),
  nextCursor: z.string().nullable(),
});

const breakerStateSchema = z.enum(["closed", "open", "half-open"]);

/** The agents' health, shown next to the Generate form and in the admin panel. */
export const agentStatusSchema = z.object({
  provider: z.string(),
  model: z.string(),
  offline: z.boolean(),
  queue: z.enum(["in-process", "bullmq"]),
  /** Null when the queue could not be read (Redis unreachable): the status itself never fails. */
  counts: z
    .object({
      waiting: z.number().int(),
      active: z.number().int(),
      delayed: z.number().int(),
      completed: z.number().int(),
      failed: z.number().int(),
    })
    .nullable(),
  /** The worst circuit-breaker state among the processes that run tasks. */
  breaker: breakerStateSchema,
  /**
   * The processes that run tasks (the web server, apps/worker instances), each with its own
   * breaker; empty with Redis when no worker runs; null when it could not be read.
   */
  processes: z
    .array(z.object({ name: z.string(), role: z.enum(["web", "worker"]), breaker: breakerStateSchema }))
    .nullable(),
  cache: z.object({ hits: z.number().int(), misses: z.number().int() }).nullable(),
});
export type AgentStatusView = z.infer<typeof agentStatusSchema>;

/** One standard of the built-in catalog, as the Generate form's standards picker shows it. */
export const catalogStandardSchema = z.object({
  code: standardCodeSchema,
  subject: z.enum(catalogSubjects),
  grades: z.array(gradeLevelSchema).min(1),
  description: z.string().min(1),
});
export type CatalogStandardView = z.infer<typeof catalogStandardSchema>;
export const standardsCatalogSchema = z.object({ standards: z.array(catalogStandardSchema) });
export type StandardsCatalogView = z.infer<typeof standardsCatalogSchema>;
