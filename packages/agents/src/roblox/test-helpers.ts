// Shared by the roblox tests: a realistic environment with hard-to-quote text, and a tiny reader
// that turns Lua table constructors back into JavaScript values.
import { type RobloxEnvironment, type RobloxEnvironmentInput, robloxEnvironmentSchema } from "@toolboxai/validators";
import luaparse from "luaparse";

/** Text a generator could well produce: quotes, newlines, `]]`, emoji, backslashes, tabs, accents. */
export const TRICKY = 'Say "hi" \\ then ]] and [[ or ]=] 🌱🌞\nLine two\r\n\tTabbed — café';

export const environmentInput: RobloxEnvironmentInput = {
  terrain: {
    name: "Photosynthesis Lab",
    description: "A sunny greenhouse island where students follow light, water and CO2 into a leaf.",
    baseMaterial: "Grass",
    size: { x: 512, z: 384 },
    regions: [
      {
        shape: "block",
        name: "Pond",
        material: "Water",
        center: { x: 40, y: -2, z: -30 },
        size: { x: 48, y: 8, z: 32 },
      },
      { shape: "block", name: "Path", material: "Sand", center: { x: 0, y: 0.5, z: 0 }, size: { x: 8, y: 1, z: 160 } },
      { shape: "ball", name: "Boulder", material: "Rock", center: { x: -60, y: 4, z: 50 }, radius: 10 },
      {
        shape: "block",
        name: "Mud flat",
        material: "Mud",
        center: { x: -40, y: 0, z: -60 },
        size: { x: 30, y: 2, z: 20 },
      },
      { shape: "ball", name: "Hill", material: "LeafyGrass", center: { x: 90, y: -10, z: 90 }, radius: 36.5 },
    ],
    props: [
      { name: "Old oak", kind: "tree", position: { x: 20, y: 0, z: 20 } },
      { name: 'Sign: "Welcome" 🌱', kind: "sign", position: { x: 0, y: 0, z: -70 } },
      { name: "Lab bench", kind: "table", position: { x: -12, y: 0, z: 8 } },
      { name: "Grow lamp", kind: "lamp", position: { x: -14, y: 0, z: 12 } },
      { name: "Beaker of water", kind: "container", position: { x: -11, y: 3.5, z: 8 } },
      { name: "Fern", kind: "plant", position: { x: 6, y: 0, z: 30 } },
      { name: "Granite", kind: "rock", position: { x: -30, y: 0, z: -10 } },
    ],
    spawnPoints: [
      { name: "Dock", position: { x: 0, y: 0, z: -80 } },
      { name: "Greenhouse door", position: { x: 10, y: 0, z: 0 } },
    ],
    stations: [
      {
        id: "SunlightIntro",
        name: "Where energy starts ☀️",
        kind: "info",
        position: { x: 0, y: 0, z: -50 },
        prompt: `Plants turn light into food.\nRead the "energy" sign. ${TRICKY}`,
        questionIndex: null,
      },
      {
        id: "LeafQuiz",
        name: 'The "leaf" quiz',
        kind: "quiz",
        position: { x: 10, y: 0, z: -20 },
        prompt: "Which part of the cell captures light?",
        questionIndex: 0,
      },
      {
        id: "GasQuiz",
        name: "Gases in and out",
        kind: "quiz",
        position: { x: 20, y: 0, z: 0 },
        prompt: "Pick every gas a leaf takes in during the day.",
        questionIndex: 1,
      },
      {
        id: "TrueOrFalse",
        name: "Night time",
        kind: "quiz",
        position: { x: 30, y: 0, z: 10 },
        prompt: "Think about the dark.",
        questionIndex: 2,
      },
      {
        id: "PigmentQuiz",
        name: "Green pigment",
        kind: "quiz",
        position: { x: 40, y: 0, z: 20 },
        prompt: "Name the molecule.",
        questionIndex: 3,
      },
      {
        id: "WavelengthQuiz",
        name: "Red light",
        kind: "quiz",
        position: { x: 50, y: 0, z: 30 },
        prompt: "Use the spectrum chart.",
        questionIndex: 4,
      },
      {
        id: "BeakerExperiment",
        name: "Bubbles in the beaker",
        kind: "experiment",
        position: { x: -10, y: 0, z: 10 },
        prompt: "Move the lamp closer and count the bubbles\\second. What changes?",
        questionIndex: null,
      },
    ],
  },
  scripts: [
    {
      name: "DayNightCycle",
      kind: "server",
      purpose: "Moves the sun across the sky so students can compare day and night.",
      source:
        'local Lighting = game:GetService("Lighting")\nwhile true do\n\tLighting.ClockTime = (Lighting.ClockTime + 0.05) % 24\n\ttask.wait(1)\nend',
    },
    {
      name: "PlantFacts",
      kind: "module",
      purpose: "Short facts the hint script shows.",
      source:
        'return {\n\t"Leaves are green because they reflect green light.",\n\t"Stomata open to let gases in and out.",\n}',
    },
    {
      name: "Hints",
      kind: "client",
      purpose: "Shows a random plant fact every minute.",
      source:
        'local PlantFacts = require(game:GetService("ReplicatedStorage"):WaitForChild("Shared"):WaitForChild("PlantFacts"))\nwhile true do\n\tprint(PlantFacts[math.random(1, #PlantFacts)])\n\ttask.wait(60)\nend',
    },
    {
      name: "QuizData",
      kind: "module",
      purpose: "A clash with the built-in module name, to be renamed.",
      source: "return {}",
    },
    {
      name: "init",
      kind: "server",
      purpose: "A name Rojo would treat as the folder itself, to be renamed.",
      source: 'print("hello")',
    },
  ],
  checkpoints: [
    {
      stationId: "LeafQuiz",
      prompt: `Look closely at the leaf cell. ${TRICKY}`,
      question: {
        type: "SINGLE_CHOICE",
        prompt: 'Which organelle does photosynthesis? (a "green" one)',
        points: 2,
        explanation: "Chloroplasts hold the pigments that capture light.",
        options: [
          { id: "mito", text: "Mitochondrion" },
          { id: "chloro", text: "Chloroplast 🌿" },
          { id: "nuc", text: "Nucleus \\ core" },
        ],
        answer: { correct: ["chloro"] },
      },
    },
    {
      stationId: "GasQuiz",
      prompt: "Gases move through the stomata.",
      question: {
        type: "MULTIPLE_CHOICE",
        prompt: "Which gases does a leaf take in during the day?",
        options: [
          { id: "co2", text: "Carbon dioxide" },
          { id: "o2", text: "Oxygen" },
          { id: "n2", text: "Nitrogen" },
          { id: "h2o", text: "Water vapour" },
        ],
        answer: { correct: ["co2", "h2o"] },
      },
    },
    {
      stationId: "TrueOrFalse",
      prompt: "Night falls on the island.",
      question: {
        type: "TRUE_FALSE",
        prompt: "Plants keep doing photosynthesis in complete darkness.",
        answer: { value: false },
      },
    },
    {
      stationId: "PigmentQuiz",
      prompt: "This molecule makes leaves look green.",
      question: {
        type: "SHORT_ANSWER",
        prompt: "What is the green pigment called?",
        explanation: "It absorbs red and blue light and reflects green.",
        answer: { accepted: ["Chlorophyll", "Chlorophyll A"], caseSensitive: false },
      },
    },
    {
      stationId: "WavelengthQuiz",
      prompt: "Red light is absorbed strongly.",
      question: {
        type: "NUMERIC",
        prompt: "At about what wavelength (in nm) does the pigment absorb red light most?",
        answer: { value: 662.5, tolerance: 7.25 },
      },
    },
  ],
};

export const environment: RobloxEnvironment = robloxEnvironmentSchema.parse(environmentInput);

/** The same environment with every answer key (and explanation) changed. */
export function withOtherAnswers(env: RobloxEnvironment): RobloxEnvironment {
  const copy = structuredClone(env);
  for (const checkpoint of copy.checkpoints) {
    const q = checkpoint.question;
    q.explanation = "A different explanation entirely.";
    if (q.type === "SINGLE_CHOICE") q.answer.correct = [q.options[0]?.id ?? "x"];
    if (q.type === "MULTIPLE_CHOICE") q.answer.correct = q.options.map((o) => o.id);
    if (q.type === "TRUE_FALSE") q.answer.value = !q.answer.value;
    if (q.type === "SHORT_ANSWER") q.answer = { accepted: ["stomata"], caseSensitive: true };
    if (q.type === "NUMERIC") q.answer = { value: -1, tolerance: 0 };
  }
  return robloxEnvironmentSchema.parse(copy);
}

// --- Reading Lua back ----------------------------------------------------------------------

/** A Lua value read back from a table constructor; calls such as `Vector3.new(1, 2, 3)` become `{ call, args }`. */
export type LuaRead = string | number | boolean | null | LuaRead[] | { [key: string]: LuaRead };

type Node = { type: string; [key: string]: unknown };

const latin1Decoder = new TextDecoder("utf-8", { fatal: true });

/** Parses Lua 5.1 with string values decoded as bytes (pseudo-latin1), for `readLua`. */
export function parseLua(source: string): Node {
  return luaparse.parse(source, { luaVersion: "5.1", encodingMode: "pseudo-latin1" }) as unknown as Node;
}

function stringValue(node: Node): string {
  const bytes = Uint8Array.from(String(node.value), (c) => c.charCodeAt(0));
  return latin1Decoder.decode(bytes);
}

function calleeName(node: Node): string {
  if (node.type === "Identifier") return String(node.name);
  if (node.type === "MemberExpression")
    return `${calleeName(node.base as Node)}${node.indexer}${(node.identifier as Node).name}`;
  return node.type;
}

/** Turns a literal expression (tables, strings, numbers, booleans, nil, simple calls) into a value. */
export function readLua(node: Node): LuaRead {
  switch (node.type) {
    case "StringLiteral":
      return stringValue(node);
    case "NumericLiteral":
      return node.value as number;
    case "BooleanLiteral":
      return node.value as boolean;
    case "NilLiteral":
      return null;
    case "UnaryExpression":
      if (node.operator === "-") return -(readLua(node.argument as Node) as number);
      break;
    case "CallExpression":
      return { call: calleeName(node.base as Node), args: (node.arguments as Node[]).map(readLua) };
    case "TableConstructorExpression": {
      const fields = node.fields as Node[];
      if (fields.every((f) => f.type === "TableValue")) return fields.map((f) => readLua(f.value as Node));
      const out: { [key: string]: LuaRead } = {};
      for (const f of fields) {
        if (f.type === "TableKeyString") out[String((f.key as Node).name)] = readLua(f.value as Node);
        else if (f.type === "TableKey") out[String(readLua(f.key as Node))] = readLua(f.value as Node);
        else throw new Error("Mixed list and record table");
      }
      return out;
    }
  }
  throw new Error(`Cannot read a ${node.type} as a value`);
}

/** The value a module returns (`return <table>` as its last statement). */
export function readReturnedValue(source: string): LuaRead {
  const body = parseLua(source).body as Node[];
  const last = body.at(-1);
  if (last?.type !== "ReturnStatement") throw new Error("The module does not end in a return");
  return readLua((last.arguments as Node[])[0] as Node);
}

/** The value of a top-level `local NAME = <table>` in a script. */
export function readLocal(source: string, name: string): LuaRead {
  for (const statement of parseLua(source).body as Node[]) {
    if (statement.type !== "LocalStatement") continue;
    const index = (statement.variables as Node[]).findIndex((v) => v.name === name);
    if (index >= 0) return readLua((statement.init as Node[])[index] as Node);
  }
  throw new Error(`No local ${name}`);
}
