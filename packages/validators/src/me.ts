import { z } from "zod";
import { isoDate, newPasswordSchema, personNameSchema, roleSchema } from "./common";
import { EXAMPLE_IDS as ids } from "./examples";
import { textSchema } from "./text";

export const profileSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
    lastSignInAt: isoDate().nullable(),
    createdAt: isoDate(),
  })
  .meta({
    id: "Profile",
    examples: [
      {
        id: ids.teacher,
        email: "r.okafor@lincoln-ms.example",
        name: "Rosa Okafor",
        role: "TEACHER",
        organization: { id: ids.organization, name: "Lincoln Middle School", slug: "lincoln-ms" },
        lastSignInAt: "2026-12-01T14:02:11.000Z",
        createdAt: "2026-08-20T09:00:00.000Z",
      },
    ],
  });
export type Profile = z.infer<typeof profileSchema>;

export const updateProfileSchema = z.object({ name: personNameSchema });
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: textSchema.min(1, "Enter your current password").max(128),
    newPassword: newPasswordSchema,
    confirmPassword: textSchema.max(128),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "The passwords don't match",
    path: ["confirmPassword"],
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    message: "Choose a password different from the current one",
    path: ["newPassword"],
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
