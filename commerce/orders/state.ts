/**
 * The order state machine, in one place: which status may follow which.
 *
 * ```
 * pending_payment → paid → packed → shipped → delivered
 * pending_payment → cancelled            (releases the reserved stock)
 * paid, packed, shipped, delivered, partially_refunded → refunded
 * delivered, partially_refunded → partially_refunded
 * ```
 *
 * A partial refund of an order still being fulfilled leaves its status
 * alone (it is noted on the timeline, see `recordPartialRefund`): the
 * parcel must still be packed and shipped. Once delivered, a partial
 * refund is the order's last word, `partially_refunded`.
 *
 * Every move goes through `transitionOrder`, which applies this table
 * with a conditional update: a move from any other status is a 409, and a
 * webhook that arrives late can never move an order backwards.
 *
 * @module
 */
import type { OrderStatus } from "./types.ts";

const REFUNDABLE = ["refunded", "partially_refunded"] as const;

/** The statuses each status may move to. */
export const TRANSITIONS: Readonly<
  Record<OrderStatus, readonly OrderStatus[]>
> = {
  pending_payment: ["paid", "cancelled"],
  paid: ["packed", "refunded"],
  packed: ["shipped", "refunded"],
  shipped: ["delivered", "refunded"],
  delivered: REFUNDABLE,
  partially_refunded: REFUNDABLE,
  cancelled: [],
  refunded: [],
};

/** The statuses from which an order may move to `to`. */
export function sourcesOf(to: OrderStatus): OrderStatus[] {
  return (Object.keys(TRANSITIONS) as OrderStatus[])
    .filter((from) => TRANSITIONS[from].includes(to));
}

/** Whether an order in `from` may move to `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
