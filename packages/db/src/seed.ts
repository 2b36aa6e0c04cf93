// Idempotent demo data: one organization with an admin, two teachers, six students and a
// parent linked to a student. Running it again updates nothing that exists.
import type { Database } from "./client";
import { Role } from "./generated/prisma/enums";
import { hashPassword } from "./passwords";

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
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({
      where: { email: u.email },
      update: {},
      create: { ...u, organizationId: org.id, passwordHash },
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
