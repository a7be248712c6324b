import { randomBytes } from 'node:crypto';
import type { ChangeEvent } from '@vetflow/db';

/** What the hub hands its subscribers: a change, or "you may have missed changes: refetch everything". */
export type HubEvent = { type: 'change'; change: ChangeEvent } | { type: 'resync' };

export interface HubEntry {
  /** Monotonically increasing within this process (ids of another process or an earlier start never match). */
  seq: number;
  event: HubEvent;
}

export interface HubOptions {
  /** How many recent events a reconnecting client can resume from (`lastEventId`). */
  replay?: number;
  /** How many events one subscriber may have waiting before it is told to resync instead (a stalled client). */
  queue?: number;
}

/**
 * The in-process fan-out between the one database listener and every open subscription. Each event gets the
 * next sequence number; the last `replay` events stay for clients resuming with `lastEventId`. Memory is
 * bounded twice: the replay ring, and each subscriber's queue (a client that stops reading gets one `resync`
 * in place of what piled up).
 */
export class ChangeHub {
  /** Names this process's sequence: an id from another process (or a restart) always means "resync". */
  readonly bootId = randomBytes(6).toString('hex');
  private seq = 0;
  private readonly ring: HubEntry[] = [];
  private readonly subscribers = new Set<HubSubscriber>();
  private readonly replay: number;
  private readonly queueLimit: number;

  constructor(options: HubOptions = {}) {
    this.replay = options.replay ?? 1000;
    this.queueLimit = options.queue ?? 500;
  }

  get size() {
    return this.subscribers.size;
  }

  /** The id the client holds after `seq` (what `tracked()` sends). */
  idOf(seq: number) {
    return `${this.bootId}-${seq}`;
  }

  /** The sequence number an id names, or null when it is not one of this process's (or not yet issued). */
  seqOf(id: string): number | null {
    const dash = id.lastIndexOf('-');
    if (dash < 0 || id.slice(0, dash) !== this.bootId) return null;
    const seq = Number(id.slice(dash + 1));
    return Number.isSafeInteger(seq) && seq >= 0 && seq <= this.seq ? seq : null;
  }

  get latest() {
    return this.seq;
  }

  publish(event: HubEvent) {
    const entry: HubEntry = { seq: ++this.seq, event };
    this.ring.push(entry);
    if (this.ring.length > this.replay) this.ring.shift();
    for (const subscriber of this.subscribers) subscriber.push(entry);
  }

  /** Everything after `seq`, or null when some of it has left the ring (the client must resync). */
  since(seq: number): HubEntry[] | null {
    if (seq >= this.seq) return [];
    const oldest = this.ring[0]?.seq ?? this.seq + 1;
    if (seq < oldest - 1) return null;
    return this.ring.filter((entry) => entry.seq > seq);
  }

  /** A subscriber receives every event published from now on, until closed. */
  subscribe(): HubSubscriber {
    const subscriber = new HubSubscriber(this.queueLimit, () => this.subscribers.delete(subscriber));
    this.subscribers.add(subscriber);
    return subscriber;
  }

  close() {
    for (const subscriber of this.subscribers) subscriber.close();
  }
}

export class HubSubscriber {
  private queue: HubEntry[] = [];
  private wake: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly limit: number,
    private readonly onClose: () => void,
  ) {}

  push(entry: HubEntry) {
    if (this.closed) return;
    if (this.queue.length >= this.limit) {
      // Nobody is reading: drop what piled up, and tell the client to refetch once it reads again.
      this.queue = [{ seq: entry.seq, event: { type: 'resync' } }];
    } else {
      this.queue.push(entry);
    }
    this.wake?.();
  }

  /** The next entry; 'timeout' after `ms` without one; 'closed' once closed or `signal` aborts. */
  async next(ms: number, signal?: AbortSignal): Promise<HubEntry | 'timeout' | 'closed'> {
    if (this.queue.length) return this.queue.shift()!;
    if (this.closed || signal?.aborted) return 'closed';
    return new Promise((resolve) => {
      const done = (value: HubEntry | 'timeout' | 'closed') => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.wake = null;
        resolve(value);
      };
      const onAbort = () => done('closed');
      const timer = setTimeout(() => done('timeout'), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.wake = () => done(this.queue.length ? this.queue.shift()! : this.closed ? 'closed' : 'timeout');
    });
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.onClose();
    this.wake?.();
  }
}
