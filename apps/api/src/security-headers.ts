import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

type HelmetOptions = NonNullable<Parameters<typeof helmet>[0]>;

/**
 * Helmet's security headers for these options, worked out once: which headers helmet sets does not depend on the
 * request for options without per-request values (no directive is a function), so every answer gets the same
 * ones. Running helmet's chain of a dozen middlewares and their `setHeader` calls for every request was 3 % of a
 * patient chart's CPU (issue 12's profile); setting the list it produced is a loop over a dozen entries.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  // A directive computed per request (a nonce) cannot be worked out once: refuse it rather than freeze one value.
  const csp = options.contentSecurityPolicy;
  const directives = typeof csp === 'object' ? Object.values(csp.directives ?? {}) : [];
  if (
    directives.some(
      (v) => typeof v === 'function' || (Array.isArray(v) && v.some((x) => typeof x === 'function')),
    )
  ) {
    throw new Error('securityHeaders: a directive computed per request needs helmet run per request');
  }
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    finished = true;
    failure = error;
  });
  // Helmet runs its middlewares synchronously; one that did not would set its header after this returned.
  if (!finished) throw new Error('helmet did not finish synchronously');
  if (failure) throw failure;
  return headers;
}
