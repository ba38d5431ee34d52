/**
 * The gateways this store takes payments with, from its configuration:
 * `TEST_GATEWAY=on` enables the built-in test gateway (real gateways join
 * when their keys are configured, in a later change). Checkout offers
 * {@link PaymentGateways.gatewaysFor}; payment and webhooks look gateways
 * up by name.
 *
 * @module
 */
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Logger } from "../../edge/logger.ts";
import type { PaymentGateway } from "./gateway.ts";
import { TestGateway, type TestGatewayOptions } from "./test_gateway/mod.ts";

/** The configuration the registry reads (a subset of the store's). */
export interface PaymentsConfig {
  TEST_GATEWAY: "on" | "off";
  TEST_GATEWAY_SECRET?: string;
}

/** The enabled gateways, by name. */
export class PaymentGateways {
  readonly #gateways: Map<string, PaymentGateway>;

  constructor(gateways: Iterable<PaymentGateway>) {
    this.#gateways = new Map([...gateways].map((g) => [g.name, g]));
  }

  /** The names of the enabled gateways. */
  get names(): string[] {
    return [...this.#gateways.keys()];
  }

  /** The enabled gateway called `name`, or `undefined`. */
  gateway(name: string): PaymentGateway | undefined {
    return this.#gateways.get(name);
  }

  /**
   * The names of the enabled gateways that take `currency` from
   * `country`: what the checkout offers and what a quote may name.
   */
  gatewaysFor(where: { currency: string; country: string }): string[] {
    return [...this.#gateways.values()].filter((g) => g.supports(where))
      .map((g) => g.name);
  }

  /** The built-in test gateway, when enabled (tests drive it). */
  get test(): TestGateway | undefined {
    const gateway = this.#gateways.get("test");
    return gateway instanceof TestGateway ? gateway : undefined;
  }

  /** Stop every gateway's background work (timers, pending webhooks). */
  async close(): Promise<void> {
    await Promise.all(
      [...this.#gateways.values()].map((gateway) => gateway.close?.()),
    );
  }
}

/**
 * The gateways `config` enables. The test gateway signs with
 * `TEST_GATEWAY_SECRET`, else with a secret made up for this process
 * (its webhooks come from this process, so nothing else needs it);
 * `test` passes its other options (chaos, delivery timing, target).
 */
export function createPaymentGateways(
  config: PaymentsConfig,
  options: {
    test?: Omit<TestGatewayOptions, "secret">;
    logger?: Pick<Logger, "warn">;
  } = {},
): PaymentGateways {
  const gateways: PaymentGateway[] = [];
  if (config.TEST_GATEWAY === "on") {
    gateways.push(
      new TestGateway({
        logger: options.logger,
        ...options.test,
        secret: config.TEST_GATEWAY_SECRET ??
          bytesToHex(crypto.getRandomValues(new Uint8Array(32))),
      }),
    );
  }
  return new PaymentGateways(gateways);
}
