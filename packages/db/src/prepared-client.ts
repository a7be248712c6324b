import type { Sql, TransactionSql } from 'postgres';

type Client = Sql | TransactionSql;
type Callback = (sql: TransactionSql) => unknown;

/**
 * A postgres.js client whose queries from Drizzle are prepared. Drizzle sends each query with `prepare: false`
 * (only its own named `.prepare()` queries are prepared), and postgres.js then spends two round trips on every
 * query with parameters (Parse and Describe, then Bind and Execute) while PostgreSQL parses and plans it again
 * each time. The API sends a fixed set of statement texts, so each connection prepares each text once: one
 * round trip per query after that. Security is unchanged: PostgreSQL checks privileges at every execution and
 * re-plans a cached statement for another role (row-level security), and a transaction's SET LOCAL ROLE applies
 * to prepared statements as to any other. Transactions and savepoints hand Drizzle a wrapped client too.
 */
export function preparedByDefault<T extends Client>(client: T): T {
  const wrapCallback = (args: unknown[]) => {
    const callback = args.pop() as Callback;
    return [...args, (tx: TransactionSql) => callback(preparedByDefault(tx))];
  };
  return new Proxy(client, {
    get(target, key) {
      if (key === 'unsafe') {
        return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (key === 'begin' || key === 'savepoint') {
        const method = Reflect.get(target, key) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => method.apply(target, wrapCallback(args));
      }
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
