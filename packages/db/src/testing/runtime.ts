import { connectRuntime, type RuntimeConnection } from '../roles';
import type { TestDbHandle } from './test-database';

/**
 * The connection the API serves through in tests, as in production: the runtime role of this test database
 * (its own login on PostgreSQL; SET ROLE on PGlite's one connection, which the owner handle then shares).
 * The owner handle stays open for setup and tampering on PostgreSQL.
 */
export function createTestRuntime(owner: TestDbHandle): Promise<RuntimeConnection> {
  return connectRuntime(owner, owner.url, { keepOwner: true, maxConnections: 25 });
}
