import { z } from "zod";
import {
  changePassword,
  InvalidCredentials,
  WeakPassword,
} from "../../../commerce/identity/mod.ts";
import { AuthCard } from "../../../components/account/AuthCard.tsx";
import { CsrfField } from "../../../components/account/CsrfField.tsx";
import { Field } from "../../../components/account/Field.tsx";
import { errorMessages } from "../../../components/account/messages.ts";
import { PasswordRules } from "../../../components/account/PasswordRules.tsx";
import { SubmitButton } from "../../../components/account/SubmitButton.tsx";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import {
  accountHead,
  accountPath,
  fieldErrors,
  type FormData,
  formData,
  noStore,
  readForm,
  seeOther,
} from "./_form.ts";

/** The password page works without JavaScript. */
export const staticPage = true;

/** The posted password form. */
const PasswordForm = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
}).strict();

/**
 * `/{lang}/account/password`: the signed-in shopper changes their password
 * (anonymous visitors are sent to sign in). Success keeps this browser's
 * session, ends every other one and returns to the account with a notice.
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  GET(c, page) {
    if (!c.var.user) return seeOther(c, accountPath(c, "signin"));
    return noStore(page.render(formData(c) satisfies FormData));
  },
  async POST(c, page) {
    const user = c.var.user;
    if (!user) return seeOther(c, accountPath(c, "signin"));
    const rerender = (errors: Record<string, string[]>) =>
      noStore(page.render(
        formData(c, { errors }) satisfies FormData,
        { status: 400 },
      ));
    const parsed = PasswordForm.safeParse(await readForm(c));
    if (!parsed.success) return rerender(fieldErrors(parsed.error));
    try {
      await changePassword(c.var.db.sql, {
        userId: user.id,
        ...parsed.data,
        keepFamilyId: user.sessionId,
      });
    } catch (error) {
      if (error instanceof InvalidCredentials) {
        return rerender({ currentPassword: ["wrongPassword"] });
      }
      if (error instanceof WeakPassword) {
        return rerender({ newPassword: [...error.problems] });
      }
      throw error;
    }
    return seeOther(c, `${accountPath(c)}?password=changed`);
  },
};

/** Title "<page> · <store>"; account pages stay out of search indexes. */
export const head = accountHead("password");

/** The change-password form: current password, new password and its rules. */
export default function Password({ data, state }: PageProps<FormData>) {
  const { t, locale } = state;
  const base = `/${locale.language}/account`;
  const { errors } = data;
  return (
    <AuthCard
      title={t("account.password.title")}
      intro={t("account.password.intro")}
    >
      <form
        method="post"
        action={`${base}/password`}
        novalidate
        data-testid="password-form"
      >
        <CsrfField token={data.csrf} />
        <Field
          name="currentPassword"
          type="password"
          label={t("account.fields.currentPassword")}
          errors={errorMessages(t, errors.currentPassword)}
          autocomplete="current-password"
          required
        />
        <Field
          name="newPassword"
          type="password"
          label={t("account.fields.newPassword")}
          errors={errorMessages(t, errors.newPassword)}
          autocomplete="new-password"
          required
          hint={<PasswordRules t={t} />}
        />
        <SubmitButton>{t("account.password.submit")}</SubmitButton>
      </form>
      <p class="mt-6 text-sm">
        <a href={base} class="text-indigo-600 hover:underline">
          {t("account.home.back")}
        </a>
      </p>
    </AuthCard>
  );
}
