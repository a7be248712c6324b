import { owners, patients } from '@vetflow/schema';
import { and, asc, eq, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { type ActiveFilter, activeCondition } from './conditions';
import { decodeCursor, toPage } from './pagination';
import { matchesAllWords, ownerSearchText, phoneDigitsMatch, phoneSearchDigits } from './search';
import { versionedUpdate } from './versioning';

export type OwnerRow = typeof owners.$inferSelect;
export type OwnerValues = Omit<typeof owners.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'isActive'>;

/**
 * An owner matches a search when every word is in its name, email or phone as stored (trigram index); a search
 * made of phone characters with at least four digits is a phone number, matched by digits whatever the format
 * (search.ts phoneDigitsMatch, btree indexes): alone, since an OR with the words would cost the digits' speed.
 */
export function ownerSearchCondition(search: string | undefined) {
  const digits = phoneSearchDigits(search);
  return digits ? phoneDigitsMatch(digits) : matchesAllWords(ownerSearchText, search);
}

/**
 * The owners list also finds an owner by a pet's name ("Rex" finds the Novaks). The pets matching are found once
 * (trigram index on their names) into an array, and `id = any(array)` is a primary-key lookup that PostgreSQL
 * ORs with the owners' own trigram index: no scan of either table. A phone search stays digits only.
 */
function ownerListCondition(search: string | undefined) {
  if (phoneSearchDigits(search)) return ownerSearchCondition(search);
  const byPet = matchesAllWords(sql`"patients"."name"`, search);
  if (!byPet) return undefined;
  return or(
    ownerSearchCondition(search),
    sql`${owners.id} = any(array(select "patients"."owner_id" from "patients" where ${byPet}))`,
  );
}

export interface OwnerListInput {
  search?: string | undefined;
  active: ActiveFilter;
  cursor?: string | null | undefined;
  limit: number;
}

/** A page of owners, each with its pets' names (one query for the whole page's pets, not one per owner). */
export async function listOwners(db: Executor, input: OwnerListInput) {
  const page = toPage(await listOwnersQuery(db, input), input.limit, (r) => [r.lastName, r.firstName, r.id]);
  const ids = page.items.map((o) => o.id);
  const pets =
    ids.length === 0
      ? []
      : await db
          .select({
            ownerId: patients.ownerId,
            id: patients.id,
            name: patients.name,
            species: patients.species,
            isActive: patients.isActive,
            deceasedAt: patients.deceasedAt,
          })
          .from(patients)
          .where(inArray(patients.ownerId, ids))
          .orderBy(asc(patients.name), asc(patients.id));
  return {
    ...page,
    items: page.items.map((owner) => {
      const own = pets.filter((p) => p.ownerId === owner.id).map(({ ownerId: _, ...pet }) => pet);
      return { ...owner, patientCount: own.length, patients: own };
    }),
  };
}

/** The query behind listOwners, one row more than the page (tests read its plan). */
export function listOwnersQuery(db: Executor, input: OwnerListInput) {
  const after = decodeCursor(input.cursor, ['text', 'text', 'uuid']) as [string, string, string] | null;
  return db
    .select(getTableColumns(owners))
    .from(owners)
    .where(
      and(
        activeCondition(owners.isActive, input.active),
        ownerListCondition(input.search),
        after
          ? sql`(${owners.lastName}, ${owners.firstName}, ${owners.id}) > (${after[0]}, ${after[1]}, ${after[2]})`
          : undefined,
      ),
    )
    .orderBy(asc(owners.lastName), asc(owners.firstName), asc(owners.id))
    .limit(input.limit + 1);
}

export async function getOwnerRow(db: Executor, id: string) {
  const [owner] = await db.select().from(owners).where(eq(owners.id, id));
  return owner;
}

export async function getOwner(db: Executor, id: string) {
  const owner = await getOwnerRow(db, id);
  if (!owner) return undefined;
  const pets = await db
    .select({
      id: patients.id,
      name: patients.name,
      species: patients.species,
      breed: patients.breed,
      sex: patients.sex,
      dateOfBirth: patients.dateOfBirth,
      isActive: patients.isActive,
      deceasedAt: patients.deceasedAt,
      allergies: patients.allergies,
    })
    .from(patients)
    .where(eq(patients.ownerId, id))
    .orderBy(asc(patients.name));
  return { ...owner, patients: pets };
}

export async function createOwner(db: Executor, values: OwnerValues) {
  const [row] = await db.insert(owners).values(values).returning();
  return row!;
}

export async function updateOwner(db: Executor, id: string, seen: Date, values: Partial<OwnerValues>) {
  return versionedUpdate(
    db,
    { tableName: 'owners', id, seen, loadCurrent: () => getOwnerRow(db, id) },
    values,
    () =>
      db
        .update(owners)
        .set(values)
        .where(and(eq(owners.id, id), eq(owners.updatedAt, seen)))
        .returning(),
  );
}

export async function setOwnerActive(db: Executor, id: string, isActive: boolean) {
  const [row] = await db.update(owners).set({ isActive }).where(eq(owners.id, id)).returning();
  return row;
}
