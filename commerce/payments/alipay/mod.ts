/**
 * Alipay web page pay: the adapter (see `gateway.ts`) and, for tests
 * elsewhere, the fake Alipay server it is tested against (see `_fake.ts`).
 *
 * @module
 */
export {
  ALIPAY_GATEWAY,
  ALIPAY_GATEWAY_URL,
  ALIPAY_NOTIFY_TOLERANCE_SECONDS,
  AlipayGateway,
  type AlipayGatewayOptions,
  type AlipayMethod,
  alipayOrderNumber,
} from "./gateway.ts";
export {
  FakeAlipay,
  type FakeAlipayOptions,
  type FakeDelivery,
  type FakeFailure,
  type FakeNotification,
  type FakeTrade,
  type FakeTradeStatus,
  generateRsaKeyPair,
  type PemKeyPair,
  signNotification,
  startFakeAlipay,
} from "./_fake.ts";
