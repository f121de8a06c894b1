import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError, isPortalError } from '../api/errors.js';

/** Options of a `PollController`. */
export interface PollOptions {
  /**
   * One poll. Pass `signal` to the client: it aborts when the element disconnects, the tab is
   * hidden, or `pollNow()` starts a newer poll. A rejection counts as a failure (backoff).
   */
  poll: (signal: AbortSignal) => Promise<unknown>;
  /** Milliseconds between polls, read before each wait; 0 or less stops polling. */
  interval: () => number;
  /**
   * Whether polling makes sense now (for example only while signed in). Read before each poll;
   * when false the poll is skipped and the next one scheduled as usual.
   */
  enabled?: () => boolean;
  /** Longest wait after repeated failures, in ms. Default 5 minutes. */
  maxBackoff?: number;
}

const DEFAULT_MAX_BACKOFF = 5 * 60_000;

/**
 * Polls while its element is connected and the page is visible: waits `interval()` between
 * polls (never two at once), pauses when the tab is hidden (aborting a poll in flight) and polls
 * at once when it shows again, doubles the wait after each failure up to `maxBackoff`, and waits
 * at least a 429's `Retry-After`. Shared by `<portal-ticket-list>` and `<portal-thread>`.
 *
 * ```ts
 * readonly #poll = new PollController(this, {
 *   interval: () => this.refreshInterval * 1000,
 *   enabled: () => this.session.status === 'signed-in',
 *   poll: (signal) => this.#refresh(signal),
 * });
 * ```
 * Call `restart()` when the interval changes, `pollNow()` to poll now.
 */
export class PollController implements ReactiveController {
  readonly #options: PollOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;
  #connected = false;
  #failures = 0;
  #missedWhileHidden = false;

  constructor(host: ReactiveControllerHost, options: PollOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** Consecutive failed polls (0 after a success). */
  get failures(): number {
    return this.#failures;
  }

  /** Whether a poll is in flight. */
  get polling(): boolean {
    return this.#controller !== undefined;
  }

  /** Whether a next poll is scheduled. */
  get scheduled(): boolean {
    return this.#timer !== undefined;
  }

  hostConnected(): void {
    this.#connected = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#connected = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#cancel();
  }

  /** Polls now (aborting a poll in flight) and schedules the next one after it. */
  pollNow(): Promise<void> {
    this.#cancel();
    return this.#run();
  }

  /** Forgets failures and waits a full interval from now (after an interval change or a manual reload). */
  restart(): void {
    this.#failures = 0;
    this.#clearTimer();
    if (!this.#controller) this.#schedule();
  }

  readonly #onVisibility = (): void => {
    if (document.visibilityState === 'hidden') {
      this.#missedWhileHidden = true;
      this.#cancel();
    } else if (this.#missedWhileHidden) {
      this.#missedWhileHidden = false;
      // What changed while the tab was away shows as soon as the person looks again.
      if (this.#options.interval() > 0) void this.pollNow();
    }
  };

  #schedule(delay = this.#delay()): void {
    this.#clearTimer();
    if (!this.#connected || this.#options.interval() <= 0) return;
    if (document.visibilityState === 'hidden') {
      this.#missedWhileHidden = true;
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, delay);
  }

  /** The wait before the next poll: the interval, doubled per failure, capped. */
  #delay(): number {
    const interval = this.#options.interval();
    if (this.#failures === 0) return interval;
    return Math.min(interval * 2 ** this.#failures, Math.max(interval, this.#options.maxBackoff ?? DEFAULT_MAX_BACKOFF));
  }

  async #run(): Promise<void> {
    if (!this.#connected) return;
    if (this.#options.enabled && !this.#options.enabled()) {
      this.#schedule();
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    let retryAfterMs = 0;
    try {
      await this.#options.poll(controller.signal);
      if (controller.signal.aborted) return;
      this.#failures = 0;
    } catch (error) {
      // An aborted poll was replaced or paused on purpose: whoever aborted it schedules the next.
      if (controller.signal.aborted || isAbortError(error)) return;
      this.#failures++;
      if (isPortalError(error) && error.status === 429 && error.retryAfter) retryAfterMs = error.retryAfter * 1000;
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
    }
    this.#schedule(Math.max(this.#delay(), retryAfterMs));
  }

  #clearTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #cancel(): void {
    this.#clearTimer();
    this.#controller?.abort();
    this.#controller = undefined;
  }
}
