/** Injected wherever time matters, so tests drive it directly instead of sleeping. */
export interface TClock {
  now(): Date;
}

export const systemClock: TClock = { now: () => new Date() };
