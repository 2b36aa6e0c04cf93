// The offline quiz's question banks per subject domain: true-or-false statements and
// select-all-that-apply items, each with its answer and the reason, correct by construction.
import type { Domain } from "./kit";

export interface TrueFalseItem {
  statement: string;
  value: boolean;
  why: string;
}

const TRUE_FALSE: Record<Domain, TrueFalseItem[]> = {
  science: [
    {
      statement: "A scientist should change the data so it matches the first guess.",
      value: false,
      why: "Scientists record what really happens, even when it does not match their prediction.",
    },
    {
      statement: "Repeating a test helps check that the results are reliable.",
      value: true,
      why: "Results that repeat are easier to trust.",
    },
    {
      statement: "A hypothesis is the same thing as a proven fact.",
      value: false,
      why: "A hypothesis is an idea to test; evidence can support it or show it is wrong.",
    },
  ],
  math: [
    {
      statement: "Adding zero to a number does not change the number.",
      value: true,
      why: "Zero adds nothing, so the number stays the same.",
    },
    {
      statement: "An estimate is always exactly equal to the real answer.",
      value: false,
      why: "An estimate is a close guess; it is usually a little different from the exact answer.",
    },
    {
      statement: "You can check a subtraction answer by adding.",
      value: true,
      why: "Add the difference to the number you took away to get back the first number.",
    },
  ],
  ela: [
    {
      statement: "A summary tells the most important ideas of a text.",
      value: true,
      why: "A summary is short and keeps only the big ideas.",
    },
    {
      statement: "The main idea of a text is always its first sentence.",
      value: false,
      why: "The main idea can be anywhere in a text, and sometimes it is not stated at all.",
    },
    {
      statement: "Good readers use clues from the text to make inferences.",
      value: true,
      why: "An inference joins text clues with what you already know.",
    },
  ],
  social: [
    {
      statement: "A diary written during an event is a primary source.",
      value: true,
      why: "It was made by someone who was there at the time.",
    },
    {
      statement: "Every source tells the same story, so one source is always enough.",
      value: false,
      why: "Sources can show different perspectives, so historians compare several.",
    },
    {
      statement: "A timeline lists events in the order they happened.",
      value: true,
      why: "Timelines put events in time order.",
    },
  ],
  general: [
    {
      statement: "Feedback can help you improve your work.",
      value: true,
      why: "Feedback shows what works and what to try next.",
    },
    {
      statement: "You can only learn a skill if you get it right the first time.",
      value: false,
      why: "Most skills take practice; mistakes are part of learning.",
    },
    {
      statement: "Practice helps you get better at a skill.",
      value: true,
      why: "Practice on purpose builds skill over time.",
    },
  ],
};

export function trueFalseBank(domain: Domain): TrueFalseItem[] {
  return TRUE_FALSE[domain];
}

export interface SelectAllItem {
  prompt: string;
  correct: [string, string];
  wrong: [string, string];
  why: string;
}

const SELECT_ALL: Record<Domain, SelectAllItem[]> = {
  science: [
    {
      prompt: "Which of these are good habits in a science investigation? Select all that apply.",
      correct: ["Record your observations carefully", "Test one variable at a time"],
      wrong: ["Change the results to match your guess", "Skip the safety rules to save time"],
      why: "Careful records and fair tests make results trustworthy.",
    },
    {
      prompt: "Which of these tools measure something? Select all that apply.",
      correct: ["Ruler", "Thermometer"],
      wrong: ["Stapler", "Glue stick"],
      why: "A ruler measures length and a thermometer measures temperature.",
    },
    {
      prompt: "Which of these can be used as evidence? Select all that apply.",
      correct: ["Measurements from an experiment", "Observations written in a science notebook"],
      wrong: ["A guess nobody has tested", "Your favorite color"],
      why: "Evidence comes from observations and measurements.",
    },
    {
      prompt: "Which of these are living things? Select all that apply.",
      correct: ["A tree", "A frog"],
      wrong: ["A rock", "A cloud"],
      why: "Trees and frogs grow, need food and water, and reproduce; rocks and clouds do not.",
    },
  ],
  math: [
    {
      prompt: "Which of these numbers are even? Select all that apply.",
      correct: ["4", "12"],
      wrong: ["9", "15"],
      why: "Even numbers can be split into two equal groups: 4 = 2 + 2 and 12 = 6 + 6.",
    },
    {
      prompt: "Which of these are equal to 10? Select all that apply.",
      correct: ["6 + 4", "15 − 5"],
      wrong: ["3 + 6", "12 − 1"],
      why: "6 + 4 = 10 and 15 − 5 = 10, but 3 + 6 = 9 and 12 − 1 = 11.",
    },
    {
      prompt: "Which of these are good problem-solving strategies? Select all that apply.",
      correct: ["Draw a picture of the problem", "Check your answer with an estimate"],
      wrong: ["Answer before reading the problem", "Leave out the units in every answer"],
      why: "Pictures help you understand a problem and estimates help you check an answer.",
    },
    {
      prompt: "Which of these numbers are greater than 50? Select all that apply.",
      correct: ["75", "51"],
      wrong: ["49", "5"],
      why: "75 and 51 are more than 50; 49 and 5 are less.",
    },
  ],
  ela: [
    {
      prompt: "Which of these belong in a summary? Select all that apply.",
      correct: ["The main idea", "The most important events"],
      wrong: ["Every small detail", "Ideas that are not in the text"],
      why: "A summary is short and keeps only the big ideas from the text.",
    },
    {
      prompt: "Which of these can be evidence for an answer about a text? Select all that apply.",
      correct: ["A quote from the text", "A fact the author states"],
      wrong: ["A guess that ignores the text", "A detail from a different story"],
      why: "Evidence has to come from the text you are writing about.",
    },
    {
      prompt: "Which of these are parts of a story? Select all that apply.",
      correct: ["Characters", "Setting"],
      wrong: ["Answer key", "Bar code"],
      why: "Stories have characters, a setting and a plot.",
    },
    {
      prompt: "Which of these help you understand a new word? Select all that apply.",
      correct: ["Reading the sentences around it", "Looking it up in a dictionary"],
      wrong: ["Skipping every word you do not know", "Guessing without any clues"],
      why: "Context clues and dictionaries both help with new words.",
    },
  ],
  social: [
    {
      prompt: "Which of these are primary sources? Select all that apply.",
      correct: ["A letter written during the event", "A photograph taken at the event"],
      wrong: ["A textbook chapter written years later", "An encyclopedia article"],
      why: "Primary sources were made at the time by people who were there.",
    },
    {
      prompt: "Which of these help you decide if a source is reliable? Select all that apply.",
      correct: ["Who created the source", "When the source was made"],
      wrong: ["How colorful the cover is", "How long the title is"],
      why: "Knowing who made a source and when helps you judge how reliable it is.",
    },
    {
      prompt: "Which of these belong on a timeline? Select all that apply.",
      correct: ["Dates", "Events in order"],
      wrong: ["Random opinions", "Events in a mixed-up order"],
      why: "A timeline shows dated events in the order they happened.",
    },
    {
      prompt: "Which of these questions ask about causes? Select all that apply.",
      correct: ["Why did it happen?", "What led to the event?"],
      wrong: ["What color was the flag?", "How many pages is the book?"],
      why: "Cause questions ask why something happened.",
    },
  ],
  general: [
    {
      prompt: "Which of these are good ways to practice a new skill? Select all that apply.",
      correct: ["Practice a little every day", "Ask for feedback"],
      wrong: ["Give up after one try", "Skip the hard parts every time"],
      why: "Regular practice and feedback help skills grow.",
    },
    {
      prompt: "Which of these are helpful feedback? Select all that apply.",
      correct: ["Your colors work well; try adding shadows", "Check step 2 again"],
      wrong: ["Bad.", "Whatever."],
      why: "Helpful feedback is specific and says what to try next.",
    },
    {
      prompt: "Which of these make a goal easier to reach? Select all that apply.",
      correct: ["Make it specific", "Give it a time limit"],
      wrong: ["Make it impossible to check", "Change it every few minutes"],
      why: "Specific goals with a time limit are easier to plan for and check.",
    },
    {
      prompt: "Which of these are good ways to reflect on your learning? Select all that apply.",
      correct: ["Write what went well", "Write one thing to try next time"],
      wrong: ["Forget about the lesson", "Only compare your score with others"],
      why: "Reflection looks at what worked and what to improve.",
    },
  ],
};

export function selectAllBank(domain: Domain): SelectAllItem[] {
  return SELECT_ALL[domain];
}
