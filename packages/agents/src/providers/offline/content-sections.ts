// The offline lesson's sections: each kind's heading and markdown body, written for the request's
// grade and reading level, the topic's facts and whether a quiz and a Roblox lab come with it.
import type { GenerateRequest, Outline } from "@toolboxai/validators";
import { ACTIVITY } from "./content-activities";
import { definitionOf, glossaryOf } from "./glossary";
import { pick, type SectionKind, type Style, type TopicInfo, topicDefinition } from "./kit";

export interface Ctx {
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

export function heading(kind: SectionKind, ctx: Ctx): string {
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

export function body(kind: SectionKind, ctx: Ctx, quizLater: boolean): string {
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
