import { z } from "zod";
import {
  InvalidEmail,
  requestPasswordReset,
} from "../../../commerce/identity/mod.ts";
import { AuthCard } from "../../../components/account/AuthCard.tsx";
import { CsrfField } from "../../../components/account/CsrfField.tsx";
import { Field } from "../../../components/account/Field.tsx";
import { errorMessages } from "../../../components/account/messages.ts";
import { Notice } from "../../../components/account/Notice.tsx";
import { SubmitButton } from "../../../components/account/SubmitButton.tsx";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import { accountEmailLinks } from "../../../edge/auth/session.ts";
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

/** The forgotten-password page works without JavaScript. */
export const staticPage = true;

/** The posted forgotten-password form. */
const ForgotForm = z.object({
  email: z.string().trim().min(1).max(254),
}).strict();

type ForgotData = FormData & { sent: boolean };

/**
 * `/{lang}/account/forgot`: email a reset link. Every well-formed address
 * ends in the same "if it has an account, we sent a link" state.
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  GET(c, page) {
    const sent = c.req.query("sent") === "1";
    return noStore(page.render({ ...formData(c), sent } satisfies ForgotData));
  },
  async POST(c, page) {
    const form = await readForm(c);
    const values = { email: form.email ?? "" };
    const rerender = (errors: Record<string, string[]>) =>
      noStore(page.render(
        {
          ...formData(c, { values, errors }),
          sent: false,
        } satisfies ForgotData,
        { status: 400 },
      ));
    const parsed = ForgotForm.safeParse(form);
    if (!parsed.success) return rerender(fieldErrors(parsed.error));
    const { language } = c.var.locale;
    try {
      await requestPasswordReset(c.var.db.sql, {
        email: parsed.data.email,
        language,
        resetUrl: accountEmailLinks(c, language).resetUrl,
      });
    } catch (error) {
      if (!(error instanceof InvalidEmail)) throw error;
      return rerender({ email: ["invalidEmail"] });
    }
    return seeOther(c, `${accountPath(c, "forgot")}?sent=1`);
  },
};

/** Title "<page> · <store>"; account pages stay out of search indexes. */
export const head = accountHead("forgot");

/** The forgotten-password form, or the "link sent" state. */
export default function Forgot({ data, state }: PageProps<ForgotData>) {
  const { t, locale } = state;
  const base = `/${locale.language}/account`;
  if (data.sent) {
    return (
      <AuthCard title={t("account.forgot.sentTitle")}>
        <Notice tone="success" testId="forgot-sent">
          {t("account.forgot.sentBody")}
        </Notice>
        <a href={`${base}/signin`} class="text-indigo-600 hover:underline">
          {t("account.signin.link")}
        </a>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={t("account.forgot.title")}
      intro={t("account.forgot.intro")}
    >
      <form method="post" action={`${base}/forgot`} novalidate>
        <CsrfField token={data.csrf} />
        <Field
          name="email"
          type="email"
          label={t("account.fields.email")}
          value={data.values.email}
          errors={errorMessages(t, data.errors.email)}
          autocomplete="email"
          required
        />
        <SubmitButton>{t("account.forgot.submit")}</SubmitButton>
      </form>
      <p class="mt-6 text-sm">
        <a href={`${base}/signin`} class="text-indigo-600 hover:underline">
          {t("account.signin.link")}
        </a>
      </p>
    </AuthCard>
  );
}
