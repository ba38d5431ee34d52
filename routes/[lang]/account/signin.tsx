import { z } from "zod";
import {
  AccountDisabled,
  InvalidCredentials,
} from "../../../commerce/identity/mod.ts";
import { AuthCard } from "../../../components/account/AuthCard.tsx";
import { CsrfField } from "../../../components/account/CsrfField.tsx";
import { Field } from "../../../components/account/Field.tsx";
import { errorMessages } from "../../../components/account/messages.ts";
import { Notice } from "../../../components/account/Notice.tsx";
import { SubmitButton } from "../../../components/account/SubmitButton.tsx";
import { signIn } from "../../../edge/auth/session.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import { TooManyRequests } from "../../../edge/middleware/rate_limit.ts";
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

/** The sign-in page works without JavaScript. */
export const staticPage = true;

/** The posted sign-in form. */
const SigninForm = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
  next: z.string().max(500).optional(),
}).strict();

type SigninData = FormData & {
  /** Where to go once signed in (a path of this store), when not the account. */
  next?: string;
  /** The email or password was wrong (one message for both). */
  invalid?: boolean;
  /** The password was right but staff disabled the account. */
  disabled?: boolean;
  /** Too many failures: seconds to wait. */
  retryAfter?: number;
};

/**
 * A path of this store to return to after signing in (`?next=`, e.g. the
 * checkout): only a same-origin path, never another site (`//evil.example`,
 * `/\evil.example`, a scheme), so the parameter cannot redirect away.
 */
function safeNext(value: string | undefined): string | undefined {
  if (!value || value.length > 500) return undefined;
  if (!value.startsWith("/") || value.startsWith("//")) return undefined;
  // Browsers read "\" as "/" and strip control characters.
  if (
    [...value].some((char) => char === "\\" || char < " " || char === "\x7f")
  ) {
    return undefined;
  }
  const base = "http://store.invalid";
  const url = new URL(value, base);
  if (url.origin !== base) return undefined;
  return url.pathname + url.search + url.hash;
}

/**
 * `/{lang}/account/signin`: sign in with email and password, then on to the
 * account page, or to `?next=` (a path of this store, e.g. back to the
 * checkout). Signing in moves the browser's guest cart into the account.
 * Failures slow the account down exactly as the API's login does (they
 * share the counter).
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  GET(c, page) {
    const next = safeNext(c.req.query("next"));
    if (c.var.user) return seeOther(c, next ?? accountPath(c));
    return noStore(page.render({ ...formData(c), next } satisfies SigninData));
  },
  async POST(c, page) {
    const form = await readForm(c);
    const values = { email: form.email ?? "" };
    const next = safeNext(form.next);
    const rerender = (data: Partial<SigninData>, status: number) =>
      noStore(page.render(
        { ...formData(c, { values }), next, ...data } satisfies SigninData,
        { status },
      ));
    const parsed = SigninForm.safeParse(form);
    if (!parsed.success) {
      return rerender({ errors: fieldErrors(parsed.error) }, 400);
    }
    try {
      await signIn(c, { ...parsed.data, client: "browser" });
    } catch (error) {
      if (error instanceof TooManyRequests) {
        return rerender({ retryAfter: error.retryAfterSeconds }, 429);
      }
      if (error instanceof AccountDisabled) {
        return rerender({ disabled: true }, 403);
      }
      if (error instanceof InvalidCredentials) {
        return rerender({ invalid: true }, 401);
      }
      throw error;
    }
    return seeOther(c, next ?? accountPath(c));
  },
};

/** Title "<page> · <store>"; account pages stay out of search indexes. */
export const head = accountHead("signin");

/** The sign-in form. */
export default function Signin({ data, state }: PageProps<SigninData>) {
  const { t, locale } = state;
  const base = `/${locale.language}/account`;
  const { values, errors } = data;
  return (
    <AuthCard title={t("account.signin.title")}>
      {data.invalid && (
        <Notice tone="error" testId="signin-invalid">
          {t("account.signin.invalid")}
        </Notice>
      )}
      {data.disabled && (
        <Notice tone="error" testId="signin-disabled">
          {t("account.signin.disabled")}
        </Notice>
      )}
      {data.retryAfter !== undefined && (
        <Notice tone="error" testId="signin-wait">
          {t("account.signin.tooMany", { seconds: data.retryAfter })}
        </Notice>
      )}
      <form method="post" action={`${base}/signin`} novalidate>
        <CsrfField token={data.csrf} />
        {data.next && <input type="hidden" name="next" value={data.next} />}
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
          autocomplete="current-password"
          required
        />
        <SubmitButton>{t("account.signin.submit")}</SubmitButton>
      </form>
      <p class="mt-6 flex flex-col gap-2 text-sm text-gray-600">
        <a href={`${base}/forgot`} class="text-indigo-600 hover:underline">
          {t("account.forgot.link")}
        </a>
        <span>
          {t("account.signin.noAccount")}{" "}
          <a href={`${base}/signup`} class="text-indigo-600 hover:underline">
            {t("account.signup.link")}
          </a>
        </span>
      </p>
    </AuthCard>
  );
}
