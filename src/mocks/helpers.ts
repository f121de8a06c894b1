/** A clock tests move by hand; pass `clock.now` as the backend's `now` option. */
export interface ManualClock {
  /** The current time (a new Date each call). */
  now: () => Date;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
  /** Sets the clock. */
  set(time: Date | string | number): void;
}

/** Creates a `ManualClock` starting at `start` (default 2025-06-02T09:00:00Z). */
export function createManualClock(start: Date | string | number = '2025-06-02T09:00:00Z'): ManualClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(time) {
      current = new Date(time).getTime();
    },
  };
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A JWT-shaped identity token for `POST /auth/identity`, as a host site's backend would sign.
 * The signature part is a placeholder: the mock does not verify signatures.
 */
export function createIdentityToken(payload: { email: string; name: string; exp?: number; [claim: string]: unknown }): string {
  return `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.bW9jay1zaWduYXR1cmU`;
}
