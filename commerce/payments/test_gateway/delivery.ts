/**
 * How the test gateway delivers its webhooks: asynchronously, after a
 * short delay, signed at each attempt, retried with exponential backoff
 * while the store answers anything but 2xx, and — on purpose — a little
 * chaotically: an event may arrive twice, and the events of one payment
 * may arrive out of order. Real gateways do both; the store must not care.
 *
 * @module
 */
import type { Logger } from "../../../edge/logger.ts";
import { SIGNATURE_HEADER, signatureHeader } from "./signature.ts";

/** Sends one webhook request and resolves the store's answer. */
export type Deliver = (request: Request) => Promise<Response>;

/** Where webhooks go: the store's webhook URL and how to reach it. */
export interface DeliveryTarget {
  url: string;
  deliver: Deliver;
}

/** The deliberate misbehaviour of delivery. */
export interface ChaosOptions {
  /** Probability (0 to 1) that an event is delivered a second time. */
  duplicateRate?: number;
  /** Deliver a payment's events in a random order instead of as they happened. */
  reorder?: boolean;
}

/** Options of {@link WebhookDelivery}. */
export interface DeliveryOptions {
  /** The secret the webhooks are signed with. */
  secret: string;
  /** Milliseconds before a burst of events is first sent (50). */
  delayMs?: number;
  /** Attempts per event before giving up (5). */
  attempts?: number;
  /** The first retry's delay in milliseconds, doubling after each (200). */
  backoffMs?: number;
  chaos?: ChaosOptions;
  /** The randomness of the chaos (tests pin it). */
  random?: () => number;
  logger?: Pick<Logger, "warn">;
}

/** An event ready to send: its id, type and JSON body. */
export interface OutgoingEvent {
  id: string;
  type: string;
  body: string;
}

interface Timer {
  id: ReturnType<typeof setTimeout> | undefined;
  wake(go: boolean): void;
}

/**
 * The delivery queue. `send()` schedules one payment's events; `idle()`
 * resolves when nothing is scheduled or in flight; `flush()` skips the
 * remaining delays and backoffs and waits for idle (tests); `close()`
 * drops what is scheduled, cancels every timer and waits for requests in
 * flight, so nothing outlives it.
 */
export class WebhookDelivery {
  #target: DeliveryTarget | undefined;
  readonly #options: Required<Omit<DeliveryOptions, "logger" | "chaos">> & {
    chaos: Required<ChaosOptions>;
    logger?: Pick<Logger, "warn">;
  };
  readonly #tasks = new Set<Promise<void>>();
  readonly #timers = new Set<Timer>();
  #hurry = 0;
  #closed = false;

  constructor(options: DeliveryOptions) {
    this.#options = {
      secret: options.secret,
      delayMs: options.delayMs ?? 50,
      attempts: options.attempts ?? 5,
      backoffMs: options.backoffMs ?? 200,
      chaos: {
        duplicateRate: options.chaos?.duplicateRate ?? 0,
        reorder: options.chaos?.reorder ?? false,
      },
      random: options.random ?? Math.random,
      logger: options.logger,
    };
  }

  /** Send webhooks to `target` from now on (replaces an earlier one). */
  connect(target: DeliveryTarget): void {
    this.#target = target;
  }

  /** Change the chaos (tests). */
  setChaos(chaos: ChaosOptions): void {
    Object.assign(this.#options.chaos, chaos);
  }

  /**
   * Schedule one payment's events, given in the order they happened.
   * Nothing is sent after `close()`.
   */
  send(events: readonly OutgoingEvent[]): void {
    if (this.#closed || events.length === 0) return;
    const { duplicateRate, reorder } = this.#options.chaos;
    const random = this.#options.random;
    let batch = events.flatMap((event) =>
      random() < duplicateRate ? [event, event] : [event]
    );
    if (reorder) batch = shuffle(batch, random);
    const task = this.#run(batch).finally(() => this.#tasks.delete(task));
    this.#tasks.add(task);
  }

  /** Resolve once nothing is scheduled or in flight. */
  async idle(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }

  /** Send everything scheduled now, without delays or backoff, and wait for it. */
  async flush(): Promise<void> {
    this.#hurry++;
    try {
      for (const timer of [...this.#timers]) timer.wake(true);
      await this.idle();
    } finally {
      this.#hurry--;
    }
  }

  /** Drop what is scheduled, cancel the timers, wait for requests in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of [...this.#timers]) timer.wake(false);
    await this.idle();
  }

  async #run(batch: readonly OutgoingEvent[]): Promise<void> {
    if (!await this.#sleep(this.#options.delayMs)) return;
    for (const event of batch) {
      if (!await this.#deliver(event)) return;
    }
  }

  // Resolves false when closed meanwhile (stop), true otherwise.
  async #deliver(event: OutgoingEvent): Promise<boolean> {
    const { attempts, backoffMs } = this.#options;
    let problem: Record<string, unknown> = {};
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1 && !await this.#sleep(backoffMs * 2 ** (attempt - 2))) {
        return false;
      }
      if (this.#closed) return false;
      const target = this.#target;
      if (!target) {
        problem = { error: "no webhook target connected" };
        continue;
      }
      try {
        const response = await target.deliver(this.#request(target, event));
        // Read the answer to the end, as an HTTP client would.
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return true;
        problem = { status: response.status };
      } catch (error) {
        problem = { error };
      }
    }
    this.#options.logger?.warn("test gateway gave up delivering a webhook", {
      eventId: event.id,
      type: event.type,
      attempts,
      ...problem,
    });
    return true;
  }

  #request(target: DeliveryTarget, event: OutgoingEvent): Request {
    return new Request(target.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "TestGateway-Webhooks/1.0",
        [SIGNATURE_HEADER]: signatureHeader(event.body, {
          secret: this.#options.secret,
        }),
      },
      body: event.body,
    });
  }

  #sleep(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    if (this.#hurry > 0 || ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer: Timer = {
        id: undefined,
        wake: (go) => {
          clearTimeout(timer.id);
          this.#timers.delete(timer);
          resolve(go);
        },
      };
      timer.id = setTimeout(() => timer.wake(true), ms);
      this.#timers.add(timer);
    });
  }
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
