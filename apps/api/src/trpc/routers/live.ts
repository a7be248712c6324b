import { TRPCError, tracked } from '@trpc/server';
import { liveChangesInput } from '@vetflow/schema/validators';
import { USER_ROLES } from '@vetflow/schema/values';
import { sessionStillValid } from '../../auth/sessions';
import { asSignIn } from '../../auth/sign-in-role';
import type { HubEntry } from '../../live/hub';
import { TooManySubscriptions, visibleChange } from '../../live/service';
import { roleSubscriptionProcedure, router } from '../init';

/**
 * Live updates: every committed change to appointments, patients, medical records and the clinic settings (and,
 * for admins, every new audit row), as server-sent events.
 */
export const liveRouter = router({
  /**
   * The stream of change events (table, id, kind, version and what a screen needs to decide whether it cares),
   * each filtered to what the caller's role may see. It opens with `ready` (its id is the resume point), then
   * `change` events; `resync` means "you may have missed changes: refetch everything" (a lost database
   * listener, a resume point too old or not ours, a client that stopped reading). The session is re-checked
   * every `sessionCheckMs`: once it has ended (signed out, revoked, deactivated, idle), the stream ends with
   * UNAUTHORIZED. Every role may subscribe, the waiting-room display included: its events say only which row
   * changed (visibleChange).
   */
  changes: roleSubscriptionProcedure(...USER_ROLES)
    .input(liveChangesInput)
    .subscription(async function* ({ ctx, input, signal }) {
      const live = ctx.live;
      if (!live) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Live updates are off' });
      const user = ctx.user;
      const sessionId = ctx.sessionId!;
      let release: () => void;
      try {
        release = live.acquire(sessionId, user.role);
      } catch (error) {
        if (!(error instanceof TooManySubscriptions)) throw error;
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: 'Too many live connections for this session',
        });
      }
      const hub = live.hub;
      // Subscribe before reading the resume point, so nothing published in between is lost.
      const subscriber = hub.subscribe();
      const policy = { idleMs: ctx.config.sessionIdleMs, absoluteMs: ctx.config.sessionAbsoluteMs };
      const stillSignedIn = () =>
        asSignIn(ctx.db, ctx.dbRoles, { userId: null }, (tx) =>
          sessionStillValid(tx, sessionId, user.role, ctx.clock.now(), policy),
        ).catch(() => true); // the database is unreachable: keep the stream; the next check decides
      // The frame a hub entry becomes for this caller, or null for an event their role never receives (an
      // audit row for a non-admin): it is skipped, and the client's resume point stays at the last one it had.
      const frame = (entry: HubEntry) => {
        if (entry.event.type !== 'change') return tracked(hub.idOf(entry.seq), { type: 'resync' } as const);
        const change = visibleChange(entry.event.change, user.role);
        return change && tracked(hub.idOf(entry.seq), { type: 'change', change } as const);
      };
      try {
        let sent = hub.latest;
        const resumeFrom = input?.lastEventId ? hub.seqOf(input.lastEventId) : null;
        const replay = resumeFrom === null ? null : hub.since(resumeFrom);
        if (input?.lastEventId && !replay) {
          // Not ours (another process, a restart, a made-up number) or too old: the client refetches.
          yield tracked(hub.idOf(sent), { type: 'resync' } as const);
        } else if (replay) {
          let replayed = 0;
          for (const entry of replay) {
            const next = frame(entry);
            if (next) {
              replayed++;
              yield next;
            }
          }
          // Nothing to catch up on (for this role): say the stream is up.
          if (replayed === 0) yield tracked(hub.idOf(sent), { type: 'ready' } as const);
        } else {
          yield tracked(hub.idOf(sent), { type: 'ready' } as const);
        }
        let checkedAt = Date.now();
        while (!signal?.aborted) {
          const next = await subscriber.next(live.sessionCheckMs, signal);
          if (next === 'closed') return;
          if (Date.now() - checkedAt >= live.sessionCheckMs) {
            checkedAt = Date.now();
            if (!(await stillSignedIn()))
              throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Your session has ended' });
          }
          if (next === 'timeout' || next.seq <= sent) continue;
          sent = next.seq;
          const out = frame(next);
          if (out) yield out;
        }
      } finally {
        subscriber.close();
        release();
      }
    }),
});
