// The guided-practice steps of an offline lesson without a Roblox lab, per subject domain and
// writing style.
import type { Domain, Style } from "./kit";

export const ACTIVITY: Record<Domain, Record<Style, string[]>> = {
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
