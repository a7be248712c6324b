import { sql } from 'drizzle-orm';
import { setAuditContext } from '../src/audit-context';
import type { Database } from '../src/client';

export interface DatasetSize {
  owners: number;
  patientsPerOwner: number;
  veterinarians: number;
  appointmentsPerVet: number;
  recordsPerPatient: number;
}

export const DEFAULT_SIZE: DatasetSize = {
  owners: 10_000,
  patientsPerOwner: 2,
  veterinarians: 10,
  appointmentsPerVet: 4_000,
  recordsPerPatient: 3,
};

/**
 * A clinic-sized dataset generated inside the database (generate_series), so it loads in seconds on both
 * engines. The audit triggers run as for any insert, so audit_log grows with it.
 */
export async function generateDataset(db: Database, size: DatasetSize = DEFAULT_SIZE) {
  await db.transaction(async (tx) => {
    await setAuditContext(tx, { userId: null, requestId: 'bench-dataset' });
    await tx.execute(sql`
      insert into system_users (username, email, full_name, role, password_hash)
      select 'benchvet' || g, 'benchvet' || g || '@bench.example', 'Dr. Bench ' || g, 'veterinarian', 'x'
      from generate_series(1, ${size.veterinarians}) g`);
    await tx.execute(sql`
      insert into owners (first_name, last_name, email, phone)
      select (array['Emma','Noah','Olivia','Liam','Ava','Lucas','Mia','Leo','Zoe','Ivan'])[1 + g % 10],
             'Surname' || g, 'owner' || g || '@bench.example', '+1 555 ' || lpad(g::text, 7, '0')
      from generate_series(1, ${size.owners}) g`);
    await tx.execute(sql`
      insert into patients (owner_id, name, species, weight_kg)
      select o.id, 'Pet' || o.n || '-' || k, (array['Dog','Cat','Rabbit'])[1 + k % 3], 1 + (o.n % 40)
      from (select id, row_number() over (order by id) n from owners) o,
           generate_series(1, ${size.patientsPerOwner}) k`);
    await tx.execute(sql`
      insert into appointments (patient_id, veterinarian_id, starts_at, ends_at, reason, status)
      select p.id, v.id,
             date_trunc('day', now()) + ((i / 16) - ${Math.floor(size.appointmentsPerVet / 32)}) * interval '1 day'
               + interval '8 hours' + (i % 16) * interval '30 minutes',
             date_trunc('day', now()) + ((i / 16) - ${Math.floor(size.appointmentsPerVet / 32)}) * interval '1 day'
               + interval '8 hours' + (i % 16) * interval '30 minutes' + interval '30 minutes',
             'Check-up', 'scheduled'
      from (select id, row_number() over (order by id) vn from system_users where username like 'benchvet%') v
      cross join generate_series(0, ${size.appointmentsPerVet - 1}) i
      join (select id, row_number() over (order by id) pn from patients) p
        on p.pn = 1 + ((i * 7 + v.vn * 13) % ${size.owners * size.patientsPerOwner})`);
    await tx.execute(sql`
      insert into medical_records (patient_id, veterinarian_id, visited_at, reason, weight_kg)
      select p.id, (select id from system_users where username = 'benchvet1'),
             now() - (k * 90 || ' days')::interval, 'Annual exam', 1 + (k % 40)
      from patients p, generate_series(1, ${size.recordsPerPatient}) k`);
  });
}
