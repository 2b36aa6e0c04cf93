// Who a person may start a direct thread with, grouped by the classes they share.
import type { Prisma, Role } from "@toolboxai/db";
import type { ServiceContext } from "../context";
import { activeStudent, activeUser, MESSAGING_ROLES } from "./message-common";

const ADMIN_RECIPIENT_LIMIT = 500;

type Recipient = { id: string; name: string; role: Role };
interface Group {
  classId: string | null;
  className: string | null;
  people: Recipient[];
}

/** Lists each person once, under the first group that holds them; drops groups left empty. */
function oncePerPerson(groups: Group[]): Group[] {
  const seen = new Set<string>();
  return groups
    .map((g) => ({
      ...g,
      people: g.people.filter((p) => {
        if (seen.has(p.id)) return false;
        seen.add(p.id);
        return true;
      }),
    }))
    .filter((g) => g.people.length > 0);
}

const recipientView = { id: true, name: true, role: true } satisfies Prisma.UserSelect;

/**
 * Who the actor may start a direct thread with, grouped by a class they share. Each person is
 * listed once (under the first such class), however many classes they share with the actor.
 */
export async function recipients(ctx: ServiceContext): Promise<Group[]> {
  const me = ctx.actor.userId;
  switch (ctx.actor.role) {
    case "TEACHER": {
      const classes = await ctx.db.class.findMany({
        where: { teacherId: me, archivedAt: null },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: {
          id: true,
          name: true,
          enrollments: {
            where: { student: activeUser },
            orderBy: { student: { name: "asc" } },
            select: {
              student: {
                select: {
                  ...recipientView,
                  parents: {
                    where: { parent: activeUser },
                    orderBy: { parent: { name: "asc" } },
                    select: { parent: { select: recipientView } },
                  },
                },
              },
            },
          },
        },
      });
      return oncePerPerson(
        classes.map((c) => {
          const students = c.enrollments.map(({ student: { parents: _, ...s } }) => s);
          const parents = c.enrollments
            .flatMap((e) => e.student.parents.map((l) => l.parent))
            .sort((a, b) => a.name.localeCompare(b.name));
          return { classId: c.id, className: c.name, people: [...students, ...parents] };
        }),
      );
    }
    case "STUDENT":
    case "PARENT": {
      const enrolled: Prisma.EnrollmentWhereInput =
        ctx.actor.role === "STUDENT" ? { studentId: me } : { student: activeStudent(me) };
      const classes = await ctx.db.class.findMany({
        where: { archivedAt: null, enrollments: { some: enrolled }, teacher: activeUser },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: { id: true, name: true, teacher: { select: recipientView } },
      });
      return oncePerPerson(classes.map((c) => ({ classId: c.id, className: c.name, people: [c.teacher] })));
    }
    case "ADMIN": {
      const people = await ctx.db.user.findMany({
        where: { id: { not: me }, role: { in: MESSAGING_ROLES }, ...activeUser },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        select: recipientView,
        take: ADMIN_RECIPIENT_LIMIT,
      });
      return people.length > 0 ? [{ classId: null, className: null, people }] : [];
    }
    default:
      return [];
  }
}
