export { testDatabaseUrl } from './engine';
export { createTestDb, type TestDbHandle } from './test-database';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
