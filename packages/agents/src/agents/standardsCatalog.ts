// A small built-in catalog of real NGSS and Common Core (CCSS) standards across K-12 science, math
// and ELA / literacy, used for the standards agent's descriptions. Codes are upper-case, as the
// generate request stores them.
import type { CatalogSubject } from "@toolboxai/validators";

export interface CatalogStandard {
  code: string;
  subject: CatalogSubject;
  /** Grade levels as the request spells them ("K", "1" ... "12"). */
  grades: string[];
  description: string;
}

const MS = ["6", "7", "8"];
const HS = ["9", "10", "11", "12"];

export const STANDARDS_CATALOG: CatalogStandard[] = [
  // --- NGSS (science) ---
  {
    code: "K-LS1-1",
    subject: "Science",
    grades: ["K"],
    description: "Use observations to describe patterns of what plants and animals (including humans) need to survive.",
  },
  {
    code: "K-ESS2-1",
    subject: "Science",
    grades: ["K"],
    description: "Use and share observations of local weather conditions to describe patterns over time.",
  },
  {
    code: "1-ESS1-1",
    subject: "Science",
    grades: ["1"],
    description: "Use observations of the sun, moon, and stars to describe patterns that can be predicted.",
  },
  {
    code: "2-LS2-1",
    subject: "Science",
    grades: ["2"],
    description: "Plan and conduct an investigation to determine if plants need sunlight and water to grow.",
  },
  {
    code: "2-PS1-1",
    subject: "Science",
    grades: ["2"],
    description:
      "Plan and conduct an investigation to describe and classify different kinds of materials by their observable properties.",
  },
  {
    code: "3-LS1-1",
    subject: "Science",
    grades: ["3"],
    description:
      "Develop models to describe that organisms have unique and diverse life cycles but all have in common birth, growth, reproduction, and death.",
  },
  {
    code: "3-PS2-1",
    subject: "Science",
    grades: ["3"],
    description:
      "Plan and conduct an investigation to provide evidence of the effects of balanced and unbalanced forces on the motion of an object.",
  },
  {
    code: "4-ESS2-1",
    subject: "Science",
    grades: ["4"],
    description:
      "Make observations and/or measurements to provide evidence of the effects of weathering or the rate of erosion by water, ice, wind, or vegetation.",
  },
  {
    code: "5-LS1-1",
    subject: "Science",
    grades: ["5"],
    description: "Support an argument that plants get the materials they need for growth chiefly from air and water.",
  },
  {
    code: "5-PS1-1",
    subject: "Science",
    grades: ["5"],
    description: "Develop a model to describe that matter is made of particles too small to be seen.",
  },
  {
    code: "MS-LS1-6",
    subject: "Science",
    grades: MS,
    description:
      "Construct a scientific explanation based on evidence for the role of photosynthesis in the cycling of matter and flow of energy into and out of organisms.",
  },
  {
    code: "MS-LS2-3",
    subject: "Science",
    grades: MS,
    description:
      "Develop a model to describe the cycling of matter and flow of energy among living and nonliving parts of an ecosystem.",
  },
  {
    code: "MS-PS1-2",
    subject: "Science",
    grades: MS,
    description:
      "Analyze and interpret data on the properties of substances before and after the substances interact to determine if a chemical reaction has occurred.",
  },
  {
    code: "MS-ESS2-4",
    subject: "Science",
    grades: MS,
    description:
      "Develop a model to describe the cycling of water through Earth's systems driven by energy from the sun and the force of gravity.",
  },
  {
    code: "MS-ESS2-3",
    subject: "Science",
    grades: MS,
    description:
      "Analyze and interpret data on the distribution of fossils and rocks, continental shapes, and seafloor structures to provide evidence of the past plate motions.",
  },
  {
    code: "MS-ESS3-2",
    subject: "Science",
    grades: MS,
    description:
      "Analyze and interpret data on natural hazards to forecast future catastrophic events and inform the development of technologies to mitigate their effects.",
  },
  {
    code: "MS-ESS1-1",
    subject: "Science",
    grades: MS,
    description:
      "Develop and use a model of the Earth-sun-moon system to describe the cyclic patterns of lunar phases, eclipses of the sun and moon, and seasons.",
  },
  {
    code: "HS-LS1-5",
    subject: "Science",
    grades: HS,
    description: "Use a model to illustrate how photosynthesis transforms light energy into stored chemical energy.",
  },
  {
    code: "HS-ESS1-5",
    subject: "Science",
    grades: HS,
    description:
      "Evaluate evidence of the past and current movements of continental and oceanic crust and the theory of plate tectonics to explain the ages of crustal rocks.",
  },
  {
    code: "HS-PS2-1",
    subject: "Science",
    grades: HS,
    description:
      "Analyze data to support the claim that Newton's second law of motion describes the mathematical relationship among the net force on a macroscopic object, its mass, and its acceleration.",
  },
  // --- CCSS Mathematics ---
  {
    code: "CCSS.MATH.CONTENT.K.CC.A.1",
    subject: "Math",
    grades: ["K"],
    description: "Count to 100 by ones and by tens.",
  },
  {
    code: "CCSS.MATH.CONTENT.1.OA.A.1",
    subject: "Math",
    grades: ["1"],
    description:
      "Use addition and subtraction within 20 to solve word problems involving situations of adding to, taking from, putting together, taking apart, and comparing, with unknowns in all positions.",
  },
  {
    code: "CCSS.MATH.CONTENT.3.NF.A.1",
    subject: "Math",
    grades: ["3"],
    description:
      "Understand a fraction 1/b as the quantity formed by 1 part when a whole is partitioned into b equal parts; understand a fraction a/b as the quantity formed by a parts of size 1/b.",
  },
  {
    code: "CCSS.MATH.CONTENT.3.OA.A.1",
    subject: "Math",
    grades: ["3"],
    description:
      "Interpret products of whole numbers, e.g., interpret 5 × 7 as the total number of objects in 5 groups of 7 objects each.",
  },
  {
    code: "CCSS.MATH.CONTENT.4.NF.A.1",
    subject: "Math",
    grades: ["4"],
    description:
      "Explain why a fraction a/b is equivalent to a fraction (n × a)/(n × b) by using visual fraction models, with attention to how the number and size of the parts differ even though the two fractions themselves are the same size.",
  },
  {
    code: "CCSS.MATH.CONTENT.6.RP.A.1",
    subject: "Math",
    grades: ["6"],
    description:
      "Understand the concept of a ratio and use ratio language to describe a ratio relationship between two quantities.",
  },
  {
    code: "CCSS.MATH.CONTENT.7.RP.A.2",
    subject: "Math",
    grades: ["7"],
    description: "Recognize and represent proportional relationships between quantities.",
  },
  {
    code: "CCSS.MATH.CONTENT.8.G.B.7",
    subject: "Math",
    grades: ["8"],
    description:
      "Apply the Pythagorean Theorem to determine unknown side lengths in right triangles in real-world and mathematical problems in two and three dimensions.",
  },
  {
    code: "CCSS.MATH.CONTENT.HSA.REI.B.3",
    subject: "Math",
    grades: HS,
    description:
      "Solve linear equations and inequalities in one variable, including equations with coefficients represented by letters.",
  },
  {
    code: "CCSS.MATH.CONTENT.HSF.IF.A.1",
    subject: "Math",
    grades: HS,
    description:
      "Understand that a function from one set (called the domain) to another set (called the range) assigns to each element of the domain exactly one element of the range.",
  },
  // --- CCSS English Language Arts & Literacy ---
  {
    code: "CCSS.ELA-LITERACY.RL.K.1",
    subject: "ELA",
    grades: ["K"],
    description: "With prompting and support, ask and answer questions about key details in a text.",
  },
  {
    code: "CCSS.ELA-LITERACY.RI.3.2",
    subject: "ELA",
    grades: ["3"],
    description:
      "Determine the main idea of a text; recount the key details and explain how they support the main idea.",
  },
  {
    code: "CCSS.ELA-LITERACY.W.4.1",
    subject: "ELA",
    grades: ["4"],
    description: "Write opinion pieces on topics or texts, supporting a point of view with reasons and information.",
  },
  {
    code: "CCSS.ELA-LITERACY.RL.7.1",
    subject: "ELA",
    grades: ["7"],
    description:
      "Cite several pieces of textual evidence to support analysis of what the text says explicitly as well as inferences drawn from the text.",
  },
  {
    code: "CCSS.ELA-LITERACY.RST.6-8.3",
    subject: "ELA",
    grades: MS,
    description:
      "Follow precisely a multistep procedure when carrying out experiments, taking measurements, or performing technical tasks.",
  },
  {
    code: "CCSS.ELA-LITERACY.RH.6-8.2",
    subject: "ELA",
    grades: MS,
    description:
      "Determine the central ideas or information of a primary or secondary source; provide an accurate summary of the source distinct from prior knowledge or opinions.",
  },
  {
    code: "CCSS.ELA-LITERACY.W.9-10.1",
    subject: "ELA",
    grades: ["9", "10"],
    description:
      "Write arguments to support claims in an analysis of substantive topics or texts, using valid reasoning and relevant and sufficient evidence.",
  },
];

export function findStandard(code: string): CatalogStandard | null {
  const key = code.trim().toUpperCase();
  return STANDARDS_CATALOG.find((s) => s.code === key) ?? null;
}
