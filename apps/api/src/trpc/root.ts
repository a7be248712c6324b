import { createCallerFactory, router } from './init';
import { appointmentsRouter } from './routers/appointments';
import { auditRouter } from './routers/audit';
import { authRouter } from './routers/auth';
import { medicalRecordsRouter } from './routers/medical-records';
import { ownersRouter } from './routers/owners';
import { patientsRouter } from './routers/patients';
import { usersRouter } from './routers/users';

export const appRouter = router({
  auth: authRouter,
  owners: ownersRouter,
  patients: patientsRouter,
  appointments: appointmentsRouter,
  medicalRecords: medicalRecordsRouter,
  users: usersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
