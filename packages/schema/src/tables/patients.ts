import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { dateInRange, instantInRange, literal, timestamps } from '../columns';
import { patientSex } from '../enums';
import { type AllergySeverity, LIMITS, MICROCHIP_PATTERN } from '../values';
import { owners } from './owners';

export type Allergy = { allergen: string; severity: AllergySeverity; reaction?: string | null };

export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => owners.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    species: text('species').notNull(),
    breed: text('breed'),
    sex: patientSex('sex').notNull().default('unknown'),
    neutered: boolean('neutered').notNull().default(false),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    weightKg: numeric('weight_kg', { precision: 7, scale: 2, mode: 'number' }),
    allergies: jsonb('allergies').$type<Allergy[]>().notNull().default([]),
    microchipId: text('microchip_id').unique('patients_microchip_id_key'),
    isActive: boolean('is_active').notNull().default(true),
    deceasedAt: timestamp('deceased_at', { withTimezone: true, precision: 3 }),
    ...timestamps(),
  },
  (t) => [
    check(
      'patients_weight_kg_check',
      sql`${t.weightKg} > 0 and ${t.weightKg} <= ${sql.raw(String(LIMITS.maxWeightKg))}`,
    ),
    check('patients_allergies_check', sql`jsonb_typeof(${t.allergies}) = 'array'`),
    check('patients_date_of_birth_range_check', dateInRange(t.dateOfBirth)),
    check('patients_deceased_at_range_check', instantInRange(t.deceasedAt)),
    check('patients_microchip_id_check', sql`${t.microchipId} ~ ${literal(MICROCHIP_PATTERN)}`),
    check('patients_name_check', sql`length(btrim(${t.name})) > 0 and length(btrim(${t.species})) > 0`),
    index('patients_owner_id_idx').on(t.ownerId),
    index('patients_active_name_idx').on(t.name).where(sql`${t.isActive}`),
    // The search's pet-name prefix tier (packages/db queries/patients.ts, the same expression).
    index('patients_search_name_idx').on(sql`(lower(${t.name}) collate "C")`, t.id),
  ],
);
