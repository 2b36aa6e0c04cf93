// Idempotent demo data: one organization with an admin, two teachers, six students and a
// parent linked to a student. Running it again updates nothing that exists.
import type { Database } from "./client";
import type { Prisma } from "./generated/prisma/client";
import { Role } from "./generated/prisma/enums";
import { hashPassword } from "./passwords";
import { seedDemoActivity } from "./seed-activity";

export const DEMO_PASSWORD = "learn-with-toolbox";
export const DEMO_ORG = { name: "Maple Grove Middle School", slug: "maple-grove" } as const;

export const DEMO_USERS = [
  { email: "admin@maplegrove.test", name: "Alex Morgan", role: Role.ADMIN },
  { email: "rivera@maplegrove.test", name: "Sofia Rivera", role: Role.TEACHER },
  { email: "chen@maplegrove.test", name: "Daniel Chen", role: Role.TEACHER },
  { email: "ava@maplegrove.test", name: "Ava Johnson", role: Role.STUDENT },
  { email: "liam@maplegrove.test", name: "Liam Patel", role: Role.STUDENT },
  { email: "noah@maplegrove.test", name: "Noah Kim", role: Role.STUDENT },
  { email: "emma@maplegrove.test", name: "Emma Garcia", role: Role.STUDENT },
  { email: "mia@maplegrove.test", name: "Mia Brown", role: Role.STUDENT },
  { email: "lucas@maplegrove.test", name: "Lucas Nguyen", role: Role.STUDENT },
  { email: "parent@maplegrove.test", name: "Jordan Johnson", role: Role.PARENT },
] as const;

export interface SeedResult {
  created: boolean;
  organizationId: string;
  signIns: { email: string; role: Role; password: string }[];
}

export async function seedDemo(db: Database): Promise<SeedResult> {
  const existing = await db.organization.findUnique({ where: { slug: DEMO_ORG.slug } });
  const org =
    existing ?? (await db.organization.create({ data: { name: DEMO_ORG.name, slug: DEMO_ORG.slug, plan: "PREMIUM" } }));

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  // The demo school has been running for six weeks (its dashboards show that history), and its
  // people joined in this order.
  const joined = Date.now() - 42 * DAY;
  for (const [i, u] of DEMO_USERS.entries()) {
    const user = await db.user.upsert({
      where: { organizationId_email: { organizationId: org.id, email: u.email } },
      update: {},
      create: { ...u, organizationId: org.id, passwordHash, createdAt: new Date(joined + i * 60_000) },
    });
    ids.set(u.email, user.id);
  }

  const parentId = ids.get("parent@maplegrove.test");
  const studentId = ids.get("ava@maplegrove.test");
  if (parentId && studentId) {
    await db.parentStudentLink.upsert({
      where: { parentId_studentId: { parentId, studentId } },
      update: {},
      create: { organizationId: org.id, parentId, studentId },
    });
  }

  const teacherId = ids.get("rivera@maplegrove.test");
  if (teacherId) {
    const studentIds = DEMO_USERS.filter((u) => u.role === Role.STUDENT).flatMap((u) => ids.get(u.email) ?? []);
    if (await seedDemoClass(db, { organizationId: org.id, teacherId, studentIds })) {
      await seedDemoActivity(db, org.id);
    }
  }

  return {
    created: !existing,
    organizationId: org.id,
    signIns: DEMO_USERS.filter((u) => u.role !== Role.STUDENT || u.email === "ava@maplegrove.test").map((u) => ({
      email: u.email,
      role: u.role,
      password: DEMO_PASSWORD,
    })),
  };
}

const DAY = 24 * 3600 * 1000;

const LESSON_SECTIONS = [
  {
    id: "light",
    heading: "Plants catch light",
    markdown:
      "Leaves are full of **chloroplasts**, tiny parts of the cell that hold a green pigment called chlorophyll. Chlorophyll absorbs red and blue light and reflects green, which is why leaves look green.",
    media: [],
  },
  {
    id: "ingredients",
    heading: "The ingredients",
    markdown:
      "Plants take in **carbon dioxide** from the air through small openings called stomata, and **water** from the soil through their roots.",
    media: [],
  },
  {
    id: "equation",
    heading: "Making sugar and oxygen",
    markdown:
      "Using the energy of light, the plant turns 6 molecules of carbon dioxide and 6 of water into one molecule of glucose and 6 molecules of oxygen:\n\n6 CO2 + 6 H2O -> C6H12O6 + 6 O2",
    media: [],
  },
];

const QUIZ_QUESTIONS = [
  {
    type: "SINGLE_CHOICE" as const,
    prompt: "Which part of the plant cell holds chlorophyll?",
    options: [
      { id: "a", text: "Chloroplast" },
      { id: "b", text: "Nucleus" },
      { id: "c", text: "Cell wall" },
    ],
    answer: { correct: ["a"] },
    explanation: "Chloroplasts contain chlorophyll, which absorbs light.",
  },
  {
    type: "TRUE_FALSE" as const,
    prompt: "Plants release oxygen during photosynthesis.",
    options: [],
    answer: { value: true },
    explanation: "Oxygen is a product of photosynthesis.",
  },
  {
    type: "NUMERIC" as const,
    prompt: "How many molecules of oxygen does one glucose molecule's worth of photosynthesis release?",
    options: [],
    answer: { value: 6, tolerance: 0 },
    explanation: "6 CO2 + 6 H2O -> C6H12O6 + 6 O2.",
  },
];

/** What each demo student answered (by question index) and whether it was right. */
const SUBMISSIONS: { responses: Prisma.InputJsonObject[]; correct: boolean[] }[] = [
  { responses: [{ selected: ["a"] }, { value: true }, { number: 6 }], correct: [true, true, true] },
  { responses: [{ selected: ["a"] }, { value: false }, { number: 6 }], correct: [true, false, true] },
  { responses: [{ selected: ["b"] }, { value: true }, { number: 2 }], correct: [false, true, false] },
];

/**
 * A living demo class for the first run: Ms. Rivera's Life Science with all six students, a
 * published lesson and quiz assigned, some students done, and an announcement. Skipped when
 * the class already exists, so the seed stays idempotent.
 */
async function seedDemoClass(
  db: Database,
  ids: { organizationId: string; teacherId: string; studentIds: string[] },
): Promise<boolean> {
  const { organizationId, teacherId, studentIds } = ids;
  const existing = await db.class.findFirst({ where: { organizationId, teacherId, name: "Life Science · Period 3" } });
  if (existing) return false;
  const now = Date.now();
  const cls = await db.class.create({
    data: {
      organizationId,
      teacherId,
      name: "Life Science · Period 3",
      subject: "Science",
      gradeLevel: "7",
      joinCode: "PLNT7S",
    },
  });
  await db.enrollment.createMany({
    data: studentIds.map((studentId) => ({ organizationId, classId: cls.id, studentId })),
  });

  const lesson = await db.contentItem.create({
    data: {
      organizationId,
      authorId: teacherId,
      type: "LESSON",
      title: "Photosynthesis: how plants make food",
      description: "How leaves turn light, water and carbon dioxide into sugar and oxygen.",
      subject: "Science",
      gradeLevel: "7",
      tags: ["photosynthesis", "plants"],
      body: { sections: LESSON_SECTIONS },
      searchText: LESSON_SECTIONS.map((s) => `${s.heading} ${s.markdown}`).join(" "),
      status: "PUBLISHED",
      createdAt: new Date(now - 8 * DAY),
      publishedAt: new Date(now - 5 * DAY),
    },
  });
  const quiz = await db.contentItem.create({
    data: {
      organizationId,
      authorId: teacherId,
      type: "QUIZ",
      title: "Photosynthesis check",
      description: "Three quick questions on the lesson.",
      subject: "Science",
      gradeLevel: "7",
      tags: ["photosynthesis"],
      body: { instructions: "Answer all three questions. You have two attempts.", draw: null },
      searchText: "Answer all three questions.",
      status: "PUBLISHED",
      createdAt: new Date(now - 8 * DAY),
      publishedAt: new Date(now - 5 * DAY),
    },
  });
  const questions = [];
  for (const [position, q] of QUIZ_QUESTIONS.entries()) {
    const question = await db.question.create({
      data: { organizationId, ownerId: teacherId, ...q, points: 1, tags: ["photosynthesis"], sharedAccess: "VIEW" },
    });
    questions.push(question);
    await db.quizQuestion.create({ data: { organizationId, quizId: quiz.id, questionId: question.id, position } });
  }
  await db.contentItem.create({
    data: {
      organizationId,
      authorId: teacherId,
      type: "ACTIVITY",
      title: "Leaf window experiment",
      description: "Watch a leaf make oxygen bubbles.",
      subject: "Science",
      gradeLevel: "7",
      tags: ["photosynthesis", "lab"],
      createdAt: new Date(now - 2 * DAY),
      body: {
        instructions: "Work in pairs. Put a fresh leaf in a glass of water in bright sunlight.",
        steps: [
          { id: "setup", text: "Fill a clear glass with water and add the leaf." },
          { id: "wait", text: "Leave it in the sun for 30 minutes." },
          { id: "observe", text: "Draw the bubbles you see on the leaf and explain them." },
        ],
      },
      searchText: "Leaf bubbles oxygen sunlight",
      status: "DRAFT",
    },
  });

  const lessonAssignment = await db.assignment.create({
    data: {
      organizationId,
      classId: cls.id,
      contentId: lesson.id,
      assignedById: teacherId,
      dueAt: new Date(now + 2 * DAY),
    },
  });
  const quizAssignment = await db.assignment.create({
    data: {
      organizationId,
      classId: cls.id,
      contentId: quiz.id,
      assignedById: teacherId,
      dueAt: new Date(now + 4 * DAY),
      maxAttempts: 2,
      showCorrectAnswers: true,
    },
  });

  // Students 2-4 have read the lesson; students 2-4 submitted the quiz (the first demo student,
  // Ava, is left with everything to do so the student journey starts fresh).
  for (const [i, studentId] of studentIds.slice(1, 4).entries()) {
    await db.lessonProgress.create({
      data: {
        organizationId,
        assignmentId: lessonAssignment.id,
        contentId: lesson.id,
        studentId,
        completedSections: LESSON_SECTIONS.map((s) => s.id),
        completedAt: new Date(now - (3 - i) * DAY),
      },
    });
    const submission = SUBMISSIONS[i] as (typeof SUBMISSIONS)[number];
    const score = submission.correct.filter(Boolean).length;
    const attempt = await db.attempt.create({
      data: {
        organizationId,
        assignmentId: quizAssignment.id,
        studentId,
        number: 1,
        status: "SUBMITTED",
        questionIds: questions.map((q) => q.id),
        responses: Object.fromEntries(questions.map((q, j) => [q.id, submission.responses[j]])),
        score,
        maxScore: questions.length,
        startedAt: new Date(now - (2 - i * 0.1) * DAY),
        submittedAt: new Date(now - (2 - i * 0.1) * DAY + 10 * 60 * 1000),
        // Each student saw their result when they submitted: no "new grade" to show.
        resultSeenAt: new Date(now - (2 - i * 0.1) * DAY + 10 * 60 * 1000),
      },
    });
    await db.attemptAnswer.createMany({
      data: questions.map((q, j) => ({
        organizationId,
        attemptId: attempt.id,
        questionId: q.id,
        response: submission.responses[j] as Prisma.InputJsonObject,
        correct: submission.correct[j] as boolean,
        points: submission.correct[j] ? 1 : 0,
        maxPoints: 1,
      })),
    });
  }

  const thread = await db.messageThread.create({
    data: {
      organizationId,
      kind: "ANNOUNCEMENT",
      classId: cls.id,
      subject: "Welcome to Life Science!",
      createdById: teacherId,
      lastMessageAt: new Date(now - 6 * DAY),
      createdAt: new Date(now - 6 * DAY),
    },
  });
  await db.threadParticipant.createMany({
    data: [teacherId, ...studentIds].map((userId) => ({
      organizationId,
      threadId: thread.id,
      userId,
      lastReadAt: userId === teacherId ? new Date(now) : null,
    })),
  });
  await db.message.create({
    data: {
      organizationId,
      threadId: thread.id,
      authorId: teacherId,
      body: "This week we study photosynthesis. Read the lesson before Thursday, then take the quiz.",
      createdAt: new Date(now - 6 * DAY),
    },
  });
  return true;
}
