import { z } from "zod";
import { ChallengeNotPending } from "../../../commerce/payments/mod.ts";
import { formatMoney } from "../../../commerce/pricing/mod.ts";
import { AuthCard } from "../../../components/account/AuthCard.tsx";
import { CsrfField } from "../../../components/account/CsrfField.tsx";
import { Notice } from "../../../components/account/Notice.tsx";
import { SubmitButton } from "../../../components/account/SubmitButton.tsx";
import type { Head, PageProps, RouteHandler } from "../../../edge/define.ts";
import type { AppContext } from "../../../edge/env.ts";
import { NotFound } from "../../../edge/errors.ts";
import { CSRF_FIELD, csrfToken } from "../../../edge/middleware/csrf.ts";
import { parseQuery } from "../../../edge/validate.ts";
import { LocalPath } from "../../api/payments/_validators.ts";

/** A plain form: no JavaScript. */
export const staticPage = true;

const ChallengeQuery = z.object({ return: LocalPath.optional() });

/** The posted answer. */
const ChallengeForm = z.object({
  answer: z.enum(["approve", "fail"]),
  return: LocalPath,
}).strict();

interface ChallengeData {
  csrf: string;
  paymentId: string;
  orderNumber: string;
  /** The amount, formatted for the shopper's language. */
  amount: string;
  last4: string;
  /** Where the shopper goes afterwards (a path of this store). */
  returnTo: string;
  /** Whether the payment still waits for an answer. */
  pending: boolean;
}

/**
 * `/test-gateway/challenge/{id}?return=`: the test gateway's 3-D Secure
 * stand-in. The shopper approves or fails the payment; the gateway then
 * sends its webhook and the shopper goes back to `return` (303), a path of
 * this store only. A payment already answered shows so (409).
 */
export const handler: { GET: RouteHandler; POST: RouteHandler } = {
  GET(c, page) {
    const payment = challenged(c);
    const query = parseQuery(c, ChallengeQuery);
    const pending = payment.status === "requires_action";
    return page.render(
      {
        csrf: csrfToken(c),
        paymentId: payment.id,
        orderNumber: payment.orderNumber,
        amount: formatMoney(payment.amount, c.var.locale.language),
        last4: payment.last4,
        returnTo: query.return ?? payment.returnUrl,
        pending,
      } satisfies ChallengeData,
      { status: pending ? 200 : 409 },
    );
  },
  async POST(c) {
    const payment = challenged(c);
    const fields = Object.fromEntries(
      Object.entries(await c.req.parseBody())
        .filter(([name]) => name !== CSRF_FIELD),
    );
    const form = ChallengeForm.parse(fields);
    try {
      c.var.payments.test!.completeChallenge(payment.id, form.answer);
    } catch (error) {
      // A second click: the first one decided; go back all the same.
      if (!(error instanceof ChallengeNotPending)) throw error;
    }
    return c.redirect(form.return, 303);
  },
};

function challenged(c: AppContext) {
  const id = c.req.param("id") ?? "";
  const payment = c.var.payments.test!.payment(id);
  if (!payment) throw new NotFound(`No test payment '${id}'`);
  return payment;
}

/** "Confirm your payment · <store>", never indexed. */
export function head({ state }: PageProps<ChallengeData>): Head {
  return {
    title: state.t("testGateway.meta.title", {
      page: state.t("testGateway.challenge.title"),
      store: state.storeName,
    }),
    noindex: true,
  };
}

/** The challenge: what is being paid, and the two answers. */
export default function Challenge({ data, state }: PageProps<ChallengeData>) {
  const { t } = state;
  return (
    <AuthCard
      title={t("testGateway.challenge.title")}
      intro={t("testGateway.challenge.intro")}
    >
      <dl class="mb-6 grid grid-cols-2 gap-2 text-sm">
        <dt class="text-gray-600">{t("testGateway.challenge.order")}</dt>
        <dd class="font-medium" data-testid="challenge-order">
          {data.orderNumber}
        </dd>
        <dt class="text-gray-600">{t("testGateway.challenge.amount")}</dt>
        <dd class="font-medium" data-testid="challenge-amount">
          {data.amount}
        </dd>
        <dt class="text-gray-600">{t("testGateway.challenge.card")}</dt>
        <dd class="font-medium">•••• {data.last4}</dd>
      </dl>
      {data.pending
        ? (
          <form
            method="post"
            action={`/test-gateway/challenge/${data.paymentId}`}
            class="flex flex-col gap-3"
          >
            <CsrfField token={data.csrf} />
            <input type="hidden" name="return" value={data.returnTo} />
            <SubmitButton name="answer" value="approve">
              {t("testGateway.challenge.approve")}
            </SubmitButton>
            <SubmitButton name="answer" value="fail" tone="secondary">
              {t("testGateway.challenge.fail")}
            </SubmitButton>
          </form>
        )
        : (
          <>
            <Notice tone="info" testId="challenge-done">
              {t("testGateway.challenge.done")}
            </Notice>
            <a href={data.returnTo} class="text-indigo-600 hover:underline">
              {t("testGateway.challenge.back")}
            </a>
          </>
        )}
      <p class="mt-6 text-xs text-gray-500">
        {t("testGateway.challenge.note")}
      </p>
    </AuthCard>
  );
}
