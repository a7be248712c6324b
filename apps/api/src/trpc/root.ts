import { accessMatrix } from './access';
import { createCallerFactory, router } from './init';
import { appointmentTypesRouter } from './routers/appointment-types';
import { appointmentsRouter } from './routers/appointments';
import { auditRouter } from './routers/audit';
import { authRouter } from './routers/auth';
import { boardRouter } from './routers/board';
import { liveRouter } from './routers/live';
import { medicalRecordsRouter } from './routers/medical-records';
import { ownersRouter } from './routers/owners';
import { patientsRouter } from './routers/patients';
import { scheduleRouter } from './routers/schedule';
import { usersRouter } from './routers/users';

export const appRouter = router({
  auth: authRouter,
  owners: ownersRouter,
  patients: patientsRouter,
  appointments: appointmentsRouter,
  appointmentTypes: appointmentTypesRouter,
  schedule: scheduleRouter,
  medicalRecords: medicalRecordsRouter,
  users: usersRouter,
  audit: auditRouter,
  live: liveRouter,
  board: boardRouter,
});

/**
 * The role matrix, derived from each procedure's declaration. Computed on import: a procedure that declares no
 * access makes the server (and every test that loads the router) fail to start, naming it.
 */
export const ACCESS = accessMatrix(appRouter);

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
