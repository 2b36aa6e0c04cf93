// Test helpers for packages that use the agents: a local OpenAI-compatible server.
export {
  type FakeBehaviour,
  type FakeChatRequestBody,
  type FakeOpenAI,
  type FakeOpenAIOptions,
  type FakeRequestRecord,
  inputFromPrompt,
  offlineResponder,
  startFakeOpenAI,
} from "./fake-openai";
