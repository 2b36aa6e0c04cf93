import { z } from "zod";
import {
  emailSchema,
  idSchema,
  isoDate,
  newPasswordSchema,
  pageInputSchema,
  personNameSchema,
  roleSchema,
} from "./common";
import { EXAMPLE_IDS as ids } from "./examples";
import { textSchema } from "./text";

export const userStatusSchema = z.enum(["active", "deactivated", "all"]);

export const userListInputSchema = pageInputSchema.extend({
  search: textSchema.trim().max(100).optional(),
  role: roleSchema.optional(),
  status: userStatusSchema.default("all"),
});
export type UserListInput = z.input<typeof userListInputSchema>;

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    active: z.boolean(),
    lastSignInAt: isoDate().nullable(),
    createdAt: isoDate(),
  })
  .meta({
    id: "User",
    examples: [
      {
        id: "cm4student0000000000000",
        email: "sam@school.example",
        name: "Sam Student",
        role: "STUDENT",
        active: true,
        lastSignInAt: null,
        createdAt: "2026-01-05T09:00:00.000Z",
      },
    ],
  });
export type UserView = z.infer<typeof userSchema>;

export const userListSchema = z.object({
  items: z.array(userSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
});

export const createUserSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    role: roleSchema,
    /** Leave empty to have a temporary password generated and shown once. */
    password: z.union([z.literal(""), newPasswordSchema]).optional(),
  })
  .meta({ examples: [{ name: "Maya Lopez", email: "maya.lopez@school.example", role: "STUDENT", password: "" }] });
export type CreateUserInput = z.input<typeof createUserSchema>;

export const createdUserSchema = z.object({
  user: userSchema,
  /** Set only when the server generated the password; shown to the admin once. */
  temporaryPassword: z.string().nullable(),
});

export const changeRoleSchema = z
  .object({ userId: idSchema, role: roleSchema })
  .meta({ examples: [{ userId: ids.teacher, role: "TEACHER" }] });
export const userIdSchema = z.object({ userId: idSchema });

export const parentLinksInputSchema = z.object({ parentId: idSchema });
export const linkParentSchema = z
  .object({
    parentId: idSchema,
    studentIds: z.array(idSchema).min(1, "Choose at least one child.").max(20, "Link at most 20 children at a time."),
  })
  .meta({ examples: [{ parentId: ids.parent, studentIds: [ids.student] }] });
export type LinkParentInput = z.input<typeof linkParentSchema>;
export const unlinkParentSchema = z.object({ parentId: idSchema, studentId: idSchema });
export const parentLinksSchema = z.object({
  parentId: z.string(),
  children: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
});
export type ParentLinks = z.infer<typeof parentLinksSchema>;

/** An admin edits a person's name and email (unique within the organization). */
export const updateUserSchema = z
  .object({ userId: idSchema, name: personNameSchema, email: emailSchema })
  .meta({ examples: [{ userId: ids.student, name: "Maya López", email: "maya.lopez@school.example" }] });
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const deletedUserSchema = z.object({ userId: z.string(), name: z.string() });

/** A single-use password reset link an admin made, shown once to copy. */
export const resetLinkSchema = z.object({
  url: z.string(),
  expiresAt: isoDate(),
  /** Whether the link was also sent to the person by mail (false when mail is not configured). */
  emailed: z.boolean(),
});
export type ResetLink = z.infer<typeof resetLinkSchema>;
