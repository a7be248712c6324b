import { sql } from 'drizzle-orm';
import type { Database } from '../src/client';

/**
 * `pnpm bench --scale <n>`: a clinic group's dataset, scale 1 being the sizes of issue 12's probe — 200,000
 * owners, 300,000 patients, 1,000,000 appointments, 2,000,000 medical records, 10,000,000 audit rows.
 *
 * Everything is generated inside the database (generate_series, INSERT … SELECT) from the row's number alone:
 * each row is a pure function of n (pg_temp functions below), so its audit row can be built from the same
 * function without reading the row back. The per-row triggers (audit, row hash, change notifications, booking
 * checks, foreign-key checks) are switched off for the load (session_replication_role = replica: superuser,
 * a throwaway database) and the audit rows are written directly, with the row hash computed by the very
 * expression of migration 0014, so the hash chain verifies and the sealer can seal the log as it would any rows.
 *
 * Time runs through a global event number e: every 100 events hold 2 new owners, 3 new patients, 10 bookings,
 * 20 visits and 65 appointment updates or sign-ins. Audit ids are e + offset, so ids follow time, and the log
 * is written in time slices so its physical order does too (the occurred_at BRIN index stays useful).
 *
 * Distributions: surnames follow a Zipf–Mandelbrot law over 30,000 names (p(r) ∝ 1/(r + 20)): "Smith" is
 * ~0.6 % of owners and the top 100 names ~24 %, as in census tables; first names and pet names are skewed
 * the same way. Pets choose among owners already registered, half of them the newest (several pets per
 * owner, ~1.5 on average); visits choose among patients already registered, so older patients have longer
 * histories. Vets work full weekdays of 16 half-hour slots; booking n goes to vet n mod V at one slot, and the
 * patients booked at one slot are distinct, so neither vets nor patients are ever double-booked (the EXCLUDE
 * constraints stay on and check it).
 */
export interface ScaledSize {
  owners: number;
  patients: number;
  appointments: number;
  records: number;
  auditRows: number;
  veterinarians: number;
}

const CYCLE = { owners: 2, patients: 3, appointments: 10, records: 20, other: 65 } as const;
const EVENTS_PER_CYCLE = 100;
/** Bookings are made about this long before the visit. */
const LEAD_DAYS = 30;

export function scaledSize(scale: number): ScaledSize {
  const cycles = Math.max(50, Math.round(100_000 * scale));
  const appointments = cycles * CYCLE.appointments;
  return {
    owners: cycles * CYCLE.owners,
    patients: cycles * CYCLE.patients,
    appointments,
    records: cycles * CYCLE.records,
    auditRows: cycles * EVENTS_PER_CYCLE,
    // About six years of full weekdays (16 slots, 5 days a week).
    veterinarians: Math.max(1, Math.round((appointments * 7) / (80 * 2191))),
  };
}

const SURNAMES =
  `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
  Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
  Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera
  Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart
  Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox
  Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders
  Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes
  Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace
  Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall
  Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman
  Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes
  Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson
  Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen
  Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado
  Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval
  Smithson Johns Garner Williamson Novak Kowalski Schneider Becker Weber Nowak`
    .split(/\s+/)
    .filter(Boolean);
const SYLLABLES_A =
  `Al Bar Bel Cal Dor El Fen Gal Hal Ing Kel Lan Mor Nor Or Pen Quin Ros Sel Tal Ul Vor Wen Yar Zel Ash
  Brem Cor Dal Fal`
    .split(/\s+/)
    .filter(Boolean);
const SYLLABLES_B = ['', 'er', 'in', 'an', 'el', 'ow', 'is', 'ar', 'en', 'ot'];
const SYLLABLES_C =
  `ton ford wick by ley worth field more stead ham well ridge dale brook shaw wood land mont vale ston
  croft bury hurst cott well gate thorpe combe holt marsh`
    .split(/\s+/)
    .filter(Boolean);
const FIRST_NAMES =
  `John Mary James Emma Michael Olivia David Sarah Robert Linda William Anna Joseph Laura Thomas Emily
  Daniel Sophie Richard Jessica Charles Maria Christopher Karen Matthew Lisa Anthony Nancy Mark Helen Paul Susan
  Steven Julia Andrew Kate Joshua Grace Kevin Chloe Brian Ava George Mia Edward Zoe Ivan Noah Liam Lucas Leo Ethan
  Hannah Ella Isabel Jack Oscar Ruby`
    .split(/\s+/)
    .filter(Boolean);
const PET_NAMES =
  `Bella Max Luna Charlie Lucy Cooper Daisy Milo Bailey Rocky Molly Buddy Lola Tucker Sadie Bear Stella
  Duke Chloe Oliver Maggie Jack Sophie Leo Coco Toby Ruby Loki Nala Simba Rex Mittens Shadow Ginger Oreo Pepper Biscuit
  Rosie Zeus Winston Penny Gus Hazel Murphy Ziggy Mocha Pumpkin Thor Kiwi Willow Poppy Scout Jasper Olive Remy Finn`
    .split(/\s+/)
    .filter(Boolean);
const SPECIES = [
  'Dog',
  'Dog',
  'Dog',
  'Dog',
  'Dog',
  'Cat',
  'Cat',
  'Cat',
  'Cat',
  'Rabbit',
  'Bird',
  'Guinea pig',
];
const REASONS = [
  'Annual exam',
  'Vaccination',
  'Skin check',
  'Limping',
  'Dental',
  'Ear infection',
  'Follow-up',
];

const textArray = (values: readonly string[]) =>
  `array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')}]::text[]`;

/** The definitions shared by the row functions: deterministic "random" numbers and the clock. */
function functions(size: ScaledSize, now: string) {
  const cycles = size.auditRows / EVENTS_PER_CYCLE;
  // Six years of weekdays at the vets' pace: the bookings' span in days, so booking n's time is linear in n.
  const spanDays = (size.appointments * 7) / (80 * size.veterinarians);
  const stepMs = Math.round((spanDays * 86_400_000) / size.auditRows);
  return sql.raw(`
    -- u(n, salt) in [0, 1), deterministic.
    create or replace function pg_temp.u(n bigint, salt int) returns float8 language sql immutable parallel safe as
      $$ select (hashint8(n * 1000003 + salt)::bigint + 2147483648) / 4294967296.0::float8 $$;
    -- The clock: event e happens at t(e), whole milliseconds apart (the columns keep milliseconds); the last
    -- event is the load's start (a literal: the load runs in several transactions). event_at(t(e)) = e.
    create or replace function pg_temp.t(e bigint) returns timestamptz language sql stable as
      $$ select '${now}'::timestamptz - ((${size.auditRows} - e) * ${stepMs}) * interval '1 millisecond' $$;
    create or replace function pg_temp.event_at(at timestamptz) returns bigint language sql stable as
      $$ select ${size.auditRows} - round(extract(epoch from '${now}'::timestamptz - at) * 1000 / ${stepMs})::bigint $$;
    create or replace function pg_temp.lead_cycles() returns bigint language sql immutable as
      $$ select ceil(${LEAD_DAYS} * ${cycles} / ${spanDays})::bigint $$;
    -- A version-4 UUID (version and variant digits set), as the API's validators require of every id.
    create or replace function pg_temp.uid(kind text, n bigint) returns uuid language sql immutable parallel safe as
      $$ select overlay(overlay(md5(kind || n) placing '4' from 13) placing '8' from 17)::uuid $$;
    -- Booking n's slot: vet n mod V, slot (n / V) mod 16 of weekday n / 16V, from the Monday ~${LEAD_DAYS} days
    -- after the first event.
    create or replace function pg_temp.slot(n bigint) returns timestamptz language sql stable as $$
      select date_trunc('week', pg_temp.t(0) + interval '${LEAD_DAYS} days')
        + (((n / (16 * ${size.veterinarians})) / 5) * 7 + (n / (16 * ${size.veterinarians})) % 5) * interval '1 day'
        + interval '8 hours' + ((n / ${size.veterinarians}) % 16) * interval '30 minutes' $$;
    create or replace function pg_temp.surname(r bigint) returns text language sql immutable as $$
      select case when r <= ${SURNAMES.length} then (${textArray(SURNAMES)})[r]
        else (${textArray(SYLLABLES_A)})[1 + r % ${SYLLABLES_A.length}]
          || (${textArray(SYLLABLES_B)})[1 + (r / ${SYLLABLES_A.length}) % ${SYLLABLES_B.length}]
          || (${textArray(SYLLABLES_C)})[1 + (r / ${SYLLABLES_A.length * SYLLABLES_B.length}) % ${SYLLABLES_C.length}]
        end $$;
  `);
}

/** Runs one statement and says how long it took (the bench prints the load's profile). */
async function step(db: Database, name: string, query: ReturnType<typeof sql>, log: (line: string) => void) {
  const started = performance.now();
  await db.execute(query);
  log(`  ${name}: ${Math.round(performance.now() - started)} ms`);
}

const AUDIT_COLUMNS =
  'id, occurred_at, user_id, action, table_name, record_id, old_values, new_values, changed_fields, ip, user_agent, request_id, db_user, row_hash';
/** Migration 0014's row hash, over the columns of the select it wraps (`a`). */
const ROW_HASH = `encode(sha256(convert_to(jsonb_build_array(
    'vetflow-audit-v1', a.id, extract(epoch from a.occurred_at)::text, a.user_id, a.action,
    a.table_name, a.record_id, a.old_values, a.new_values, a.changed_fields, a.ip::text,
    a.user_agent, a.request_id, a.db_user
  )::text, 'UTF8')), 'hex')`;

export async function generateScaledDataset(
  db: Database,
  size: ScaledSize,
  log: (line: string) => void = console.log,
) {
  const cycles = size.auditRows / EVENTS_PER_CYCLE;
  const V = size.veterinarians;
  // The event number of row n of a table holding `perCycle` rows a cycle, from slot `first` of the cycle.
  const eventOf = (n: string, perCycle: number, first: number) =>
    `((${n}) / ${perCycle}) * ${EVENTS_PER_CYCLE} + ${first} + (${n}) % ${perCycle}`;
  const FIRST = {
    owners: 0,
    patients: CYCLE.owners,
    appointments: CYCLE.owners + CYCLE.patients,
    records: CYCLE.owners + CYCLE.patients + CYCLE.appointments,
    other: EVENTS_PER_CYCLE - CYCLE.other,
  };
  // Staff first, with the triggers on: a handful of rows, audited as usual.
  await db.execute(
    sql.raw(`
    insert into system_users (username, email, full_name, role, password_hash)
    select 'benchvet' || g, 'benchvet' || g || '@bench.example', 'Dr. Bench ' || g, 'veterinarian'::user_role, 'x'
    from generate_series(1, ${V}) g
    union all
    select 'benchdesk' || g, 'benchdesk' || g || '@bench.example', 'Desk ' || g, 'assistant'::user_role, 'x'
    from generate_series(1, ${Math.max(2, Math.ceil(V / 2))}) g`),
  );
  const [{ now } = { now: '' }] = (await db.execute(
    sql`select to_char(date_trunc('minute', now()) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as now`,
  )) as unknown as { now: string }[];
  // audit_log is partitioned by month (migration 0021): the history's months get their partitions before the
  // load, or its rows would all land in the DEFAULT partition. The span is functions()' (t(0) is the first event).
  const spanDays = (size.appointments * 7) / (80 * size.veterinarians);
  await db.execute(
    sql`select vetflow_ensure_audit_partitions(3, ${now}::timestamptz - ${spanDays} * interval '1 day')`,
  );
  const [{ base } = { base: '0' }] = (await db.execute(
    sql`select coalesce(max(id), 0)::bigint as base from audit_log`,
  )) as unknown as { base: string }[];
  const offset = Number(base) + 1;

  /** One loading connection: triggers off, the row functions and the staff ids at hand. */
  const session = (work: (run: (name: string, text: string) => Promise<void>) => Promise<void>) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      // generate_series' row estimates make these statements look huge: JIT would compile for seconds each time.
      await tx.execute(sql`set local jit = off`);
      await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
      await tx.execute(functions(size, now));
      await tx.execute(
        sql.raw(`create temp table bench_staff on commit drop as select
        (select array_agg(id order by username) from system_users where username like 'benchvet%') vets,
        (select array_agg(id order by username) from system_users where username like 'bench%') staff`),
      );
      await work((name, text) => step(tx as unknown as Database, name, sql.raw(text), log));
    });

  // Indexes that back no constraint are built once at the end, several times faster than row by row (random
  // uuids and trigram lists would otherwise be written all over the indexes); primary keys, unique and EXCLUDE
  // constraints stay, so a clash (an id twice, a double booking) still fails the load. audit_log's are partitioned
  // indexes: pg_get_indexdef says "ON ONLY" (the parent's index alone, invalid until each partition has its
  // own); without ONLY, one statement builds it on every partition.
  const secondary = (await db.execute(sql`
    select c.relname as name, replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid in ('owners'::regclass, 'patients'::regclass, 'appointments'::regclass,
                         'medical_records'::regclass, 'audit_log'::regclass)
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`)) as unknown as {
    name: string;
    definition: string;
  }[];
  for (const index of secondary) await db.execute(sql.raw(`drop index ${index.name}`));

  // Two connections (the machine's two cores): the bookings, whose EXCLUDE checks are the slowest part, beside
  // the other tables (foreign keys are not checked during the load, so the order does not matter).
  await Promise.all([
    session(async (run) => {
      await run(
        'owners',
        `insert into owners (id, first_name, last_name, email, phone, is_active, created_at, updated_at)
      select pg_temp.uid('owner', n), f, l,
             case when pg_temp.u(n, 3) < 0.9 then lower(regexp_replace(f || '.' || l, '[^A-Za-z.]', '', 'g')) || n || '@example.com' end,
             case n % 4
               when 0 then '555 ' || substr(d, 1, 3) || ' ' || substr(d, 4)
               when 1 then '+1 555 ' || substr(d, 1, 3) || ' ' || substr(d, 4)
               when 2 then '(555) ' || substr(d, 1, 3) || '-' || substr(d, 4)
               else '555.' || substr(d, 1, 3) || '.' || substr(d, 4) end,
             pg_temp.u(n, 4) < 0.97, at, at
      from (select n, (${textArray(FIRST_NAMES)})[1 + floor(${FIRST_NAMES.length} * pg_temp.u(n, 1) ^ 1.3)::int] f,
                   pg_temp.surname(floor(20 * (1501 ^ pg_temp.u(n, 2) - 1))::bigint + 1) l,
                   lpad(n::text, 7, '0') d, pg_temp.t(${eventOf('n', CYCLE.owners, FIRST.owners)}) at
            from generate_series(0, ${size.owners - 1}) n) x`,
      );
      // Half the pets join the owner registered just before them, the others any owner registered by then.
      await run(
        'patients',
        `insert into patients (id, owner_id, name, species, sex, neutered, date_of_birth, weight_kg, microchip_id, created_at, updated_at)
      select pg_temp.uid('patient', n),
             pg_temp.uid('owner', case when pg_temp.u(n, 5) < 0.5
               then (n / ${CYCLE.patients}) * ${CYCLE.owners} + n % ${CYCLE.owners}
               else floor(pg_temp.u(n, 6) * ((n / ${CYCLE.patients}) + 1) * ${CYCLE.owners})::bigint end),
             (${textArray(PET_NAMES)})[1 + floor(${PET_NAMES.length} * pg_temp.u(n, 7) ^ 1.4)::int],
             (${textArray(SPECIES)})[1 + n % ${SPECIES.length}],
             (array['male','female','unknown']::patient_sex[])[1 + n % 3], n % 3 <> 0,
             (at - floor(pg_temp.u(n, 8) * 4000) * interval '1 day')::date,
             round((1 + pg_temp.u(n, 9) * 40)::numeric, 2),
             case when pg_temp.u(n, 10) < 0.7 then '985' || lpad(n::text, 12, '0') end, at, at
      from (select n, pg_temp.t(${eventOf('n', CYCLE.patients, FIRST.patients)}) at
            from generate_series(0, ${size.patients - 1}) n) x`,
      );
      // Visits go to patients registered by then: older patients have longer histories.
      await run(
        'medical_records',
        `insert into medical_records (id, patient_id, veterinarian_id, visited_at, reason, findings, weight_kg,
                                    temperature_c, created_at, updated_at)
      select pg_temp.uid('record', n),
             pg_temp.uid('patient', floor(pg_temp.u(n, 12) * ((n / ${CYCLE.records}) + 1) * ${CYCLE.patients})::bigint),
             b.vets[1 + n % ${V}], at, (${textArray(REASONS)})[1 + n % ${REASONS.length}], 'Bright, alert, responsive.',
             round((1 + pg_temp.u(n, 13) * 40)::numeric, 2), round((37.5 + pg_temp.u(n, 14) * 2)::numeric, 1), at, at
      from (select n, pg_temp.t(${eventOf('n', CYCLE.records, FIRST.records)}) at
            from generate_series(0, ${size.records - 1}) n) x, bench_staff b`,
      );
    }),
    session(async (run) => {
      // Booking n: vet n mod V at slot n / V (pg_temp.slot). The V bookings of one slot take V distinct patients
      // (consecutive numbers modulo m from one random start, m being the patients registered by then, computed for
      // the slot and not the booking, or two bookings of one slot could land on one patient); done if the slot is over (1 in 25 a no-show), else still scheduled.
      await run(
        'appointments',
        `insert into appointments (id, patient_id, veterinarian_id, starts_at, ends_at, reason, status,
                                 checked_in_at, started_at, completed_at, created_by, created_at, updated_at)
      select pg_temp.uid('appointment', n),
             pg_temp.uid('patient', (floor(pg_temp.u(n / ${V}, 11) * m)::bigint + n % ${V}) % m),
             b.vets[1 + n % ${V}], s, s + interval '30 minutes',
             (${textArray(REASONS)})[1 + n % ${REASONS.length}],
             case when not done then 'scheduled' when n % 25 = 7 then 'no_show' else 'completed' end::appointment_status,
             case when done and n % 25 <> 7 then s - interval '10 minutes' end,
             case when done and n % 25 <> 7 then s end,
             case when done and n % 25 <> 7 then s + interval '30 minutes' end,
             b.staff[1 + n % cardinality(b.staff)], at, case when done then s + interval '30 minutes' else at end
      from (select n, s, s + interval '30 minutes' <= '${now}'::timestamptz done,
                   pg_temp.t(${eventOf('n', CYCLE.appointments, FIRST.appointments)}) at,
                   greatest(${V}, least(${size.patients}, (((n / ${V}) * ${V} / ${CYCLE.appointments}) + 1) * ${CYCLE.patients})) m
            from generate_series(0, ${size.appointments - 1}) n, lateral pg_temp.slot(n) s) x, bench_staff b`,
      );
    }),
  ]);

  // The audit log, in time slices so its physical order follows time (the occurred_at BRIN index). An insert's
  // row carries the row as inserted (a booking as first made: scheduled), its id the row's event number,
  // recovered from created_at (each row was created at its event's time). The 65 other events of a cycle:
  // a completed booking's check-in and completion at its slot, else a sign-in.
  const slices = Math.max(2, Math.ceil(size.auditRows / 500_000));
  const perSlice = Math.ceil(cycles / slices);
  const auditStarted = performance.now();
  const auditWorker = (worker: number) =>
    session(async (run) => {
      for (let s = worker; s < slices; s += 2) {
        const from = s * perSlice;
        const to = Math.min(cycles, from + perSlice); // cycles [from, to)
        if (from >= to) break;
        const inserted = (table: string, scheduled = false) => `
        select ${offset} + pg_temp.event_at(r.created_at) as id,
               r.created_at as occurred_at, null::uuid as user_id, 'insert'::audit_action as action,
               '${table}'::text as table_name, r.id as record_id, null::jsonb as old_values,
               to_jsonb(r) ${scheduled ? `|| jsonb_build_object('status', 'scheduled', 'checked_in_at', null, 'started_at', null, 'completed_at', null, 'updated_at', r.created_at)` : ''} as new_values,
               null::text[] as changed_fields, null::inet as ip, null::text as user_agent,
               'bench-dataset'::text as request_id, 'vetflow_app'::text as db_user
        from ${table} r
        where r.created_at >= pg_temp.t(${from * EVENTS_PER_CYCLE}) and r.created_at < pg_temp.t(${to * EVENTS_PER_CYCLE})`;
        const other = `
        select ${offset} + e as id, pg_temp.t(e) as occurred_at, case when upd then null else b.staff[1 + e % cardinality(b.staff)] end as user_id,
               case when upd then 'update' else 'login' end::audit_action as action,
               case when upd then 'appointments' end as table_name,
               case when upd then pg_temp.uid('appointment', a) end as record_id,
               case when not upd then null when j % 2 = 0 then '{"status":"scheduled","checked_in_at":null}'::jsonb
                    else '{"status":"checked_in","completed_at":null}'::jsonb end as old_values,
               case when not upd then null
                    when j % 2 = 0 then jsonb_build_object('status', 'checked_in', 'checked_in_at', pg_temp.slot(a) - interval '10 minutes')
                    else jsonb_build_object('status', 'completed', 'completed_at', pg_temp.slot(a) + interval '30 minutes') end as new_values,
               case when not upd then null when j % 2 = 0 then array['checked_in_at','status'] else array['completed_at','status'] end as changed_fields,
               case when not upd then ('10.0.' || (e % 200) || '.' || (e % 250 + 1))::inet end as ip,
               case when not upd then 'Mozilla/5.0 (bench)' end as user_agent,
               'bench-' || e as request_id, 'vetflow_app'::text as db_user
        from generate_series(${from}, ${to - 1}) c
        cross join generate_series(0, ${CYCLE.other - 1}) j
        cross join bench_staff b
        cross join lateral (select c * ${EVENTS_PER_CYCLE} + ${FIRST.other} + j as e,
                                   (c - pg_temp.lead_cycles()) * ${CYCLE.appointments} + j / 2 as a) ev
        cross join lateral (select j < ${2 * CYCLE.appointments} and a >= 0 and a % 25 <> 7
                                   and pg_temp.slot(a) + interval '30 minutes' <= '${now}'::timestamptz as upd) k`;
        const parts = [
          inserted('owners'),
          inserted('patients'),
          inserted('appointments', true),
          inserted('medical_records'),
          other,
        ];
        await run(
          `audit_log slice ${s + 1}/${slices}`,
          `insert into audit_log (${AUDIT_COLUMNS}) overriding system value
          select a.*, ${ROW_HASH} from (${parts.join(' union all ')}) a`,
        );
      }
    });
  await Promise.all([auditWorker(0), auditWorker(1)]);
  log(`  audit_log: ${Math.round(performance.now() - auditStarted)} ms`);
  const indexStarted = performance.now();
  await Promise.all(
    [0, 1].map((worker) =>
      session(async (run) => {
        for (const [i, index] of secondary.entries()) {
          if (i % 2 === worker) await run(index.name, index.definition);
        }
      }),
    ),
  );
  log(`  indexes: ${Math.round(performance.now() - indexStarted)} ms`);
  await db.execute(
    sql`select setval(pg_get_serial_sequence('audit_log', 'id'), (select max(id) from audit_log))`,
  );
}
