import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { isConnectionProblem, isReconnecting, reportCallOutcome } from './connection';

const trpcError = (data: Record<string, unknown>) =>
  TRPCClientError.from({ error: { message: 'x', code: -32603, data } } as never);

describe('the reconnecting state', () => {
  it('treats a 503 and a request without an answer as a connection problem, refusals not', () => {
    expect(isConnectionProblem(trpcError({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503 }))).toBe(true);
    expect(isConnectionProblem(TRPCClientError.from(new TypeError('Failed to fetch')))).toBe(true);
    expect(isConnectionProblem(trpcError({ code: 'CONFLICT', httpStatus: 409 }))).toBe(false);
    expect(isConnectionProblem(trpcError({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 }))).toBe(false);
    expect(isConnectionProblem(new Error('not a call'))).toBe(false);
  });

  it('is raised by a 503 and cleared by the next success', () => {
    reportCallOutcome(trpcError({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503 }));
    expect(isReconnecting()).toBe(true);
    reportCallOutcome(null);
    expect(isReconnecting()).toBe(false);
  });
});
