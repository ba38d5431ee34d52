import { z } from "zod";
import {
  InvalidEmail,
  registerUser,
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

/** The sign-up page works without JavaScript. */
export const staticPage = true;

/** The posted sign-up form. */
const SignupForm = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
}).strict();

type SignupData = FormData & { sent: boolean };

/**
 * `/{lang}/account/signup`: create an account. Success redirects to the
 * "check your email" state (`?sent=1`), whether or not the address was
 * free, so the page never tells who has an account.
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  GET(c, page) {
    const sent = c.req.query("sent") === "1";
    return noStore(page.render({ ...formData(c), sent } satisfies SignupData));
  },
  async POST(c, page) {
    const form = await readForm(c);
    const values = { name: form.name ?? "", email: form.email ?? "" };
    const rerender = (errors: Record<string, string[]>) =>
      noStore(page.render(
        {
          ...formData(c, { values, errors }),
          sent: false,
        } satisfies SignupData,
        { status: 400 },
      ));
    const parsed = SignupForm.safeParse(form);
    if (!parsed.success) return rerender(fieldErrors(parsed.error));
    const { language } = c.var.locale;
    try {
      await registerUser(c.var.db.sql, {
        ...parsed.data,
        language,
        verifyUrl: accountEmailLinks(c, language).verifyUrl,
      });
    } catch (error) {
      if (error instanceof WeakPassword) {
        return rerender({ password: [...error.problems] });
      }
      if (error instanceof InvalidEmail) {
        return rerender({ email: ["invalidEmail"] });
      }
      throw error;
    }
    return seeOther(c, `${accountPath(c, "signup")}?sent=1`);
  },
};

/** Title "<page> · <store>"; account pages stay out of search indexes. */
export const head = accountHead("signup");

/** The sign-up form, or the "check your email" state after it. */
export default function Signup({ data, state }: PageProps<SignupData>) {
  const { t, locale } = state;
  const base = `/${locale.language}/account`;
  if (data.sent) {
    return (
      <AuthCard title={t("account.signup.sentTitle")}>
        <Notice tone="success" testId="signup-sent">
          {t("account.signup.sentBody")}
        </Notice>
        <a href={`${base}/signin`} class="text-indigo-600 hover:underline">
          {t("account.signin.link")}
        </a>
      </AuthCard>
    );
  }
  const { values, errors } = data;
  return (
    <AuthCard
      title={t("account.signup.title")}
      intro={t("account.signup.intro")}
    >
      <form method="post" action={`${base}/signup`} novalidate>
        <CsrfField token={data.csrf} />
        <Field
          name="name"
          label={t("account.fields.name")}
          value={values.name}
          errors={errorMessages(t, errors.name)}
          autocomplete="name"
          required
          maxLength={100}
        />
        <Field
          name="email"
          type="email"
          label={t("account.fields.email")}
          value={values.email}
          errors={errorMessages(t, errors.email)}
          autocomplete="email"
          required
        />
        <Field
          name="password"
          type="password"
          label={t("account.fields.password")}
          errors={errorMessages(t, errors.password)}
          autocomplete="new-password"
          required
          hint={<PasswordRules t={t} />}
        />
        <SubmitButton>{t("account.signup.submit")}</SubmitButton>
      </form>
      <p class="mt-6 text-sm text-gray-600">
        {t("account.signup.haveAccount")}{" "}
        <a href={`${base}/signin`} class="text-indigo-600 hover:underline">
          {t("account.signin.link")}
        </a>
      </p>
    </AuthCard>
  );
}
