import { z } from "zod";
import { staffRoles } from "./roles.ts";

const email = z
  .string({ message: "validation.emailInvalid" })
  .trim()
  .toLowerCase()
  .pipe(z.email("validation.emailInvalid").max(254, "validation.emailInvalid"));

export const loginInput = z.object({
  email,
  password: z.string({ message: "validation.passwordRequired" }).min(1, "validation.passwordRequired").max(1000, "validation.passwordRequired"),
});

const name = z
  .string({ message: "validation.nameRequired" })
  .trim()
  .pipe(z.string().min(2, "validation.nameRequired").max(120, "validation.nameTooLong"));

const title = z
  .string({ message: "validation.userTitleTooLong" })
  .trim()
  .max(120, "validation.userTitleTooLong")
  .optional()
  .transform((v) => (v ? v : null));

export const newStaffUserInput = z.object({
  email,
  name,
  title,
  role: z.enum(staffRoles, { message: "validation.roleRequired" }),
  password: z
    .string({ message: "validation.passwordTooShort" })
    .min(12, "validation.passwordTooShort")
    .max(200, "validation.passwordTooLong"),
});

export const staffUserUpdateInput = z.object({
  name,
  title,
  role: z.enum(staffRoles, { message: "validation.roleRequired" }),
  // A checkbox: "on" when ticked; anything else (even a file) means not ticked.
  active: z.unknown().optional().transform((v) => v === "on"),
});
