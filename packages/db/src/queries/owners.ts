import { owners, patients } from '@vetflow/schema';
import { and, asc, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import { selectOnce } from '../built-query';
import type { Executor } from '../client';
import { type ActiveFilter, activeCondition } from './conditions';
import { decodeCursor, toPage } from './pagination';
import {
  lowerC,
  matchesAllWords,
  matchesAllWordsClosely,
  ownerSearchText,
  phoneDigitsMatch,
  SearchTerms,
  startsWith,
} from './search';
import { keyAfter, sortKey, type Tier, type TieredSearch, tieredPage } from './tiered-search';
import { versionedUpdate } from './versioning';

export type OwnerRow = typeof owners.$inferSelect;
export type OwnerValues = Omit<typeof owners.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'isActive'>;

export interface OwnerListInput {
  search?: string | undefined;
  active: ActiveFilter;
  cursor?: string | null | undefined;
  limit: number;
}

/** The pets of a page of owners: one array parameter, so one statement for every page size, built once. */
const ownerPagePets = selectOnce(['ids'], (qb, p) =>
  qb
    .select({
      ownerId: patients.ownerId,
      id: patients.id,
      name: patients.name,
      species: patients.species,
      isActive: patients.isActive,
      deceasedAt: patients.deceasedAt,
    })
    .from(patients)
    .where(sql`${patients.ownerId} = any(${p.ids}::uuid[])`)
    .orderBy(asc(patients.name), asc(patients.id)),
);

type PagePet = Omit<Awaited<ReturnType<typeof ownerPagePets>>[number], 'ownerId'>;

/** A page of owners, each with its pets' names (one query for the whole page's pets, not one per owner). */
export async function listOwners(db: Executor, input: OwnerListInput) {
  const terms = new SearchTerms(input.search);
  const page = terms.count
    ? await tieredPage<OwnerRow>(db, ownerSearch(terms, input), input.cursor, input.limit)
    : toPage(await listOwnersQuery(db, input), input.limit, (r) => [r.lastName, r.firstName, r.id]);
  const ids = page.items.map((o) => o.id);
  const pets = ids.length === 0 ? [] : await ownerPagePets(db, { ids });
  // One pass over the page's pets (already in name order), not one per owner.
  const byOwner = new Map<string, PagePet[]>();
  for (const { ownerId, id, name, species, isActive, deceasedAt } of pets) {
    const pet = { id, name, species, isActive, deceasedAt };
    const own = byOwner.get(ownerId);
    if (own) own.push(pet);
    else byOwner.set(ownerId, [pet]);
  }
  return {
    ...page,
    // The rows are this call's own objects: completed in place (a copy of each cost more than the query's mapping),
    // by plain stores: Object.assign adding properties to a row this size can make it a dictionary (built-query.ts).
    items: page.items.map((row) => {
      const own = byOwner.get(row.id) ?? [];
      const owner = row as typeof row & { patientCount: number; patients: PagePet[] };
      owner.patientCount = own.length;
      owner.patients = own;
      return owner;
    }),
  };
}

/** The unsearched list, by name, one row more than the page. */
export function listOwnersQuery(db: Executor, input: OwnerListInput) {
  const after = decodeCursor(input.cursor, ['text', 'text', 'uuid']) as [string, string, string] | null;
  return db
    .select(getTableColumns(owners))
    .from(owners)
    .where(
      and(
        activeCondition(owners.isActive, input.active),
        after
          ? sql`(${owners.lastName}, ${owners.firstName}, ${owners.id}) > (${after[0]}, ${after[1]}, ${after[2]})`
          : undefined,
      ),
    )
    .orderBy(asc(owners.lastName), asc(owners.firstName), asc(owners.id))
    .limit(input.limit + 1);
}

/** The sort keys the owner search's btree indexes hold (schema: owners_search_*_idx). */
export const ownerKeys = {
  last: lowerC(owners.lastName),
  first: lowerC(owners.firstName),
  email: lowerC(sql`${owners.email}::text`),
};

/**
 * What makes an owner a prefix match of a name search, by tier (every word must match): led by the surname
 * (a word starts the last name, the others start the first or last name: "Smi", "Emma Johnson", "Johnson Emma"),
 * led by the first name ("John" finds Johns after Johnsons), and the email ("marta.q@exa", one word).
 * Shared with the patients search, which finds pets by these owners.
 */
export function ownerPrefixConditions(terms: SearchTerms) {
  const words = terms.indexes().slice(0, 4);
  const { last, first, email } = ownerKeys;
  const nameWord = (w: number) => or(startsWith(last, terms.word(w)), startsWith(first, terms.word(w)))!;
  const led = (key: SQL) =>
    or(
      ...words.map((w) =>
        and(startsWith(key, terms.word(w)), ...words.filter((other) => other !== w).map(nameWord)),
      ),
    )!;
  return {
    surname: led(last),
    firstName: led(first),
    email: words.length === 1 ? startsWith(email, terms.word(0)) : undefined,
  };
}

/** `not` for a condition that may be null (an owner without email): null counts as no match. */
export const excluded = (...conditions: (SQL | undefined)[]) =>
  conditions.filter((c): c is SQL => c !== undefined).map((c) => sql`not coalesce(${c}, false)`);

/**
 * The owner search's tiers (tiered-search.ts): surname prefix, first-name prefix, email prefix, each an
 * ordered range of its own index; then the rest of what the search has always found (every word anywhere in
 * the name, email or phone, or in a pet's name), then the names a typo away, both by the trigram indexes.
 * The fuzzy tiers' candidates are collected into arrays first (`id = any(array(…))`), so the planner never
 * walks the name index in order filtering row by row, the plan issue 12 measured at 124–257 ms. A phone
 * search is one tier (the digit indexes), in name order. The conditions are written from the search's shape
 * and placeholders (SearchTerms); each tier's statement is built once per shape (tieredPage).
 */
export function ownerSearch(terms: SearchTerms, input: Pick<OwnerListInput, 'active'>): TieredSearch {
  return {
    key: `owners|${input.active}|${terms.shape}`,
    tiers: () => ownerSearchTiers(terms, input),
    values: terms.values,
  };
}

function ownerSearchTiers(terms: SearchTerms, input: Pick<OwnerListInput, 'active'>): Tier[] {
  const active = activeCondition(owners.isActive, input.active);
  const { last, first, email } = ownerKeys;
  const byName = [last, first, sql`${owners.id}`];
  const tier = (key: SQL[], where: (SQL | undefined)[]): Tier => ({
    parts: [...key.map(() => 'text' as const).slice(0, -1), 'uuid'],
    select: (qb, after, limit) =>
      qb
        .select({ ...getTableColumns(owners), sortKey: sortKey(key) })
        .from(owners)
        .where(and(active, ...where, keyAfter(key, after)))
        .orderBy(...key)
        .limit(limit),
  });
  if (terms.phone) return [tier(byName, [phoneDigitsMatch()])];
  const prefix = ownerPrefixConditions(terms);
  // Collected into arrays first (`id = any(array(…))`): see above.
  const anyOwner = (where: SQL) =>
    sql`${owners.id} = any(array(select "owners"."id" from "owners" where ${where}))`;
  const containing = matchesAllWords(ownerSearchText, terms)!;
  const byPet = sql`${owners.id} = any(array(select "patients"."owner_id" from "patients" where ${matchesAllWords(sql`"patients"."name"`, terms)}))`;
  const tiers = [
    tier(byName, [prefix.surname]),
    tier([first, last, sql`${owners.id}`], [prefix.firstName, ...excluded(prefix.surname)]),
  ];
  const earlier = [prefix.surname, prefix.firstName];
  if (prefix.email) {
    tiers.push(tier([email, sql`${owners.id}`], [prefix.email, ...excluded(...earlier)]));
    earlier.push(prefix.email);
  }
  tiers.push(tier(byName, [or(anyOwner(containing), byPet), ...excluded(...earlier)]));
  const closely = matchesAllWordsClosely(ownerSearchText, terms);
  if (closely) {
    tiers.push({
      ...tier(byName, [anyOwner(closely), ...excluded(...earlier, containing, byPet)]),
      lastResort: true,
    });
  }
  return tiers;
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
