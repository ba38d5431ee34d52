import {
  getProfile,
  ProfilePatch,
  revokeAllSessions,
  revokeSession,
  updateProfile,
} from "../../../commerce/identity/mod.ts";
import { AuthCard } from "../../../components/account/AuthCard.tsx";
import { CsrfField } from "../../../components/account/CsrfField.tsx";
import { Notice } from "../../../components/account/Notice.tsx";
import {
  ProfileForm,
  type ProfileFormValues,
} from "../../../components/account/ProfileForm.tsx";
import { SubmitButton } from "../../../components/account/SubmitButton.tsx";
import { endSession } from "../../../edge/auth/session.ts";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import type { AppContext } from "../../../edge/env.ts";
import { Invalid, NotFound } from "../../../edge/errors.ts";
import {
  accountHead,
  accountPath,
  type FieldErrors,
  fieldErrors,
  formData,
  noStore,
  readForm,
  seeOther,
} from "./_form.ts";

/** The account page works without JavaScript. */
export const staticPage = true;

type AccountData = {
  csrf: string;
  name: string;
  email: string;
  emailVerified: boolean;
  values: ProfileFormValues;
  errors: FieldErrors;
  saved: boolean;
  passwordChanged: boolean;
};

/**
 * `/{lang}/account`: the signed-in shopper's account (anonymous visitors
 * are sent to sign in). Shows name and email, saves the profile form, and
 * signs out this browser or every session.
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  async GET(c, page) {
    const profile = await currentProfile(c);
    if (!profile) return toSignin(c);
    return noStore(page.render(
      {
        ...formData(c),
        ...profile,
        values: {
          name: profile.name,
          preferredLanguage: profile.preferredLanguage ?? "",
          preferredCurrency: profile.preferredCurrency ?? "",
        },
        saved: c.req.query("saved") === "1",
        passwordChanged: c.req.query("password") === "changed",
      } satisfies AccountData,
    ));
  },
  async POST(c, page) {
    const user = c.var.user;
    if (!user) return toSignin(c);
    const form = await readForm(c);
    const sql = c.var.db.sql;
    if (form.intent === "signout" || form.intent === "signout_all") {
      // The refresh cookie is scoped to /api/auth and never arrives here:
      // the access token's session id names the session to end instead.
      if (form.intent === "signout_all") await revokeAllSessions(sql, user.id);
      else if (user.sessionId) {
        await revokeSession(sql, { userId: user.id, familyId: user.sessionId });
      }
      endSession(c);
      return seeOther(c, `/${c.var.locale.language}/`);
    }
    const values: ProfileFormValues = {
      name: form.name ?? "",
      preferredLanguage: form.preferredLanguage ?? "",
      preferredCurrency: form.preferredCurrency ?? "",
    };
    const rerender = async (errors: FieldErrors) => {
      const profile = await currentProfile(c);
      if (!profile) return toSignin(c);
      return noStore(page.render(
        {
          ...formData(c),
          ...profile,
          values,
          errors,
          saved: false,
          passwordChanged: false,
        } satisfies AccountData,
        { status: 400 },
      ));
    };
    const patch = ProfilePatch.safeParse({
      name: values.name,
      preferredLanguage: values.preferredLanguage || null,
      preferredCurrency: values.preferredCurrency || null,
    });
    if (!patch.success) return await rerender(fieldErrors(patch.error));
    try {
      await updateProfile(sql, {
        userId: user.id,
        patch: patch.data,
        currencies: c.var.config.CURRENCIES,
      });
    } catch (error) {
      if (error instanceof NotFound) return toSignin(c);
      if (error instanceof Invalid && error.code === "unsupported_currency") {
        return await rerender({ preferredCurrency: ["invalid"] });
      }
      throw error;
    }
    return seeOther(c, `${accountPath(c)}?saved=1`);
  },
};

/** The signed-in user's profile, or nothing (anonymous, or account gone). */
async function currentProfile(c: AppContext) {
  const user = c.var.user;
  if (!user) return undefined;
  try {
    const profile = await getProfile(c.var.db.sql, user.id);
    return {
      name: profile.name,
      email: profile.email,
      emailVerified: profile.emailVerified,
      preferredLanguage: profile.preferredLanguage,
      preferredCurrency: profile.preferredCurrency,
    };
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    endSession(c);
    return undefined;
  }
}

function toSignin(c: AppContext): Response {
  return seeOther(c, accountPath(c, "signin"));
}

/** Title "<page> · <store>"; account pages stay out of search indexes. */
export const head = accountHead("home");

/** The account: who is signed in, the profile form, the sign-out buttons. */
export default function Account(
  { data, state, url }: PageProps<AccountData>,
) {
  const { t } = state;
  const action = url.pathname;
  return (
    <AuthCard
      title={t("account.home.title")}
      intro={t("account.home.greeting", { name: data.name })}
    >
      {data.saved && (
        <Notice tone="success" testId="profile-saved">
          {t("account.home.saved")}
        </Notice>
      )}
      {data.passwordChanged && (
        <Notice tone="success" testId="password-changed">
          {t("account.password.changed")}
        </Notice>
      )}
      <dl class="mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt class="font-medium text-gray-600">{t("account.fields.name")}</dt>
        <dd data-testid="account-name">{data.name}</dd>
        <dt class="font-medium text-gray-600">{t("account.fields.email")}</dt>
        <dd data-testid="account-email">
          {data.email}{" "}
          <span class="text-gray-500">
            ({data.emailVerified
              ? t("account.home.verified")
              : t("account.home.unverified")})
          </span>
        </dd>
      </dl>
      <ul class="mb-6 flex flex-col gap-1 text-sm" data-testid="account-links">
        <li>
          <a
            href={`/${state.locale.language}/account/orders`}
            data-testid="orders-link"
            class="text-indigo-600 hover:underline"
          >
            {t("orders.historyTitle")}
          </a>
        </li>
        <li>
          <a
            href={`/${state.locale.language}/account/addresses`}
            class="text-indigo-600 hover:underline"
          >
            {t("account.addresses.link")}
          </a>
        </li>
        <li>
          <a
            href={`/${state.locale.language}/account/password`}
            class="text-indigo-600 hover:underline"
          >
            {t("account.password.link")}
          </a>
        </li>
      </ul>
      <h2 class="mb-3 text-lg font-semibold">
        {t("account.home.profileTitle")}
      </h2>
      <ProfileForm
        state={state}
        action={action}
        csrf={data.csrf}
        values={data.values}
        errors={data.errors}
      />
      <form
        method="post"
        action={action}
        class="mt-8 flex flex-col gap-3 border-t border-gray-200 pt-6"
      >
        <CsrfField token={data.csrf} />
        <SubmitButton name="intent" value="signout" tone="secondary">
          {t("account.home.signOut")}
        </SubmitButton>
        <SubmitButton name="intent" value="signout_all" tone="secondary">
          {t("account.home.signOutEverywhere")}
        </SubmitButton>
        <p class="text-sm text-gray-600">
          {t("account.home.signOutEverywhereHint")}
        </p>
      </form>
    </AuthCard>
  );
}
