/**
 * WeChat Pay (API v3, Native QR payments in CNY): the adapter, its
 * signature and resource helpers, and the local fake tests run it
 * against. See `gateway.ts`.
 *
 * @module
 */
export {
  merchantNumber,
  referenceFromMerchantNumber,
  WECHAT_API_URL,
  WECHAT_GATEWAY,
  WECHAT_TOLERANCE_SECONDS,
  WechatGateway,
  type WechatGatewayOptions,
  type WechatMethod,
  type WechatPlatformKey,
} from "./gateway.ts";
export {
  AUTHORIZATION_SCHEME,
  checkWechatSignature,
  WECHATPAY_HEADERS,
} from "./signature.ts";
export {
  AEAD_ALGORITHM,
  decryptResource,
  type EncryptedResource,
  encryptResource,
} from "./aead.ts";
export {
  type Deliver,
  type FakeCall,
  type FakeRefund,
  type FakeRefundStatus,
  type FakeTrade,
  type FakeTradeState,
  generateRsaKeys,
  type RsaKeys,
  startWechatTestPair,
  WECHAT_TEST_ACCOUNT,
  type WechatDelivery,
  WechatFake,
  type WechatFakeOptions,
  type WechatTestKeys,
} from "./_fake.ts";
