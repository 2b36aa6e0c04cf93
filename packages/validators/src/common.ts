import { z } from "zod";
import { textSchema } from "./text";

/** The four roles of the product. Mirrors the Prisma `Role` enum (a type test in apps/web keeps them equal). */
export const roles = ["ADMIN", "TEACHER", "STUDENT", "PARENT"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const idSchema = textSchema.min(1, "Required").max(64);

export const emailSchema = textSchema
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254, "Email is too long"));

export const personNameSchema = textSchema.trim().min(1, "Enter a name").max(100, "Name is at most 100 characters");

/** Password rules for any password a person chooses. */
export const newPasswordSchema = textSchema
  .min(10, "Use at least 10 characters")
  .max(128, "Use at most 128 characters")
  .refine((p) => /[A-Za-z]/.test(p) && /[^A-Za-z]/.test(p), "Mix letters with digits or symbols");

export const pageInputSchema = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const tagSchema = textSchema.trim().toLowerCase().min(1).max(40);
