// Finding: a teacher who duplicated a colleague's published quiz could read the colleague's private
// questions, answer keys included, through `questions.quizQuestions` on the copy. Reproduced here as
// an attacker would, through the app's real tRPC route handler; only next-auth's cookie decoding is
// replaced, the database and every middleware are real.
import { createWorld, type World } from "@toolboxai/api/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const { GET, POST } = await import("./route");

const SECRET_ANSWER = "Titicaca-7f3a";

let w: World;
let authorId: string;
let quizId: string;
let privateQuestionId: string;
let sharedQuestionId: string;

/** A call as `userId`, like a browser on the app's own origin; the superjson-decoded body. */
async function call(userId: string, method: "GET" | "POST", path: string, input: unknown) {
  session.userId = userId;
  const json = encodeURIComponent(JSON.stringify({ json: input }));
  const url = `http://localhost:3000/api/trpc/${path}${method === "GET" ? `?input=${json}` : ""}`;
  const req = new Request(url, {
    method,
    headers: {
      "content-type": "application/json",
      host: "localhost:3000",
      origin: "http://localhost:3000",
      "sec-fetch-site": "same-origin",
    },
    ...(method === "POST" ? { body: JSON.stringify({ json: input }) } : {}),
  });
  const res = await (method === "GET" ? GET(req) : POST(req));
  const text = await res.text();
  const body = JSON.parse(text) as { result?: { data: { json: unknown } } };
  return { status: res.status, text, data: body.result?.data.json };
}

beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  authorId = (
    await w.t.db.user.create({
      data: {
        organizationId: w.orgs.a,
        email: "author@a.test",
        name: "Quiz Author",
        role: "TEACHER",
        passwordHash: "x",
      },
    })
  ).id;
  const quiz = await call(authorId, "POST", "content.create", {
    type: "QUIZ",
    title: "Lakes",
    description: "",
    subject: "Geography",
    gradeLevel: "5",
    tags: [],
    body: { instructions: "" },
  });
  quizId = (quiz.data as { id: string }).id;
  const privateQ = await call(authorId, "POST", "questions.create", {
    type: "SHORT_ANSWER",
    prompt: "The highest navigable lake?",
    answer: { accepted: [SECRET_ANSWER] },
  });
  privateQuestionId = (privateQ.data as { id: string }).id;
  const sharedQ = await call(authorId, "POST", "questions.create", {
    type: "TRUE_FALSE",
    prompt: "Lake Baikal is the deepest lake.",
    answer: { value: true },
  });
  sharedQuestionId = (sharedQ.data as { id: string }).id;
  await call(authorId, "POST", "questions.share", { questionId: sharedQuestionId, access: "VIEW" });
  await call(authorId, "POST", "questions.setQuizQuestions", {
    quizId,
    questionIds: [privateQuestionId, sharedQuestionId],
  });
  const published = await call(authorId, "POST", "content.publish", { contentId: quizId });
  expect(published.status).toBe(200);
});
afterAll(() => w.t.close());

describe("duplicating a colleague's published quiz over HTTP", () => {
  it("does not reveal the colleague's private question or its answer key on the copy", async () => {
    const duplicator = w.users.a.TEACHER.id;
    const copy = await call(duplicator, "POST", "content.duplicate", { contentId: quizId });
    expect(copy.status).toBe(200);
    const copyId = (copy.data as { id: string }).id;

    const listed = await call(duplicator, "GET", "questions.quizQuestions", { quizId: copyId });
    expect(listed.status).toBe(200);
    expect(listed.text).not.toContain(SECRET_ANSWER);
    expect(listed.text).not.toContain(privateQuestionId);
    expect((await call(duplicator, "GET", "questions.get", { questionId: privateQuestionId })).status).toBe(404);
  });

  it("tells the duplicator how many questions were left out, and gives them the shared one as their own", async () => {
    const duplicator = w.users.a.TEACHER.id;
    const copy = await call(duplicator, "POST", "content.duplicate", { contentId: quizId });
    expect(copy.data).toMatchObject({ questionsLeftOut: 1, status: "DRAFT", author: { id: duplicator } });
    const copyId = (copy.data as { id: string }).id;

    const listed = await call(duplicator, "GET", "questions.quizQuestions", { quizId: copyId });
    const rows = listed.data as { question: { id: string; prompt: string; owner: { id: string } } }[];
    expect(rows.map((r) => r.question.prompt)).toEqual(["Lake Baikal is the deepest lake."]);
    expect(rows[0]?.question.id).not.toBe(sharedQuestionId);
    expect(rows[0]?.question.owner.id).toBe(duplicator);
  });

  it("the quiz's author still sees every question of the original", async () => {
    const listed = await call(authorId, "GET", "questions.quizQuestions", { quizId });
    const rows = listed.data as { question: { id: string } }[];
    expect(rows.map((r) => r.question.id)).toEqual([privateQuestionId, sharedQuestionId]);
  });
});
