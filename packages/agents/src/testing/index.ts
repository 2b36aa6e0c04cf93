// Test helpers for packages that use the agents: a local OpenAI-compatible server.
export {
  type FakeAssistantReply,
  type FakeBehaviour,
  type FakeChatRequestBody,
  type FakeOpenAI,
  type FakeOpenAIOptions,
  type FakeRequestRecord,
  type FakeToolCall,
  inputFromPrompt,
  offlineResponder,
  startFakeOpenAI,
} from "./fake-openai";
