/**
 * The test gateway's cards: what the shopper types, checked as a card
 * processor in test mode would, and the outcome each test number stands
 * for.
 *
 * @module
 */
import { z } from "zod";
import { InvalidPaymentMethod } from "../errors.ts";

/** The card numbers with a scripted outcome; any other valid number succeeds. */
export const TEST_CARDS = {
  /** Always succeeds. */
  success: "4242424242424242",
  /** Always declined: `card_declined`. */
  declined: "4000000000000002",
  /** Asks for a 3-D Secure–like confirmation on the challenge page. */
  challenge: "4000000000003220",
} as const;

/** A card as the test gateway takes it (`method` of a payment). */
export const TestCard = z.object({
  type: z.literal("card"),
  // Spaces and dashes as shoppers type them are allowed.
  number: z.string().max(40),
  expMonth: z.number().int().min(1).max(12),
  // Two-digit years are this century.
  expYear: z.number().int().min(0).max(9999),
  cvc: z.string().regex(/^\d{3,4}$/),
}).strict();

/** A card as the test gateway takes it. */
export type TestCard = z.infer<typeof TestCard>;

/** A checked card: digits only, a four-digit year. */
export interface ParsedCard {
  type: "card";
  number: string;
  expMonth: number;
  expYear: number;
  /** The last four digits, the only part kept with a payment. */
  last4: string;
}

/** What charging a card does. */
export type CardOutcome =
  | { kind: "succeed" }
  | { kind: "challenge" }
  | { kind: "decline"; failureCode: "card_declined" | "expired_card" };

/**
 * Check a card: the shape (400 `invalid_payment_method`), then the number
 * (12 to 19 digits passing the Luhn check, else 400 `invalid_card`). An
 * expired card is not refused here: charging it is a decline, as at a
 * real processor.
 */
export function parseCard(input: unknown): ParsedCard {
  const parsed = TestCard.safeParse(input);
  if (!parsed.success) {
    throw new InvalidPaymentMethod(
      "The test gateway takes a card: { type: 'card', number, expMonth, expYear, cvc }",
      {
        details: parsed.error.issues.map((issue) => ({
          path: issue.path.join("."),
          message: issue.message,
        })),
      },
    );
  }
  const card = parsed.data;
  const number = card.number.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(number) || !luhn(number)) {
    throw new InvalidPaymentMethod("The card number is not valid", {
      code: "invalid_card",
    });
  }
  return {
    type: "card",
    number,
    expMonth: card.expMonth,
    expYear: card.expYear < 100 ? 2000 + card.expYear : card.expYear,
    last4: number.slice(-4),
  };
}

/**
 * A card already checked by {@link parseCard} as it is, anything else
 * checked now: what `createPayment` takes as its method.
 */
export function asCard(input: unknown): ParsedCard {
  const card = input as Partial<ParsedCard> | null;
  if (
    card?.type === "card" && typeof card.number === "string" &&
    /^\d{12,19}$/.test(card.number) && luhn(card.number) &&
    typeof card.last4 === "string" && Number.isInteger(card.expMonth) &&
    Number.isInteger(card.expYear)
  ) {
    return card as ParsedCard;
  }
  return parseCard(input);
}

/** What charging `card` at `now` does. */
export function cardOutcome(card: ParsedCard, now: Date): CardOutcome {
  // A card is good through the last day of its expiry month (UTC).
  const expiresAt = Date.UTC(card.expYear, card.expMonth, 1);
  if (expiresAt <= now.getTime()) {
    return { kind: "decline", failureCode: "expired_card" };
  }
  if (card.number === TEST_CARDS.declined) {
    return { kind: "decline", failureCode: "card_declined" };
  }
  if (card.number === TEST_CARDS.challenge) return { kind: "challenge" };
  return { kind: "succeed" };
}

/** Whether `digits` passes the Luhn checksum. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
