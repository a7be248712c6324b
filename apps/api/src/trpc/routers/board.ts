import { queries } from '@vetflow/db';
import { wallClock, zonedInstant } from '@vetflow/schema/clinic-time';
import { BOARD_READY_MINUTES, STAFF_ROLES } from '@vetflow/schema/values';
import { roleProcedure, router } from '../init';

/** The waiting-room board: what a screen in the waiting room shows, and all a display account may read. */
export const boardRouter = router({
  /**
   * Today's patients in the clinic (waiting, in consult, ready for pick-up) by pet name and species, with since
   * when, and the server's clock (a TV's own clock may be wrong; waiting times are counted from this one).
   * Staff may open the board too.
   */
  today: roleProcedure('display', ...STAFF_ROLES).query(async ({ ctx }) => {
    const now = ctx.clock.now();
    const { timeZone } = await queries.getClinicSchedule(ctx.tx);
    const date = wallClock(now, timeZone).date;
    const patients = await queries.listWaitingRoom(ctx.tx, {
      from: zonedInstant(date, 0, timeZone),
      to: zonedInstant(date, 24 * 60, timeZone),
      now,
      readyForMs: BOARD_READY_MINUTES * 60_000,
    });
    return { now, date, timeZone, patients };
  }),
});
