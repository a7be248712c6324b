import { fileURLToPath } from 'node:url';

/** The committed SQL migrations (drizzle-kit output plus custom SQL). */
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Default home of the embedded database: `<repo>/.data/pglite` (git-ignored). */
export const defaultPgliteDir = fileURLToPath(new URL('../../../.data/pglite', import.meta.url));
