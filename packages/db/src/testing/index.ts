export { testDatabaseUrl } from './engine';
export { createTestRuntime } from './runtime';
export { startTcpProxy, type TcpProxy } from './tcp-proxy';
export { createTestDb, type TestDbHandle } from './test-database';
