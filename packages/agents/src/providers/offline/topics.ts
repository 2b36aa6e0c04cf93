// A few well-known topics with checked facts (and one common myth each), so the offline drafts can
// define the key term and ask true-or-false questions about it without inventing anything.
export interface TopicFacts {
  /** Matched against the lower-cased topic. */
  match: RegExp;
  /** The topic's usual name, also accepted as a short answer. */
  name: string;
  definition: string;
  simple: string;
  /** True statements. */
  facts: [string, string];
  /** A false statement and why it is false. */
  myth: { statement: string; why: string };
}

const TOPICS: TopicFacts[] = [
  {
    match: /\bcounting\b|count to/,
    name: "counting",
    definition: "Saying numbers in order, one for each object, to find how many objects there are.",
    simple: "Saying numbers in order to find how many things there are.",
    facts: [
      "When you count, each object gets exactly one number.",
      "The last number you say tells how many objects there are.",
    ],
    myth: {
      statement: "If you count the same objects in a different order, you get a different total.",
      why: "The total stays the same in any order, as long as you count each object once.",
    },
  },
  {
    match: /\baddition\b|adding/,
    name: "addition",
    definition: "Putting numbers or groups together to find how many there are in all.",
    simple: "Putting groups together to find how many in all.",
    facts: ["2 + 3 = 5.", "Adding two numbers in a different order gives the same sum."],
    myth: { statement: "3 + 4 is more than 4 + 3.", why: "3 + 4 and 4 + 3 are both 7; order does not change a sum." },
  },
  {
    match: /photosynth/,
    name: "photosynthesis",
    definition:
      "The process plants, algae and some bacteria use to turn light energy, water and carbon dioxide into sugar and oxygen.",
    simple: "How plants use sunlight, water and air to make their own food.",
    facts: ["Plants give off oxygen during photosynthesis.", "Photosynthesis happens mostly in the leaves of a plant."],
    myth: {
      statement: "During photosynthesis, plants take in oxygen and give off carbon dioxide.",
      why: "It is the other way around: photosynthesis uses carbon dioxide and gives off oxygen.",
    },
  },
  {
    match: /water cycle|hydrologic/,
    name: "water cycle",
    definition:
      "The continuous movement of water between Earth's surface and the air through evaporation, condensation and precipitation.",
    simple: "The way water moves from the ground to the sky and back again.",
    facts: ["Evaporation turns liquid water into water vapor.", "Rain and snow are kinds of precipitation."],
    myth: {
      statement: "The water cycle stops during the winter.",
      why: "Water keeps moving all year; snow and ice are part of the cycle too.",
    },
  },
  {
    match: /fraction/,
    name: "fractions",
    definition: "Numbers that name equal parts of a whole or of a group.",
    simple: "Numbers that tell about equal parts of a whole.",
    facts: ["The fraction 1/2 is equal to 2/4.", "The bottom number of a fraction is called the denominator."],
    myth: {
      statement: "The fraction 1/4 is greater than 1/2.",
      why: "One of four equal parts is smaller than one of two equal parts.",
    },
  },
  {
    match: /multiplicat|times table/,
    name: "multiplication",
    definition: "An operation that combines equal groups; it is a quick way to do repeated addition.",
    simple: "A fast way to add equal groups.",
    facts: ["3 × 4 means three groups of four.", "Any number times one equals that same number."],
    myth: { statement: "Any number times zero equals that same number.", why: "Any number times zero equals zero." },
  },
  {
    match: /gravit/,
    name: "gravity",
    definition: "The force that pulls objects toward each other, such as the pull that keeps us on Earth.",
    simple: "The pull that makes things fall down to the ground.",
    facts: [
      "Gravity pulls objects toward the center of Earth.",
      "The Moon stays in orbit around Earth because of gravity.",
    ],
    myth: {
      statement: "Gravity only pulls on heavy objects.",
      why: "Gravity pulls on every object that has mass, light or heavy.",
    },
  },
  {
    match: /ecosystem|food (?:chain|web)/,
    name: "ecosystem",
    definition:
      "A community of living things interacting with each other and with the nonliving parts of their environment.",
    simple: "A place where plants and animals live together and need each other.",
    facts: ["Plants are producers: they make their own food.", "Decomposers break down dead plants and animals."],
    myth: {
      statement: "An ecosystem is made only of animals.",
      why: "Ecosystems include plants, other living things, and nonliving parts like water and soil.",
    },
  },
  {
    match: /plate tectonic|tectonic|earthquake/,
    name: "plate tectonics",
    definition: "The idea that Earth's outer layer is broken into large plates that move slowly over time.",
    simple: "Earth's outside is made of big pieces that move very slowly.",
    facts: ["Many earthquakes happen where two plates meet.", "Tectonic plates move only a few centimeters each year."],
    myth: { statement: "Earth's plates never move.", why: "The plates move a few centimeters each year." },
  },
  {
    match: /states of matter|solids?, liquids?|\bmatter\b/,
    name: "states of matter",
    definition: "The forms matter can take, such as solid, liquid and gas.",
    simple: "Things can be solid, liquid or gas.",
    facts: ["Ice is water in its solid state.", "Heating a liquid can turn it into a gas."],
    myth: {
      statement: "A gas has a fixed shape.",
      why: "A gas spreads out to fill its container, so it has no fixed shape.",
    },
  },
  {
    match: /solar system|planets/,
    name: "solar system",
    definition: "The Sun and everything that orbits it, including the eight planets and their moons.",
    simple: "The Sun and the planets that go around it.",
    facts: ["Earth is the third planet from the Sun.", "Jupiter is the largest planet in our solar system."],
    myth: { statement: "The Sun orbits Earth.", why: "Earth orbits the Sun, once every year." },
  },
  {
    match: /american revolution|revolutionary war/,
    name: "American Revolution",
    definition: "The war from 1775 to 1783 in which thirteen American colonies won independence from Great Britain.",
    simple: "The war in which the American colonies became free from Britain.",
    facts: ["The Declaration of Independence was adopted in 1776.", "George Washington led the Continental Army."],
    myth: {
      statement: "In the American Revolution, the colonies fought against France.",
      why: "The colonies fought against Great Britain; France was one of their allies.",
    },
  },
];

export function topicFactsOf(topic: string): TopicFacts | null {
  const t = topic.toLowerCase();
  return TOPICS.find((f) => f.match.test(t)) ?? null;
}
