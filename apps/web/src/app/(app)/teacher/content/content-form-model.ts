// The content form's model: its values (from the same createContentSchema the router validates
// with), the empty values a new item starts from, and the mappings between a stored item and the
// form (and back, as the update a save sends).
import {
  type ContentDetail,
  type ContentSummary,
  contentBodySchemas,
  type createContentSchema,
  type gradeLevels,
  type UpdateContentInput,
} from "@toolboxai/validators";
import type { z } from "zod";

export type ContentFormValues = z.input<typeof createContentSchema>;
export type ContentFormOutput = z.output<typeof createContentSchema>;
export type LessonValues = Extract<ContentFormValues, { type: "LESSON" }>;
export type ActivityValues = Extract<ContentFormValues, { type: "ACTIVITY" }>;
export type QuizValues = Extract<ContentFormValues, { type: "QUIZ" }>;
export type EnvironmentValues = Extract<ContentFormValues, { type: "ENVIRONMENT" }>;
export type GradeLevel = (typeof gradeLevels)[number];

/** The most questions a quiz holds (its fixed list, or a draw). */
export const MAX_QUIZ_QUESTIONS = 100;

/** How students get a quiz's questions when it draws them at random (null: the fixed list). */
export interface QuizDraw {
  tag: string;
  count: number;
  avoidRepeats: boolean;
}

/** A stable id for a new section or step (randomUUID needs a secure context; plain http falls back). */
export const newId = () =>
  typeof crypto.randomUUID === "function"
    ? crypto.randomUUID().slice(0, 12)
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export function emptyBody(type: ContentSummary["type"]): ContentFormValues["body"] {
  switch (type) {
    case "LESSON":
      return { sections: [{ id: newId(), heading: "", markdown: "", media: [] }] };
    case "ACTIVITY":
      return { instructions: "", steps: [{ id: newId(), text: "" }] };
    case "QUIZ":
      return { instructions: "", draw: null };
    case "ENVIRONMENT":
      return starterEnvironment();
  }
}

/**
 * A small valid environment to start from by hand: a grass plate, one spawn point, one info
 * station and one server script (Lua 5.1 syntax, so the script check parses it), no checkpoints.
 */
function starterEnvironment(): EnvironmentValues["body"] {
  return {
    terrain: {
      name: "Learning space",
      description: "An open grass field with a welcome station.",
      baseMaterial: "Grass",
      size: { x: 256, z: 256 },
      regions: [],
      props: [],
      spawnPoints: [{ name: "Start", position: { x: 0, y: 5, z: 0 } }],
      stations: [
        {
          id: "Welcome",
          name: "Welcome",
          kind: "info",
          position: { x: 0, y: 3, z: 24 },
          prompt: "Welcome! Walk to each station and read what it says.",
          questionIndex: null,
        },
      ],
    },
    scripts: [
      {
        name: "Welcome",
        kind: "server",
        purpose: "Greets each student who joins.",
        source: [
          'local Players = game:GetService("Players")',
          "",
          "Players.PlayerAdded:Connect(function(player)",
          '  print("Welcome, " .. player.Name .. "!")',
          "end)",
          "",
        ].join("\n"),
      },
    ],
    checkpoints: [],
  };
}

/** The form's values for a new item of a type. */
export function emptyContent(type: ContentSummary["type"]): ContentFormValues {
  return {
    type,
    title: "",
    description: "",
    subject: "",
    gradeLevel: "" as GradeLevel,
    tags: [],
    body: emptyBody(type),
  } as ContentFormValues;
}

/** The form's values for a stored item; a body that no longer fits its type starts empty. */
export function fromContent(item: ContentDetail): ContentFormValues {
  const body = contentBodySchemas[item.type].safeParse(item.body);
  return {
    type: item.type,
    title: item.title,
    description: item.description,
    subject: item.subject,
    gradeLevel: item.gradeLevel as GradeLevel,
    tags: item.tags,
    body: body.success ? body.data : emptyBody(item.type),
  } as ContentFormValues;
}

/** The draw settings stored in a quiz body (null: the fixed list is used, also for a body that doesn't parse). */
export function storedQuizDraw(body: unknown): QuizDraw | null {
  const parsed = contentBodySchemas.QUIZ.safeParse(body);
  return parsed.success ? parsed.data.draw : null;
}

/**
 * The update a save of the form sends: a new version of `item`, from the version the form
 * started from. A quiz's draw settings belong to the Questions card, so the stored ones are kept.
 */
export function toInput(item: ContentDetail, { type: _type, ...values }: ContentFormOutput): UpdateContentInput {
  const body = item.type === "QUIZ" ? { ...(values.body as object), draw: storedQuizDraw(item.body) } : values.body;
  return { contentId: item.id, expectedVersion: item.version, ...values, body };
}

/** The update that saves new draw settings into the stored quiz `item` (everything else as stored). */
export function withQuizDraw(item: ContentDetail, draw: QuizDraw | null): UpdateContentInput {
  const { type: _type, body, ...fields } = fromContent(item);
  return { contentId: item.id, expectedVersion: item.version, ...fields, body: { ...(body as object), draw } };
}
