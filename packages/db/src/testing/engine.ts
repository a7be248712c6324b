/** Tests run against real PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set, else against PGlite. */
export const testDatabaseUrl = (): string | undefined =>
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the migrated template database; PGlite: the path of a migrated data-dir dump. */
    vetflowTemplate: string;
  }
}
