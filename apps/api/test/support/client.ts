import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import type { RefusalData } from '../../src/trpc/refusal';
import type { AppRouter } from '../../src/trpc/root';

export interface TestClient {
  trpc: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** The raw session token the server set (what a cookie thief would hold). */
  cookie(): string | undefined;
  setCookie(value: string | undefined): void;
  /** The device cookie (OWASP device cookies) this browser holds once it has signed in. */
  deviceCookie(): string | undefined;
  setDeviceCookie(value: string | undefined): void;
  lastRequestId(): string | undefined;
}

/**
 * A real tRPC client over real HTTP with its own cookie jar, sending the Origin a browser would
 * (override with `origin: null` to act like a cross-site or non-browser caller).
 */
export function createTestClient(baseUrl: string, options: { origin?: string | null } = {}): TestClient {
  let session: string | undefined;
  let device: string | undefined;
  let requestId: string | undefined;
  const origin = options.origin === undefined ? baseUrl : options.origin;
  const withCookies = (init?: { headers?: unknown }) => {
    const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
    const cookies = [session && `vetflow_session=${session}`, device && `vetflow_device=${device}`].filter(
      Boolean,
    );
    if (cookies.length) headers.set('cookie', cookies.join('; '));
    if (origin) headers.set('origin', origin);
    return headers;
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Server-sent events as a browser's EventSource opens them, with this client's cookies.
        true: httpSubscriptionLink({
          url: `${baseUrl}/trpc`,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (url: string | URL, init: RequestInit) =>
              fetch(url, { ...init, headers: withCookies(init) }),
          }),
        }),
        false: httpLink({
          url: `${baseUrl}/trpc`,
          transformer: superjson,
          fetch: async (url, init) => {
            const headers = withCookies(init as RequestInit);
            const response = await fetch(url, { ...(init as RequestInit), headers });
            requestId = response.headers.get('x-request-id') ?? requestId;
            for (const line of response.headers.getSetCookie()) {
              const match = /^vetflow_session=([^;]*)/.exec(line);
              if (match) session = match[1] || undefined;
              const deviceMatch = /^vetflow_device=([^;]*)/.exec(line);
              if (deviceMatch) device = deviceMatch[1] || undefined;
            }
            return response;
          },
        }),
      }),
    ],
  });
  return {
    trpc,
    cookie: () => session,
    setCookie: (value) => {
      session = value;
    },
    deviceCookie: () => device,
    setDeviceCookie: (value) => {
      device = value;
    },
    lastRequestId: () => requestId,
  };
}

/** The refusal of a failed call (its code, e.g. 'CONFLICT', and its `error.data`), or throws if the call succeeded. */
export async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return {
        code: error.data?.code as string,
        httpStatus: error.data?.httpStatus as number,
        message: error.message,
        data: error.data as RefusalData,
      };
    }
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
