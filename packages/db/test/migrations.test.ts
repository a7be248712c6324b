import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/client';
import { migrate } from '../src/migrate';
import { migrationsFolder } from '../src/paths';
import { queryRows } from '../src/raw';
import { createTestDb } from '../src/testing';

// The schema as the catalog sees it, one line per object, with no OIDs or names that differ between runs:
// what "no change" means for a migration run.
async function fingerprint(handle: DbHandle): Promise<string[]> {
  const rows = await queryRows<{ item: string }>(
    handle.db,
    sql`
    select 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || case when a.attnotnull then ' not null' else '' end
           || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') as item
      from pg_class c
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
     where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
    union all
    select 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      from pg_constraint where connamespace = 'public'::regnamespace
    union all
    select 'index ' || indexdef from pg_indexes where schemaname = 'public'
    union all
    select 'trigger ' || pg_get_triggerdef(t.oid)
      from pg_trigger t join pg_class c on c.oid = t.tgrelid
     where not t.tgisinternal and c.relnamespace = 'public'::regnamespace
    union all
    select 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc)
      from pg_proc p where p.pronamespace = 'public'::regnamespace
    union all
    select 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' order by e.enumsortorder)
      from pg_type t join pg_enum e on e.enumtypid = t.oid
     where t.typnamespace = 'public'::regnamespace group by t.typname
    union all
    select 'extension ' || extname || ' ' || extversion from pg_extension where extname <> 'plpgsql'
    union all
    select 'acl ' || relname || ' ' || coalesce(relacl::text, '') from pg_class
     where relnamespace = 'public'::regnamespace and relkind = 'r'
    order by 1`,
  );
  return rows.map((r) => r.item);
}

const appliedMigrations = async (handle: DbHandle) =>
  (
    await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )
  )[0]!.n;

const migrationFiles = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length;

describe('migrations', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle?.close());

  it('build the schema from nothing, and a second run changes nothing', async () => {
    const fromTemplate = await fingerprint(handle);
    expect(fromTemplate.filter((line) => line.startsWith('column ')).length).toBeGreaterThan(50);

    // Back to nothing: everything the migrations made lives in the public and drizzle schemas (the
    // extensions too, so they go with public).
    for (const statement of [
      sql`drop schema drizzle cascade`,
      sql`drop schema public cascade`,
      sql`create schema public`,
    ]) {
      await handle.db.execute(statement);
    }
    expect(await fingerprint(handle)).toEqual([]);

    await migrate(handle);
    const first = await fingerprint(handle);
    expect(await appliedMigrations(handle)).toBe(migrationFiles);
    // The template every test file clones was migrated the same way.
    expect(first).toEqual(fromTemplate);

    await migrate(handle);
    expect(await fingerprint(handle)).toEqual(first);
    expect(await appliedMigrations(handle)).toBe(migrationFiles);
  });
});

describe('indexes and constraints', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle?.close());

  it('cover every foreign key with an index that leads with the key column', async () => {
    // From the catalog, not a hand-kept list: a new foreign key without its index fails here.
    const foreignKeys = await queryRows<{ name: string; columns: number; covered: boolean }>(
      handle.db,
      sql`
      select c.conname as name, cardinality(c.conkey) as columns,
             exists (select 1 from pg_index i
                      where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1] and i.indpred is null) as covered
        from pg_constraint c
       where c.contype = 'f' and c.connamespace = 'public'::regnamespace
       order by c.conname`,
    );
    expect(foreignKeys.length).toBeGreaterThanOrEqual(10);
    // Single-column keys, so "leading column" is the whole key.
    expect(foreignKeys.filter((fk) => fk.columns !== 1)).toEqual([]);
    expect(foreignKeys.filter((fk) => !fk.covered).map((fk) => fk.name)).toEqual([]);
  });

  it('have partial WHERE is_active indexes on owners and patients', async () => {
    const partial = await queryRows<{ table: string; index: string }>(
      handle.db,
      sql`
      select t.relname as table, i.relname as index
        from pg_index x
        join pg_class i on i.oid = x.indexrelid
        join pg_class t on t.oid = x.indrelid
       where t.relname in ('owners', 'patients') and pg_get_expr(x.indpred, x.indrelid) = 'is_active'
       order by 1, 2`,
    );
    expect(partial).toEqual([
      { table: 'owners', index: 'owners_active_email_key' },
      { table: 'owners', index: 'owners_active_name_idx' },
      { table: 'patients', index: 'patients_active_name_idx' },
    ]);
  });

  it('have the double-booking exclusion constraints, for veterinarians and for patients', async () => {
    const rows = await queryRows<{ name: string; type: string; definition: string }>(
      handle.db,
      sql`select conname::text as name, contype::text as type, pg_get_constraintdef(oid) as definition
            from pg_constraint
           where conname in ('appointments_no_double_booking', 'appointments_no_patient_double_booking')
           order by conname`,
    );
    expect(rows.map((r) => r.name)).toEqual([
      'appointments_no_double_booking',
      'appointments_no_patient_double_booking',
    ]);
    for (const row of rows) {
      expect(row.type).toBe('x');
      expect(row.definition).toMatch(/^EXCLUDE USING gist/);
    }
    expect(rows[0]!.definition).toMatch(/\(veterinarian_id WITH =/);
    expect(rows[1]!.definition).toMatch(/\(patient_id WITH =/);
  });

  it('have the trigram GIN indexes and the BRIN index on audit_log.occurred_at', async () => {
    const rows = await queryRows<{ index: string; method: string; definition: string }>(
      handle.db,
      sql`
      select i.relname as index, am.amname as method, pg_get_indexdef(i.oid) as definition
        from pg_class i join pg_am am on am.oid = i.relam
       where i.relkind in ('i', 'I') and not i.relispartition and i.relnamespace = 'public'::regnamespace
         and am.amname in ('gin', 'brin')
       order by 1`,
    );
    expect(rows.map(({ index, method }) => ({ index, method }))).toEqual([
      { index: 'audit_log_occurred_at_brin_idx', method: 'brin' },
      { index: 'owners_search_trgm_idx', method: 'gin' },
      { index: 'patients_name_trgm_idx', method: 'gin' },
    ]);
    expect(rows.find((r) => r.method === 'brin')!.definition).toContain('(occurred_at)');
    for (const gin of rows.filter((r) => r.method === 'gin'))
      expect(gin.definition).toContain('gin_trgm_ops');
  });
});
