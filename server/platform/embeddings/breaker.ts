/**
 * Opens after a failure and stays open for `cooldownMs`; then one call is let through (half
 * open) and its outcome closes or reopens it. Like the Meilisearch degraded mode: an outage
 * costs each caller nothing instead of a timeout.
 */
export interface Breaker {
  /** False while open; the first caller after the cooldown gets true (the probe). */
  allow(): boolean;
  success(): void;
  failure(): void;
  isOpen(): boolean;
}

export function createBreaker(cooldownMs: number, now: () => number = Date.now): Breaker {
  let openUntil = 0;
  let probing = false;
  return {
    allow() {
      if (openUntil === 0) return true;
      if (now() < openUntil || probing) return false;
      probing = true;
      return true;
    },
    success() {
      openUntil = 0;
      probing = false;
    },
    failure() {
      openUntil = now() + cooldownMs;
      probing = false;
    },
    isOpen: () => openUntil !== 0 && (now() < openUntil || probing),
  };
}
