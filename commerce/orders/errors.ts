/**
 * The orders module's domain errors.
 *
 * @module
 */
import { Conflict } from "../../edge/errors.ts";
import type { OrderStatus } from "./types.ts";

/**
 * A move the state machine does not allow from the order's status: 409
 * `illegal_transition` with `from` and `to` in `details`.
 */
export class IllegalTransition extends Conflict {
  override readonly code: string = "illegal_transition";
  readonly from: OrderStatus;
  readonly to: OrderStatus;

  constructor(
    options: {
      number: string;
      from: OrderStatus;
      to: OrderStatus;
      /** What to do instead, appended to the message. */
      hint?: string;
    },
  ) {
    super(
      `Order '${options.number}' cannot move from '${options.from}' to '${options.to}'` +
        (options.hint ? `: ${options.hint}` : ""),
      { details: { from: options.from, to: options.to } },
    );
    this.from = options.from;
    this.to = options.to;
  }
}
