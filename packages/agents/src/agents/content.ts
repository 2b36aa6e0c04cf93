// The content agent: writes the lesson, section by section, fitted to the grade, the reading level
// and the lesson's length (the sections' minutes add up to the duration).
import {
  type GenerateRequest,
  type LessonDraft,
  lessonDraftSchema,
  type Outline,
  outlineSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import type { AgentDefinition } from "../types";
import { clean, lessonFindings } from "./findings";
import {
  allocateMinutes,
  definitionOf,
  glossaryOf,
  pick,
  type SectionKind,
  type Style,
  sectionPlan,
  type TopicInfo,
  topicDefinition,
  topicInfo,
} from "./kit";
import {
  describeRequest,
  draftInputSchema,
  gradeLabel,
  inputBlock,
  normalized,
  readingLevelText,
  revisionText,
  systemPrompt,
} from "./prompt";
import { clip, scrubText } from "./text";

export const contentInputSchema = draftInputSchema({ outline: outlineSchema }, lessonDraftSchema);
export type ContentInput = z.infer<typeof contentInputSchema>;

interface Ctx {
  request: GenerateRequest;
  outline: Outline;
  info: TopicInfo;
  style: Style;
  env: boolean;
  quiz: boolean;
}

const lines = (...parts: (string | false | null | undefined)[]) =>
  parts.filter((p) => typeof p === "string").join("\n");

function vocabularyTable(ctx: Ctx): string {
  const rows = ctx.outline.vocabulary.length
    ? ctx.outline.vocabulary.slice(0, 6).map((v) => ({ term: v.term, definition: v.definition }))
    : glossaryOf(ctx.info.domain)
        .slice(0, 4)
        .map((g) => ({ term: g.term, definition: definitionOf(g, ctx.style) }));
  const header = ctx.style === "simple" ? "| Word | What it means |" : "| Term | Meaning |";
  return [
    header,
    "| --- | --- |",
    ...rows.map((r) => `| **${r.term.replace(/\|/g, "/")}** | ${r.definition.replace(/\|/g, "/")} |`),
  ].join("\n");
}

function facts(ctx: Ctx): string {
  const f = ctx.info.facts;
  if (!f) return "";
  return lines(
    ctx.style === "simple" ? "**Two facts to share:**" : "**Key facts:**",
    `- ${f.facts[0]}`,
    `- ${f.facts[1]}`,
    "",
  );
}

const ACTIVITY: Record<TopicInfo["domain"], { simple: string[]; standard: string[]; rich: string[] }> = {
  science: {
    simple: [
      "Work with a partner.",
      "Look closely at the materials or pictures.",
      "Draw what you see.",
      "Talk about what changed and why.",
    ],
    standard: [
      "In pairs, students make a prediction, then observe a short demonstration or simulation.",
      "They record observations in a two-column chart: what we saw, what it means.",
      "Pairs compare their notes with another pair and agree on one claim backed by evidence.",
    ],
    rich: [
      "Teams form a testable hypothesis and identify the independent and dependent variables.",
      "They collect observations from a demonstration or simulation in a structured data table.",
      "Each team writes a claim-evidence-reasoning statement and critiques another team's reasoning.",
    ],
  },
  math: {
    simple: [
      "Watch the teacher solve one problem.",
      "Solve the next one together.",
      "Try one with a partner.",
      "Use blocks or drawings to check.",
    ],
    standard: [
      "Model one worked example, thinking aloud about each step.",
      "Students solve a similar problem with a partner, then explain their strategy.",
      "Pairs check each answer with an estimate or a drawing.",
    ],
    rich: [
      "Present a worked example, then a second one that contains a deliberate error for students to find and correct.",
      "Pairs solve two problems of increasing complexity and justify each step.",
      "Volunteers compare strategies and discuss which is most efficient and why.",
    ],
  },
  ela: {
    simple: [
      "Listen as the teacher reads a short text aloud.",
      "Point to the words that tell about the topic.",
      "Tell a partner what the text is mostly about.",
    ],
    standard: [
      "Students read a short passage with a partner, one paragraph each.",
      "They underline the main idea and circle two supporting details.",
      "Pairs write a two-sentence summary in their own words.",
    ],
    rich: [
      "Students annotate a passage for the author's central claim and its supporting evidence.",
      "Pairs discuss how word choice and structure shape the reader's understanding.",
      "Each student drafts a short analytical paragraph that cites the text.",
    ],
  },
  social: {
    simple: [
      "Look at a picture or object from the past.",
      "Tell a partner what you see.",
      "Talk about who made it and why.",
    ],
    standard: [
      "Pairs examine two sources about the topic: one primary and one secondary.",
      "They note who made each source, when, and why.",
      "Pairs compare the two sources and list one way they agree and one way they differ.",
    ],
    rich: [
      "Teams analyze a primary and a secondary source, noting authorship, purpose and audience.",
      "They evaluate each source's reliability and perspective.",
      "Teams construct a short argument that uses both sources as evidence.",
    ],
  },
  general: {
    simple: ["Watch the teacher show the skill.", "Try it with a partner.", "Help each other and take turns."],
    standard: [
      "Model the skill step by step while students watch.",
      "Students practice in pairs, taking turns and giving each other feedback.",
      "Pairs share one tip that helped them.",
    ],
    rich: [
      "Demonstrate the skill and name the criteria for success.",
      "Students practice in pairs and give feedback against the criteria.",
      "Pairs reflect on which strategy made the biggest difference and why.",
    ],
  },
};

function heading(kind: SectionKind, ctx: Ctx): string {
  const T = ctx.info.Term;
  const s = ctx.style;
  switch (kind) {
    case "hook":
      return pick(s, {
        simple: "Warm-up",
        standard: `Warm-up: What Do We Notice About ${T}?`,
        rich: `Hook: Questioning ${T}`,
      });
    case "instruction":
      return pick(s, {
        simple: `Learn: ${T}`,
        standard: `Direct Instruction: What Is ${T}?`,
        rich: `Direct Instruction: Understanding ${T}`,
      });
    case "activity":
      return ctx.env
        ? pick(s, {
            simple: "Explore: Roblox Lab",
            standard: "Guided Practice: Roblox Lab Stations",
            rich: "Guided Inquiry: Roblox Lab Stations",
          })
        : pick(s, { simple: "Explore Together", standard: "Guided Practice", rich: "Guided Inquiry" });
    case "independent":
      return pick(s, {
        simple: "Try It on Your Own",
        standard: "Independent Practice",
        rich: "Independent Application",
      });
    case "discussion":
      return pick(s, {
        simple: "Talk It Over",
        standard: "Discussion and Movement Break",
        rich: "Structured Discussion",
      });
    case "check":
      return ctx.quiz
        ? pick(s, {
            simple: "Check: Quiz Time",
            standard: "Check for Understanding: Quiz",
            rich: "Formative Assessment: Quiz",
          })
        : pick(s, { simple: "Check", standard: "Check for Understanding", rich: "Formative Assessment" });
    case "wrap":
      return pick(s, { simple: "Wrap-up", standard: "Wrap-up and Exit Ticket", rich: "Synthesis and Exit Ticket" });
  }
}

function body(kind: SectionKind, ctx: Ctx, quizLater: boolean): string {
  const { info, style, request } = ctx;
  const t = info.term;
  switch (kind) {
    case "hook":
      return pick(style, {
        simple: lines(
          `**Goal:** Get students curious about ${t}.`,
          "",
          `- Show a picture or a real thing about ${t}.`,
          '- Ask: "What do you see? What do you wonder?"',
          "- Students talk with a partner.",
          "- Write their ideas on the board.",
          "",
          `**Say:** "Today we will learn about ${t}. Let's find out more!"`,
          info.notes ? `\n**Teacher's notes:** ${info.notes}` : null,
        ),
        standard: lines(
          `**Purpose:** Spark curiosity and find out what students already know about ${t}.`,
          "",
          `1. Show an image, a short clip or a real object linked to ${t}.`,
          '2. Ask: "What do you notice? What do you wonder?" Give one minute of quiet think time.',
          "3. Students share with a partner, then a few pairs share with the class.",
          '4. Record ideas in a "Know / Wonder" chart to revisit at the end.',
          "",
          "**Look for:** ideas students already have, and any mix-ups to clear up during the lesson.",
          info.notes ? `\n**Teacher's notes:** ${info.notes}` : null,
        ),
        rich: lines(
          `**Purpose:** Activate prior knowledge and surface misconceptions about ${t}.`,
          "",
          `1. Present a provocative image, data set or short clip connected to ${t}.`,
          '2. Pose the question: "What do you notice, and what might explain it?" Allow silent think time.',
          "3. Students discuss in pairs, then selected pairs share their explanations.",
          '4. Capture ideas in a "Know / Wonder / Learned" chart to revisit during the synthesis.',
          "",
          "**Listen for:** misconceptions to correct explicitly during instruction.",
          info.notes ? `\n**Teacher's notes:** ${info.notes}` : null,
        ),
      });
    case "instruction":
      return pick(style, {
        simple: lines(
          `**Big idea:** ${topicDefinition(info, "simple") ?? `Today we learn about ${t}. We will see it, say it and try it.`}`,
          "",
          facts(ctx),
          "**New words:**",
          "",
          vocabularyTable(ctx),
          "",
          "**Teacher:**",
          "- Say each new word. Students say it back.",
          "- Show a picture for each word.",
          `- Ask: "What is ${t}?" Students tell a partner.`,
        ),
        standard: lines(
          `**Key idea:** ${topicDefinition(info, "standard") ?? `Students learn what ${t} means in ${request.subject}, see worked examples and practice it.`}`,
          "",
          facts(ctx),
          "**Vocabulary:**",
          "",
          vocabularyTable(ctx),
          "",
          "**Teacher moves:**",
          `- Introduce ${t} with a short example, thinking aloud.`,
          "- Introduce each vocabulary word with a picture or gesture.",
          `- Pause: students explain ${t} to a partner in their own words.`,
          "",
          "**Objectives:**",
          ...ctx.outline.objectives.map((o) => `- ${o}`),
        ),
        rich: lines(
          `**Key concept:** ${topicDefinition(info, "rich") ?? `Students build a precise understanding of ${t} in ${request.subject}, examine examples and non-examples, and apply it.`}`,
          "",
          facts(ctx),
          "**Academic vocabulary:**",
          "",
          vocabularyTable(ctx),
          "",
          "**Instructional moves:**",
          `- Frame ${t} with an authentic example and model your reasoning aloud.`,
          "- Connect each vocabulary term to the example, inviting students to paraphrase.",
          `- Check comprehension: students articulate ${t} to a partner, then refine their explanation.`,
          "",
          "**Objectives:**",
          ...ctx.outline.objectives.map((o) => `- ${o}`),
        ),
      });
    case "activity": {
      const steps = ACTIVITY[info.domain][style];
      if (ctx.env) {
        return pick(style, {
          simple: lines(
            `**Roblox lab:** Students walk to stations to learn about ${t}.`,
            "",
            "1. Work in pairs. Share one device.",
            "2. Go to each sign. Press the button to read it.",
            "3. At the test station, try the task. Say what happens.",
            ctx.quiz ? "4. At the quiz stations, answer the question." : "4. Tell your partner one new thing.",
            "",
            '**Teacher:** Walk around. Ask: "What did you find out?"',
          ),
          standard: lines(
            `**Activity:** Students explore ${t} in the Roblox lab, moving between learning stations.`,
            "",
            "1. Students join the lab in pairs (one device per pair works well).",
            "2. At each information station, they read the prompt and note one new fact.",
            "3. At the experiment station, they follow the steps and record what happens.",
            ctx.quiz
              ? "4. At each quiz station, they answer the question shown on screen."
              : "4. Partners agree on one idea to share with the class.",
            "",
            '**Teacher:** Circulate and ask, "What evidence did you find?"',
            "**Support:** pair new readers with a reading buddy; the station text can be read aloud.",
            "**Challenge:** students explain how two stations connect.",
          ),
          rich: lines(
            `**Activity:** Students investigate ${t} in the Roblox lab, synthesizing information across stations.`,
            "",
            "1. Pairs join the lab and plan a route through the stations.",
            "2. At information stations, they record the central idea and one question it raises.",
            "3. At the experiment station, they predict, test and explain the outcome.",
            ctx.quiz
              ? "4. At quiz stations, they answer and justify each response."
              : "4. Pairs connect findings from at least two stations.",
            "",
            '**Teacher:** Circulate and probe reasoning: "How does this evidence support your claim?"',
            "**Support:** provide a sentence-starter card for recording observations.",
            "**Extension:** students design an additional station and justify its content.",
          ),
        });
      }
      return lines(
        pick(style, {
          simple: `**Activity:** Practice ${t} together.`,
          standard: `**Activity:** Students practice ${t} with guidance.`,
          rich: `**Activity:** Students apply ${t} with scaffolded guidance.`,
        }),
        "",
        ...steps.map((step, i) => `${i + 1}. ${step}`),
        "",
        pick(style, {
          simple: '**Teacher:** Walk around. Ask: "How do you know?"',
          standard: '**Teacher:** Circulate and ask, "How do you know?"',
          rich: '**Teacher:** Circulate, probing reasoning: "What is your evidence?"',
        }),
      );
    }
    case "independent":
      return pick(style, {
        simple: lines(`- Draw a picture about ${t}.`, "- Label it with one new word.", "- Share it with a friend."),
        standard: lines(
          `Students show what they know about ${t} on their own:`,
          "",
          `- Draw and label a diagram of ${t}, using at least two vocabulary words.`,
          "- Write two or three sentences that explain the diagram.",
          "- Early finishers write one question they still have.",
        ),
        rich: lines(
          `Students independently demonstrate their understanding of ${t}:`,
          "",
          "- Create an annotated diagram or concept map using the academic vocabulary.",
          "- Write a concise explanation connecting it to a real-world example.",
          "- Extension: pose and research a question that extends the lesson.",
        ),
      });
    case "discussion":
      return pick(style, {
        simple: lines(
          "- Stand up and stretch.",
          `- Go to a corner that shows your idea about ${t}.`,
          "- Tell the group why.",
        ),
        standard: lines(
          "**Four corners:** post four statements about the topic in the corners of the room.",
          "- Students stand by the statement they agree with most.",
          "- Each group explains its choice in one or two sentences.",
          "- Students may switch corners if they hear a convincing reason.",
        ),
        rich: lines(
          "**Structured discussion:** students move to one of four positions posted around the room.",
          "- Each group prepares a brief justification grounded in evidence.",
          "- Groups respond respectfully to one another's reasoning.",
          "- Students may change positions and explain what persuaded them.",
        ),
      });
    case "check":
      return ctx.quiz
        ? pick(style, {
            simple: lines(
              `- Students answer the ${request.questionCount}-question quiz.`,
              "- Read each question aloud if needed.",
              "- Go over the answers together.",
            ),
            standard: lines(
              `Students complete the ${request.questionCount}-question quiz on ${t}.`,
              "",
              "- Read questions aloud for students who need it.",
              "- Review the answers together, using the explanations in the answer key.",
              "- Note which questions were hardest to reteach tomorrow.",
            ),
            rich: lines(
              `Students complete the ${request.questionCount}-question quiz on ${t}.`,
              "",
              "- Offer read-aloud support where appropriate.",
              "- Debrief using the answer-key explanations, emphasizing the reasoning behind each answer.",
              "- Use the results to plan targeted reteaching.",
            ),
          })
        : pick(style, {
            simple: lines(
              "- Ask three quick questions.",
              "- Students show thumbs up or down.",
              "- Help anyone who is stuck.",
            ),
            standard: lines(
              "Ask three quick questions; students answer on mini whiteboards.",
              "",
              `1. What is ${t}?`,
              "2. Use one vocabulary word in a sentence.",
              "3. Give an example from today's activity.",
            ),
            rich: lines(
              "Pose three questions of increasing depth; students respond on mini whiteboards.",
              "",
              `1. Define ${t} in your own words.`,
              "2. Apply one academic term to a new example.",
              "3. Explain how today's evidence supports the key concept.",
            ),
          });
    case "wrap":
      return pick(style, {
        simple: lines(
          "- Look back at the ideas on the board.",
          "",
          "**Exit ticket:**",
          `1. Draw or write one thing about ${t}.`,
          "2. Use one new word.",
          quizLater ? `\n- Give the ${request.questionCount}-question quiz next time.` : null,
        ),
        standard: lines(
          '- Revisit the "Know / Wonder" chart and add what students learned.',
          "",
          "**Exit ticket:**",
          `1. In one sentence, what is ${t}?`,
          "2. Use one vocabulary word correctly.",
          "3. Write one question you still have.",
          quizLater
            ? `\n- Students take the ${request.questionCount}-question quiz at the start of the next class.`
            : null,
        ),
        rich: lines(
          '- Return to the "Know / Wonder / Learned" chart and synthesize the key ideas.',
          "",
          "**Exit ticket:**",
          `1. Summarize ${t} in two sentences.`,
          "2. Apply one academic term to a new situation.",
          "3. Pose a question that extends today's learning.",
          quizLater
            ? `\n- Assign the ${request.questionCount}-question quiz as the opening task of the next class.`
            : null,
        ),
      });
  }
}

function description(ctx: Ctx): string {
  const { request, info } = ctx;
  const parts = [
    pick(ctx.style, {
      simple: `A ${request.durationMinutes}-minute lesson about ${info.term} for ${gradeLabel(request.gradeLevel)}.`,
      standard: `A ${request.durationMinutes}-minute ${request.subject} lesson on ${info.term} for ${gradeLabel(request.gradeLevel)}.`,
    }),
    ctx.env ? "Students explore a Roblox lab." : "",
    ctx.quiz ? `A ${request.questionCount}-question quiz checks what they learned.` : "",
    request.standards.length > 0 ? `Standards: ${request.standards.join(", ")}.` : "",
  ];
  return clip(parts.filter(Boolean).join(" "), 2000);
}

/** The first draft: always valid, fitted to the request, and clean for the reviewer's heuristics. */
export function draftLesson(request: GenerateRequest, outline: Outline, style?: Style): LessonDraft {
  const info = topicInfo(request);
  const ctx: Ctx = {
    request,
    outline,
    info,
    style: style ?? info.style,
    env: request.parts.includes("environment"),
    quiz: request.parts.includes("quiz"),
  };
  const plan = sectionPlan(request.durationMinutes);
  // Short lessons have no check section: the quiz is given in the wrap-up instead.
  const quizLater = ctx.quiz && !plan.some((s) => s.kind === "check");
  return {
    title: clip(outline.title || `${info.Term}: ${request.subject}`, 200),
    description: description(ctx),
    sections: plan.map((s) => ({
      heading: clip(heading(s.kind, ctx), 200),
      markdown: clip(body(s.kind, ctx, quizLater), 20_000),
      minutes: s.minutes,
    })),
  };
}

const READING_HINT = /reading|sentence|readab|simpl|vocabular|complex|difficult|hard to read|grade level|flesch/i;

/**
 * A revision: starts from the previous draft, removes sentences with privacy or age problems,
 * fixes the minutes, and rewrites in the simple style when the reading level was the problem.
 * Falls back to a fresh simple draft when the result still would not pass the review.
 */
export function reviseLesson(input: ContentInput & { revision: NonNullable<ContentInput["revision"]> }): LessonDraft {
  const { request, outline, revision } = input;
  const info = topicInfo(request);
  const previous = revision.previous;
  // The instructions, or a serious finding, about reading level (an info note on it is not a request).
  const readingAsked =
    READING_HINT.test(revision.instructions) ||
    revision.findings.some((f) => /^\[(?:warning|blocker)\]/.test(f) && READING_HINT.test(f));
  const exclude = [request.topic];

  let sections = previous.sections
    .map((s) => ({
      heading: scrubText(s.heading, info.grade, exclude) || "Section",
      markdown: scrubText(s.markdown, info.grade, exclude),
      minutes: s.minutes,
    }))
    .filter((s) => s.markdown.trim() !== "");
  if (readingAsked || sections.length < 2) {
    sections = draftLesson(request, outline, "simple").sections;
  }
  const total = sections.reduce((a, s) => a + s.minutes, 0);
  if (total !== request.durationMinutes && sections.length <= request.durationMinutes) {
    const minutes = allocateMinutes(
      request.durationMinutes,
      sections.map((s) => s.minutes),
    );
    sections = sections.map((s, i) => ({ ...s, minutes: minutes[i] ?? 1 }));
  }
  const revised: LessonDraft = {
    title: clip(scrubText(previous.title, info.grade, exclude) || outline.title, 200),
    description: clip(scrubText(previous.description, info.grade, exclude), 2000),
    sections: sections.slice(0, 12),
  };
  const ok =
    lessonDraftSchema.safeParse(revised).success &&
    content.check(revised, input).length === 0 &&
    clean(lessonFindings(revised, request));
  if (ok) return revised;
  const fresh = draftLesson(request, outline, "simple");
  return { ...fresh, title: revised.title || fresh.title };
}

export const content = {
  name: "content",
  description: "Writes the lesson plan, section by section, for the grade, reading level and length",
  inputSchema: contentInputSchema,
  outputSchema: lessonDraftSchema,
  prompt(input: ContentInput) {
    const { request } = input;
    const system = systemPrompt("an experienced classroom teacher and curriculum writer", [
      "Write a lesson plan a teacher can use tomorrow: a warm-up or hook, direct instruction, guided practice or an activity, a check for understanding, and a wrap-up with an exit ticket (add independent practice or discussion for longer lessons).",
      "Each section has a heading, a markdown body (short paragraphs, numbered steps, bullet lists, a vocabulary table where useful) and its length in whole minutes.",
      "The sections' minutes must add up exactly to the lesson length.",
      `Match the reading level: ${readingLevelText(request.readingLevel)}.`,
    ]);
    const lines = [
      `Write the lesson "${input.outline.title}" following the outline's objectives and vocabulary.`,
      `The sections must add up to exactly ${request.durationMinutes} minutes.`,
    ];
    if (request.parts.includes("environment")) {
      lines.push("Include a guided activity where students explore the Roblox lab's stations.");
    }
    if (request.parts.includes("quiz")) {
      lines.push(`Include a check for understanding that uses the ${request.questionCount}-question quiz.`);
    }
    const user = [...lines, "", describeRequest(request)].join("\n");
    return { system, user: user + revisionText(input.revision, "lesson") + inputBlock(input) };
  },
  check(output: LessonDraft, input: ContentInput) {
    const problems: string[] = [];
    const total = output.sections.reduce((a, s) => a + s.minutes, 0);
    if (total !== input.request.durationMinutes) {
      problems.push(
        `The sections' minutes add up to ${total}; they must add up to the lesson length, ${input.request.durationMinutes} minutes`,
      );
    }
    output.sections.forEach((s, i) => {
      if (s.heading.trim() === "") problems.push(`sections[${i}].heading is empty`);
      if (s.markdown.trim() === "") problems.push(`sections[${i}].markdown is empty`);
    });
    return problems;
  },
  offline(raw: ContentInput): LessonDraft {
    const input = normalized(contentInputSchema, raw);
    if (input.revision) return reviseLesson({ ...input, revision: input.revision });
    return draftLesson(input.request, input.outline);
  },
} satisfies AgentDefinition<ContentInput, LessonDraft>;
