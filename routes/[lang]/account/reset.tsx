import { z } from "zod";
import {
  InvalidEmailToken,
  isOpaqueToken,
  resetPassword,
  WeakPassword,
} from "../../../commerce/identity/mod.ts";
import { AuthCard } from "../../../components/account/AuthCard.tsx";
import { CsrfField } from "../../../components/account/CsrfField.tsx";
import { Field } from "../../../components/account/Field.tsx";
import { errorMessages } from "../../../components/account/messages.ts";
import { Notice } from "../../../components/account/Notice.tsx";
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

/** The reset page works without JavaScript. */
export const staticPage = true;

/** The posted new-password form. */
const ResetForm = z.object({
  token: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
}).strict();

type ResetData = FormData & {
  state: "form" | "done" | "invalid";
  token: string;
};

/**
 * `/{lang}/account/reset?token=`: the emailed reset link. The form sets a
 * new password (every session of the account is signed out); a used,
 * expired or unknown link says so.
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  GET(c, page) {
    const token = c.req.query("token") ?? "";
    const state = c.req.query("done") === "1"
      ? "done"
      : isOpaqueToken(token)
      ? "form"
      : "invalid";
    return noStore(page.render(
      { ...formData(c), state, token } satisfies ResetData,
      { status: state === "invalid" ? 400 : 200 },
    ));
  },
  async POST(c, page) {
    const form = await readForm(c);
    const token = form.token ?? "";
    const render = (state: ResetData["state"], errors = {}) =>
      noStore(page.render(
        { ...formData(c, { errors }), state, token } satisfies ResetData,
        { status: 400 },
      ));
    const parsed = ResetForm.safeParse(form);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return render(errors.token ? "invalid" : "form", errors);
    }
    try {
      await resetPassword(c.var.db.sql, parsed.data);
    } catch (error) {
      if (error instanceof WeakPassword) {
        return render("form", { password: [...error.problems] });
      }
      if (error instanceof InvalidEmailToken) return render("invalid");
      throw error;
    }
    return seeOther(c, `${accountPath(c, "reset")}?done=1`);
  },
};

/** Title "<page> · <store>"; account pages stay out of search indexes. */
export const head = accountHead("reset");

/** The new-password form, its success state, or an invalid-link message. */
export default function Reset({ data, state }: PageProps<ResetData>) {
  const { t, locale } = state;
  const base = `/${locale.language}/account`;
  if (data.state === "done") {
    return (
      <AuthCard title={t("account.reset.doneTitle")}>
        <Notice tone="success" testId="reset-done">
          {t("account.reset.doneBody")}
        </Notice>
        <a href={`${base}/signin`} class="text-indigo-600 hover:underline">
          {t("account.signin.link")}
        </a>
      </AuthCard>
    );
  }
  if (data.state === "invalid") {
    return (
      <AuthCard title={t("account.reset.invalidTitle")}>
        <Notice tone="error" testId="reset-invalid">
          {t("account.reset.invalidBody")}
        </Notice>
        <a href={`${base}/forgot`} class="text-indigo-600 hover:underline">
          {t("account.reset.requestNew")}
        </a>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("account.reset.title")}>
      <form method="post" action={`${base}/reset`} novalidate>
        <CsrfField token={data.csrf} />
        <input type="hidden" name="token" value={data.token} />
        <Field
          name="password"
          type="password"
          label={t("account.fields.newPassword")}
          errors={errorMessages(t, data.errors.password)}
          autocomplete="new-password"
          required
          hint={<PasswordRules t={t} />}
        />
        <SubmitButton>{t("account.reset.submit")}</SubmitButton>
      </form>
    </AuthCard>
  );
}
