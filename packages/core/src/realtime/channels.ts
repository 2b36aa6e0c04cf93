// Who may subscribe to which realtime channel: the decision behind POST /api/pusher/auth. Every
// channel the app uses names the organization, user or class it is about (see
// packages/validators/src/realtime.ts), so the decision needs the name and the actor only, plus
// the class for a presence channel. Anything else is refused.
//
//   private-user-{id}                      that user only
//   private-org-{org}-dashboard            any active member of the organization
//   private-org-{org}-content-generation   its teachers and admins
//   private-org-{org}-agent-status         its teachers and admins
//   presence-class-{classId}               the class's teacher, its enrolled students, the organization's admins
//
// The class is looked up through the tenant-scoped client, so another organization's class is
// simply not found.
import type { Role } from "@toolboxai/db";
import { type OrgTopic, parseChannel } from "@toolboxai/validators";
import type { ServiceContext } from "../context";

/** What other members of a presence channel see about the subscriber. */
export interface PresenceMember {
  user_id: string;
  user_info: { name: string; role: Role };
}

export type ChannelDecision = { allowed: true; presence?: PresenceMember } | { allowed: false; reason: string };

const ORG_TOPIC_ROLES: Record<OrgTopic, readonly Role[] | "members"> = {
  dashboard: "members",
  "content-generation": ["TEACHER", "ADMIN"],
  "agent-status": ["TEACHER", "ADMIN"],
};

const refuse = (reason: string): ChannelDecision => ({ allowed: false, reason });

export async function authorizeChannel(ctx: ServiceContext, channel: string): Promise<ChannelDecision> {
  const parsed = parseChannel(channel);
  if (!parsed) return refuse("This is not a channel of this app.");
  const { actor } = ctx;
  switch (parsed.kind) {
    case "user":
      return parsed.userId === actor.userId ? { allowed: true } : refuse("This is another user's channel.");
    case "org": {
      if (parsed.orgId !== actor.orgId) return refuse("This channel belongs to another organization.");
      const roles = ORG_TOPIC_ROLES[parsed.topic];
      if (roles !== "members" && !roles.includes(actor.role)) return refuse("Your role does not allow this channel.");
      return { allowed: true };
    }
    case "class": {
      const cls = await ctx.db.class.findFirst({
        where: { id: parsed.classId },
        select: {
          teacherId: true,
          archivedAt: true,
          enrollments: { where: { studentId: actor.userId }, select: { id: true } },
        },
      });
      if (!cls) return refuse("Class not found.");
      const member =
        actor.role === "ADMIN" ||
        cls.teacherId === actor.userId ||
        // Students see their open classes only (as classes.get does).
        (actor.role === "STUDENT" && cls.archivedAt === null && cls.enrollments.length > 0);
      if (!member) return refuse("You are not a member of this class.");
      return {
        allowed: true,
        presence: { user_id: actor.userId, user_info: { name: actor.name, role: actor.role } },
      };
    }
  }
}
