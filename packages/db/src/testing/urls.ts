/** The same server, another database. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Where CREATE/DROP DATABASE are issued: the database named in the URL itself. */
export const adminUrl = (url: string) => url;
