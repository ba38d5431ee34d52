/**
 * Request bodies of the auth endpoints. Passwords are checked against the
 * policy by the identity module, not here, so its codes reach the client.
 *
 * @module
 */
import { z } from "zod";
import { LANGUAGES } from "../../../commerce/localization/mod.ts";

const email = z.string().trim().min(3).max(254);
const password = z.string().min(1).max(1024);
const client = z.enum(["browser", "api"]).default("browser");

/** `POST /api/auth/register`. */
export const RegisterBody = z.object({
  email,
  password,
  name: z.string().trim().min(1).max(100),
  language: z.enum(LANGUAGES).optional(),
}).strict();

/** `POST /api/auth/login`. */
export const LoginBody = z.object({ email, password, client }).strict();

/** `POST /api/auth/refresh` (the token may come from the cookie instead). */
export const RefreshBody = z.object({
  refreshToken: z.string().max(200).optional(),
  client,
}).strict();

/** `POST /api/auth/logout`. */
export const LogoutBody = z.object({
  refreshToken: z.string().max(200).optional(),
}).strict();

/** `POST /api/auth/forgot_password`. */
export const ForgotPasswordBody = z.object({
  email,
  language: z.enum(LANGUAGES).optional(),
}).strict();

/** `POST /api/auth/reset_password`. */
export const ResetPasswordBody = z.object({
  token: z.string().min(1).max(200),
  password,
}).strict();

/** `POST /api/auth/verify_email`. */
export const VerifyEmailBody = z.object({
  token: z.string().min(1).max(200),
}).strict();

/** `POST /api/auth/resend_verification`. */
export const ResendVerificationBody = z.object({ email }).strict();

/** `POST /api/auth/change_password` (signed in). */
export const ChangePasswordBody = z.object({
  currentPassword: password,
  newPassword: password,
}).strict();
