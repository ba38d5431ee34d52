/**
 * The reconciliation report: per gateway and UTC day, what was captured,
 * refunded and charged in fees, per order currency and in the base
 * currency, so finance can match the gateway's settlement report line by
 * line. Base-currency figures use the rate each order was priced with
 * (the order's own base total), never today's rate.
 *
 * @module
 */
import type { Sql } from "../../db/client.ts";
import { orderTotals } from "../orders/mod.ts";
import {
  type Money,
  prorate,
  subtractMoney,
  sumMoney,
  toDecimalString,
  zeroMoney,
} from "../pricing/mod.ts";
import type { Transaction } from "./types.ts";
import { settledOn } from "./queries.ts";

/** An amount as the report shows it: exact decimal string and currency. */
export interface AmountView {
  amount: string;
  currency: string;
}

/** One currency's figures of a gateway's day. */
export interface CurrencyLine {
  currency: string;
  captured: { count: number; amount: AmountView };
  refunded: { count: number; amount: AmountView };
  /** The gateway's fees where it reported them (`null`: none reported). */
  fees: AmountView | null;
  /** Captured − refunded − fees. */
  net: AmountView;
  /** The same figures in the base currency. */
  base: {
    captured: AmountView;
    refunded: AmountView;
    fees: AmountView | null;
    net: AmountView;
  };
}

/** A gateway's day. */
export interface GatewayDay {
  gateway: string;
  currencies: CurrencyLine[];
  /** The day's totals in the base currency. */
  base: CurrencyLine["base"];
  /** Webhook events of the day still waiting for an operator. */
  unmatchedEvents: number;
  disputes: number;
}

/** The report. */
export interface ReconciliationReport {
  date: string;
  baseCurrency: string;
  gateways: GatewayDay[];
}

/**
 * The report for UTC day `date` (`YYYY-MM-DD`), of every gateway with
 * activity that day or only of `gateway`. A payment counts on the day it
 * succeeded, a refund on the day it succeeded.
 */
export async function reconciliationReport(
  sql: Sql,
  options: { date: string; baseCurrency: string; gateway?: string },
): Promise<ReconciliationReport> {
  const { transactions, events } = await settledOn(sql, options);
  const totals = await orderTotals(sql, [
    ...new Set(transactions.map((t) => t.orderId)),
  ]);
  const base = options.baseCurrency;
  const toBase = (t: Transaction, money: Money): Money => {
    const order = totals.get(t.orderId);
    return order
      ? prorate(money, { from: order.total, to: order.baseTotal })
      : zeroMoney(base);
  };
  const gateways = [
    ...new Set([
      ...transactions.map((t) => t.gateway),
      ...events.map((e) => e.gateway),
    ]),
  ].sort();
  return {
    date: options.date,
    baseCurrency: base,
    gateways: gateways.map((gateway) => {
      const mine = transactions.filter((t) => t.gateway === gateway);
      const lines = [...new Set(mine.map((t) => t.amount.currency))].sort()
        .map((currency) =>
          figures(mine.filter((t) => t.amount.currency === currency), {
            currency,
            base,
            toBase,
          })
        );
      const total = (pick: (f: Figures) => Money) =>
        sumMoney(base, lines.map(pick));
      const counts = events.find((e) => e.gateway === gateway);
      return {
        gateway,
        currencies: lines.map(lineView),
        base: amountsView({
          captured: total((f) => f.base.captured),
          refunded: total((f) => f.base.refunded),
          fees: total((f) => f.base.fees),
          feesKnown: lines.some((f) => f.feesKnown),
        }),
        unmatchedEvents: counts?.unmatched ?? 0,
        disputes: counts?.disputes ?? 0,
      };
    }),
  };
}

interface Amounts {
  captured: Money;
  refunded: Money;
  fees: Money;
  feesKnown: boolean;
}

interface Figures {
  currency: string;
  payments: number;
  refunds: number;
  feesKnown: boolean;
  own: Amounts;
  base: Amounts;
}

function figures(
  transactions: Transaction[],
  options: {
    currency: string;
    base: string;
    toBase: (t: Transaction, money: Money) => Money;
  },
): Figures {
  const { currency, base, toBase } = options;
  const payments = transactions.filter((t) => t.kind === "payment");
  const refunds = transactions.filter((t) => t.kind === "refund");
  const withFee = payments.filter((t) => t.fee);
  const feesKnown = withFee.length > 0;
  const own = (list: Transaction[], pick: (t: Transaction) => Money) =>
    sumMoney(currency, list.map(pick));
  const inBase = (list: Transaction[], pick: (t: Transaction) => Money) =>
    sumMoney(base, list.map((t) => toBase(t, pick(t))));
  const amount = (t: Transaction) => t.amount;
  const fee = (t: Transaction) => t.fee!;
  return {
    currency,
    payments: payments.length,
    refunds: refunds.length,
    feesKnown,
    own: {
      captured: own(payments, amount),
      refunded: own(refunds, amount),
      fees: own(withFee, fee),
      feesKnown,
    },
    base: {
      captured: inBase(payments, amount),
      refunded: inBase(refunds, amount),
      fees: inBase(withFee, fee),
      feesKnown,
    },
  };
}

function lineView(f: Figures): CurrencyLine {
  const own = amountsView(f.own);
  return {
    currency: f.currency,
    captured: { count: f.payments, amount: own.captured },
    refunded: { count: f.refunds, amount: own.refunded },
    fees: own.fees,
    net: own.net,
    base: amountsView(f.base),
  };
}

function amountsView(a: Amounts): CurrencyLine["base"] {
  return {
    captured: view(a.captured),
    refunded: view(a.refunded),
    fees: a.feesKnown ? view(a.fees) : null,
    net: view(subtractMoney(subtractMoney(a.captured, a.refunded), a.fees)),
  };
}

function view(money: Money): AmountView {
  return { amount: toDecimalString(money), currency: money.currency };
}
