/**
 * Orders: what was sold, to whom, at what price, and where it stands. The
 * module owns the `orders` schema; other modules use only this file.
 *
 * - `createOrder` stores an order (gapless number, snapshot lines,
 *   confirmation email in the outbox) on the checkout's transaction.
 * - `transitionOrder` is the one way an order changes status (the table
 *   is in `state.ts`), with stock, parcels, timeline and emails in the
 *   same transaction; `cancelOrder` and `expireReservations` build on it.
 * - `orderFor` / `listOrders` read orders for their owner; `orderView`
 *   shapes them for the API.
 * - `searchOrders`, `adminOrderView` and `staffTransition` are the back
 *   office's: every order filtered and searched, the whole timeline, and
 *   the moves staff make by hand, audited (`admin.ts`).
 * - `salesReport` and `orderStatusCounts` feed the dashboard's overview
 *   (`dashboard.ts`).
 *
 * @module
 */
export {
  type AdminOrderPage,
  adminOrderPageView,
  type AdminOrderSummary,
  type AdminOrderView,
  adminOrderView,
  orderCountsByUser,
  type OrderSearch,
  searchOrders,
  STAFF_TRANSITIONS,
  type StaffTransition,
  staffTransition,
  type StaffTransitionInput,
} from "./admin.ts";
export {
  orderStatusCounts,
  type SalesDay,
  type SalesFigures,
  type SalesReport,
  salesReport,
  SOLD_STATUSES,
} from "./dashboard.ts";
export { IllegalTransition } from "./errors.ts";
export {
  createOrder,
  listOrders,
  ORDER_NUMBER_PREFIX,
  orderById,
  orderFor,
  type OrderPage,
  type OrderSummary,
  orderTotals,
  orderUrl,
  readOrderCursor,
} from "./queries.ts";
export { canTransition, sourcesOf, TRANSITIONS } from "./state.ts";
export {
  cancelOrder,
  expireReservations,
  holdReservation,
  recordPartialRefund,
  type ShipmentInput,
  type TransitionOptions,
  transitionOrder,
} from "./transitions.ts";
export {
  orderPageView,
  type OrderView,
  orderView,
  type TotalsView,
  totalsView,
} from "./view.ts";
export * from "./types.ts";
