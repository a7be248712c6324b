import type { Clock } from '../../src/clock';

/** A clock tests move by hand: session expiry, record locks and throttling without waiting. */
export class TestClock implements Clock {
  private current: number;
  constructor(start = new Date()) {
    this.current = start.getTime();
  }
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current += ms;
  }
}
