import { describe, expect, it } from "vitest";
import { checkLuau } from "../luau";
import { answerKey, checkpointsByStation, clientCheckpoint, quizAnswersModule, quizDataModule } from "./checkpoints";
import { quizClientScript } from "./quiz-client-script";
import { quizServerScript } from "./quiz-server-script";
import { environment, readReturnedValue, withOtherAnswers } from "./test-helpers";

const checkpoints = environment.checkpoints;

describe("quizDataModule", () => {
  it("returns each station's question and options, keyed by station id", () => {
    const data = readReturnedValue(quizDataModule(checkpoints)) as { checkpoints: Record<string, unknown> };
    expect(Object.keys(data.checkpoints)).toEqual(checkpoints.map((c) => c.stationId));
    for (const c of checkpoints) expect(data.checkpoints[c.stationId]).toEqual(clientCheckpoint(c));
  });

  it("holds no answer-key fields", () => {
    const source = quizDataModule(checkpoints);
    for (const field of ["correct", "accepted", "caseSensitive", "tolerance", "explanation", "answer", "value"]) {
      expect(source).not.toMatch(new RegExp(`\\b${field}\\s*=`));
    }
  });

  it("is the same whatever the answer keys are", () => {
    expect(quizDataModule(withOtherAnswers(environment).checkpoints)).toBe(quizDataModule(checkpoints));
  });
});

describe("quizAnswersModule", () => {
  it("returns each station's answer key, short answers normalized", () => {
    const data = readReturnedValue(quizAnswersModule(checkpoints)) as Record<string, Record<string, unknown>>;
    expect(data.LeafQuiz).toEqual({
      type: "SINGLE_CHOICE",
      points: 2,
      explanation: "Chloroplasts hold the pigments that capture light.",
      correct: ["chloro"],
    });
    expect(data.GasQuiz).toEqual({ type: "MULTIPLE_CHOICE", points: 1, correct: ["co2", "h2o"] });
    expect(data.TrueOrFalse).toEqual({ type: "TRUE_FALSE", points: 1, value: false });
    expect(data.PigmentQuiz?.accepted).toEqual(["chlorophyll", "chlorophyll a"]);
    expect(data.WavelengthQuiz).toEqual({ type: "NUMERIC", points: 1, value: 662.5, tolerance: 7.25 });
  });

  it("matches answerKey for every checkpoint", () => {
    const data = readReturnedValue(quizAnswersModule(checkpoints)) as Record<string, unknown>;
    for (const c of checkpoints) expect(data[c.stationId]).toEqual(JSON.parse(JSON.stringify(answerKey(c))));
  });
});

describe("checkpointsByStation", () => {
  it("keeps the first checkpoint when two name the same station", () => {
    const [first, second] = checkpoints;
    if (!first || !second) throw new Error("fixture needs two checkpoints");
    const duplicate = { ...second, stationId: first.stationId };
    expect(checkpointsByStation([first, duplicate, second])).toEqual([first, second]);
  });

  it("writes an empty but valid module pair when there are no checkpoints", () => {
    expect(readReturnedValue(quizDataModule([]))).toEqual({ checkpoints: [] });
    expect(readReturnedValue(quizAnswersModule([]))).toEqual([]);
  });
});

describe("quiz scripts", () => {
  it("writes a server script and a client script that parse as Lua 5.1", () => {
    expect(checkLuau(quizServerScript())).toEqual({ ok: true });
    expect(checkLuau(quizClientScript())).toEqual({ ok: true });
  });

  it("has the server require the answer keys from ServerScriptService.Server", () => {
    expect(quizServerScript()).toContain(
      'require(game:GetService("ServerScriptService"):WaitForChild("Server"):WaitForChild("QuizAnswers"))',
    );
  });

  it("has the client require only the shared question data", () => {
    const client = quizClientScript();
    expect(client).toContain(
      'require(game:GetService("ReplicatedStorage"):WaitForChild("Shared"):WaitForChild("QuizData"))',
    );
    expect(client).not.toContain("QuizAnswers");
  });

  it("has the server answer CheckAnswer by grading every question type", () => {
    const server = quizServerScript();
    expect(server).toContain('remote.Name = "CheckAnswer"');
    expect(server).toContain("remote.OnServerInvoke = function(player, stationId, response)");
    for (const type of ["SINGLE_CHOICE", "MULTIPLE_CHOICE", "TRUE_FALSE", "SHORT_ANSWER", "NUMERIC"]) {
      expect(server).toContain(`key.type == "${type}"`);
    }
  });

  it("has the client open a ScreenGui when a station prompt is triggered and send answers to the server", () => {
    const client = quizClientScript();
    expect(client).toContain("ProximityPromptService.PromptTriggered:Connect");
    expect(client).toContain('Instance.new("ScreenGui")');
    expect(client).toContain("CheckAnswer:InvokeServer(stationId, response)");
  });
});
