export { testDatabaseUrl } from './engine';
export { createTestDb } from './test-database';
