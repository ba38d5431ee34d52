/**
 * The gateways this store takes payments with, from its configuration:
 * `TEST_GATEWAY=on` enables the built-in test gateway, and each real
 * gateway (Stripe, PayPal, Alipay, WeChat Pay) joins when its keys are
 * configured. Every gateway sits behind a {@link ResilientGateway}
 * (timeouts, retries, a circuit breaker of its own). Checkout offers
 * {@link PaymentGateways.gatewaysFor}; payment and webhooks look gateways
 * up by name.
 *
 * @module
 */
import type { PaymentGateway } from "./gateway.ts";
import { type ResilienceOptions, ResilientGateway } from "./resilient.ts";
import { TestGateway } from "./test_gateway/mod.ts";

/** The enabled gateways, by name, each behind its own circuit breaker. */
export class PaymentGateways {
  readonly #gateways: Map<string, ResilientGateway>;

  /**
   * Wrap `gateways` (an adapter already wrapped is kept as it is) with
   * `resilience`.
   */
  constructor(
    gateways: Iterable<PaymentGateway>,
    resilience: ResilienceOptions = {},
  ) {
    this.#gateways = new Map(
      [...gateways].map((g) => [
        g.name,
        g instanceof ResilientGateway ? g : new ResilientGateway(g, resilience),
      ]),
    );
  }

  /** The names of the enabled gateways. */
  get names(): string[] {
    return [...this.#gateways.keys()];
  }

  /** The enabled gateway called `name`, or `undefined`. */
  gateway(name: string): ResilientGateway | undefined {
    return this.#gateways.get(name);
  }

  /**
   * The names of the enabled gateways that take `currency` from `country`
   * and whose circuit is closed: what the checkout offers and what a quote
   * may name.
   */
  gatewaysFor(where: { currency: string; country: string }): string[] {
    return [...this.#gateways.values()]
      .filter((g) => g.available && g.supports(where))
      .map((g) => g.name);
  }

  /** The built-in test gateway, when enabled (tests drive it). */
  get test(): TestGateway | undefined {
    const gateway = this.#gateways.get("test")?.inner;
    return gateway instanceof TestGateway ? gateway : undefined;
  }

  /** Stop every gateway's background work (timers, pending webhooks). */
  async close(): Promise<void> {
    await Promise.all(
      [...this.#gateways.values()].map((gateway) => gateway.close()),
    );
  }
}
