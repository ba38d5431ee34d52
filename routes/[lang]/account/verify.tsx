import {
  InvalidEmailToken,
  verifyEmail,
} from "../../../commerce/identity/mod.ts";
import { AuthCard } from "../../../components/account/AuthCard.tsx";
import { Notice } from "../../../components/account/Notice.tsx";
import type { PageProps, RouteHandler } from "../../../edge/define.ts";
import { publicOrigin } from "../../../edge/origin.ts";
import { accountHead, noStore } from "./_form.ts";

/** The verification page works without JavaScript. */
export const staticPage = true;

type VerifyData = { verified: boolean };

/**
 * `GET /{lang}/account/verify?token=`: the link of the verification email
 * confirms the address on opening; a used, expired or unknown link says so.
 */
export const handler: { GET: RouteHandler } = {
  async GET(c, page) {
    let verified = true;
    try {
      await verifyEmail(c.var.db.sql, {
        token: c.req.query("token") ?? "",
        shopUrl: `${publicOrigin(c)}/${c.var.locale.language}/`,
      });
    } catch (error) {
      if (!(error instanceof InvalidEmailToken)) throw error;
      verified = false;
    }
    return noStore(page.render(
      { verified } satisfies VerifyData,
      { status: verified ? 200 : 400 },
    ));
  },
};

/** Title "<page> · <store>"; account pages stay out of search indexes. */
export const head = accountHead("verify");

/** Whether the address is now confirmed, with the way on. */
export default function Verify({ data, state }: PageProps<VerifyData>) {
  const { t, locale } = state;
  const base = `/${locale.language}/account`;
  return data.verified
    ? (
      <AuthCard title={t("account.verify.successTitle")}>
        <Notice tone="success" testId="verify-success">
          {t("account.verify.successBody")}
        </Notice>
        <a href={`${base}/signin`} class="text-indigo-600 hover:underline">
          {t("account.signin.link")}
        </a>
      </AuthCard>
    )
    : (
      <AuthCard title={t("account.verify.invalidTitle")}>
        <Notice tone="error" testId="verify-invalid">
          {t("account.verify.invalidBody")}
        </Notice>
        <a href={`${base}/signin`} class="text-indigo-600 hover:underline">
          {t("account.signin.link")}
        </a>
      </AuthCard>
    );
}
