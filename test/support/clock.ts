import type { TClock } from '../../src/core/shared/clock';

/** A clock tests move by hand. */
export class ManualClock implements TClock {
  private current: Date;

  constructor(start: Date | string = '2026-11-25T10:00:00Z') {
    this.current = new Date(start);
  }

  now() {
    return new Date(this.current);
  }

  set(to: Date | string) {
    this.current = new Date(to);
  }

  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;
