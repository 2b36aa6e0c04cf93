import { STANDARDS_CATALOG } from "@toolboxai/agents";
import { type CatalogStandardView, standardsCatalogSchema } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import {
  catalogSubjectsFor,
  gradesLabel,
  shortDescription,
  suggestStandards,
  topicRelevance,
} from "./standards-suggestions";

const MS = ["6", "7", "8"] as CatalogStandardView["grades"];
const HS = ["9", "10", "11", "12"] as CatalogStandardView["grades"];

const catalog: CatalogStandardView[] = [
  {
    code: "MS-LS1-6",
    subject: "Science",
    grades: MS,
    description: "Construct a scientific explanation for the role of photosynthesis in the cycling of matter.",
  },
  {
    code: "MS-LS2-3",
    subject: "Science",
    grades: MS,
    description: "Develop a model to describe the cycling of matter and flow of energy among parts of an ecosystem.",
  },
  {
    code: "HS-LS1-5",
    subject: "Science",
    grades: HS,
    description: "Use a model to illustrate how photosynthesis transforms light energy into stored chemical energy.",
  },
  {
    code: "CCSS.MATH.CONTENT.7.RP.A.2",
    subject: "Math",
    grades: ["7"],
    description: "Recognize and represent proportional relationships between quantities.",
  },
  {
    code: "CCSS.ELA-LITERACY.RST.6-8.3",
    subject: "ELA",
    grades: MS,
    description: "Follow precisely a multistep procedure when carrying out experiments or taking measurements.",
  },
];

const codes = (standards: CatalogStandardView[]) => standards.map((s) => s.code);
const everything = { query: "", subject: "", gradeLevel: "", chosen: [] };

describe("suggestStandards", () => {
  it("suggests the whole catalog, in its order, before a subject or grade is given", () => {
    expect(codes(suggestStandards(catalog, everything))).toEqual(codes(catalog));
  });

  it("suggests only the standards written for the form's grade", () => {
    expect(codes(suggestStandards(catalog, { ...everything, gradeLevel: "10" }))).toEqual(["HS-LS1-5"]);
  });

  it("suggests science and science-literacy standards for a science subject, but not math", () => {
    expect(codes(suggestStandards(catalog, { ...everything, subject: "Life Science", gradeLevel: "7" }))).toEqual([
      "MS-LS1-6",
      "MS-LS2-3",
      "CCSS.ELA-LITERACY.RST.6-8.3",
    ]);
  });

  it("leaves no subject out when the form's subject names none of the catalog's", () => {
    const suggested = suggestStandards(catalog, { ...everything, subject: "Art", gradeLevel: "7" });
    expect(codes(suggested)).toContain("CCSS.MATH.CONTENT.7.RP.A.2");
    expect(codes(suggested)).toContain("MS-LS1-6");
  });

  it("finds a code from any part of it, whatever the case and punctuation typed", () => {
    expect(codes(suggestStandards(catalog, { ...everything, query: "ms-ls1" }))).toEqual(["MS-LS1-6"]);
    expect(codes(suggestStandards(catalog, { ...everything, query: "ls2 3" }))).toEqual(["MS-LS2-3"]);
    expect(codes(suggestStandards(catalog, { ...everything, query: "7.rp" }))).toEqual(["CCSS.MATH.CONTENT.7.RP.A.2"]);
  });

  it("finds standards by the words of their description", () => {
    expect(codes(suggestStandards(catalog, { ...everything, query: "Photosynthesis" }))).toEqual([
      "MS-LS1-6",
      "HS-LS1-5",
    ]);
    expect(codes(suggestStandards(catalog, { ...everything, query: "cycling energy" }))).toEqual(["MS-LS2-3"]);
  });

  it("lists codes starting with the typed text first, then codes containing it, then description matches", () => {
    const mentions: CatalogStandardView = {
      code: "HS-ESS1-1",
      subject: "Science",
      grades: HS,
      description: "Explain how the sun's energy reaches Earth, building on LS1 ideas.",
    };
    const starts: CatalogStandardView = {
      code: "LS1.A",
      subject: "Science",
      grades: MS,
      description: "Structure and function.",
    };
    expect(codes(suggestStandards([mentions, ...catalog, starts], { ...everything, query: "ls1" }))).toEqual([
      "LS1.A",
      "MS-LS1-6",
      "HS-LS1-5",
      "HS-ESS1-1",
    ]);
  });

  it("does not suggest a standard already chosen, however it was typed", () => {
    expect(codes(suggestStandards(catalog, { ...everything, query: "ms-ls", chosen: ["ms-ls1-6"] }))).toEqual([
      "MS-LS2-3",
    ]);
  });

  it("suggests nothing when no standard of the catalog matches", () => {
    expect(suggestStandards(catalog, { ...everything, query: "TX.SCI.7.4" })).toEqual([]);
  });
});

describe("suggestStandards for the form's topic", () => {
  // The built-in catalog, as the picker receives it from agents.standardsCatalog.
  const builtIn = standardsCatalogSchema.parse({ standards: STANDARDS_CATALOG }).standards;
  const plateTectonics = { query: "", subject: "Earth Science", gradeLevel: "7", topic: "Plate tectonics", chosen: [] };

  it("offers the standard on plate motions first for a plate tectonics lesson, not the water cycle's", () => {
    const suggested = codes(suggestStandards(builtIn, plateTectonics));
    expect(suggested[0]).toBe("MS-ESS2-3");
    expect(suggested.indexOf("MS-ESS2-4")).toBeGreaterThan(0);
  });

  it("offers the high-school plate tectonics standard first in high school", () => {
    expect(codes(suggestStandards(builtIn, { ...plateTectonics, gradeLevel: "10" }))[0]).toBe("HS-ESS1-5");
  });

  it("still offers the water cycle's standard first for a water cycle lesson", () => {
    expect(codes(suggestStandards(builtIn, { ...plateTectonics, topic: "The water cycle" }))[0]).toBe("MS-ESS2-4");
  });

  it("orders the standards a typed word finds by the topic too", () => {
    const models = codes(suggestStandards(builtIn, { ...plateTectonics, query: "analyze" }));
    expect(models[0]).toBe("MS-ESS2-3");
  });

  it("keeps the catalog's order when no topic is typed yet", () => {
    const withoutTopic = codes(suggestStandards(builtIn, { ...plateTectonics, topic: "" }));
    const inCatalogOrder = builtIn.filter((s) => s.grades.includes("7") && s.subject !== "Math").map((s) => s.code);
    expect(withoutTopic).toEqual(inCatalogOrder);
  });

  it("rates a description by the share of the topic's words it mentions, plurals included", () => {
    const plates = { ...(catalog[0] as CatalogStandardView), description: "Evidence of past plate motions." };
    expect(topicRelevance(plates, "Plates and their motion")).toBe(1);
    expect(topicRelevance(plates, "Plate tectonics")).toBe(0.5);
    expect(topicRelevance(plates, "The water cycle")).toBe(0);
  });
});

describe("catalogSubjectsFor", () => {
  it("recognises subjects as teachers write them", () => {
    expect(catalogSubjectsFor("Biology")).toEqual(["Science", "ELA"]);
    expect(catalogSubjectsFor("Algebra I")).toEqual(["Math"]);
    expect(catalogSubjectsFor("English Language Arts")).toEqual(["ELA"]);
    expect(catalogSubjectsFor("World History")).toEqual(["ELA"]);
  });

  it("gives no subject for a blank or unknown one", () => {
    expect(catalogSubjectsFor("  ")).toBeNull();
    expect(catalogSubjectsFor("Music")).toBeNull();
  });
});

describe("shortDescription", () => {
  it("keeps a short description as it is", () => {
    expect(shortDescription("Recognize proportional relationships.")).toBe("Recognize proportional relationships.");
  });

  it("cuts a long one at a word and marks the cut", () => {
    const short = shortDescription(catalog[1]?.description ?? "", 40);
    expect(short).toBe("Develop a model to describe the cycling…");
  });
});

describe("gradesLabel", () => {
  it("names one grade or the span of several", () => {
    expect(gradesLabel(["K"])).toBe("grade K");
    expect(gradesLabel(["6", "7", "8"])).toBe("grades 6–8");
  });
});
