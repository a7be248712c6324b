import type { AnyTRPCRouter } from '@trpc/server';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import type { FastifyInstance } from 'fastify';
import { resolveJsonCalls } from './json-calls';

interface TrpcRouteOptions<TContext> {
  prefix: string;
  router: AnyTRPCRouter;
  createContext: (opts: CreateFastifyContextOptions) => Promise<TContext>;
  maxBatchSize: number;
}

/**
 * tRPC's HTTP route, as `fastifyTRPCPlugin` registers it, except for how a call is resolved and answered. Queries
 * and mutations answered in JSON (every call but live updates) go through `resolveJsonCalls`, without the Fetch
 * API objects tRPC's adapter builds and reads back. Everything else goes through tRPC's `resolveResponse`; its
 * Fetch `Response` is sent as a string when it is JSON (Fastify would pump its body stream chunk by chunk) and as
 * a stream only for server-sent events.
 */
export function registerTrpcRoute<TContext>(app: FastifyInstance, options: TrpcRouteOptions<TContext>) {
  // As the plugin does: tRPC reads the body itself (it may be a batch, or a subscription's input).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.removeContentTypeParser('multipart/form-data');
  app.addContentTypeParser('multipart/form-data', {}, (_req, body, done) => done(null, body));

  app.all<{ Params: { path: string } }>(`${options.prefix}/:path`, async (req, reply) => {
    const query = req.url.indexOf('?');
    const answer = await resolveJsonCalls({
      router: options.router,
      method: req.method,
      path: req.params.path,
      query: query === -1 ? '' : req.url.slice(query + 1),
      headers: req.headers,
      body: req.body,
      maxBatchSize: options.maxBatchSize,
      createContext: (info) => options.createContext({ req, res: reply, info }),
    });
    if (answer) return reply.code(answer.status).headers(answer.headers).send(answer.body);
    // Everything else (subscriptions, streamed batches, what tRPC refuses before calling anything) as the
    // plugin does it: through a Fetch Request and tRPC's resolveResponse.
    const incoming = req.raw as typeof req.raw & { body?: unknown };
    if ('body' in req) incoming.body = req.body;
    const response = await resolveResponse({
      router: options.router,
      req: incomingMessageToRequest(incoming, reply.raw, { maxBodySize: null }),
      path: req.params.path,
      error: null,
      maxBatchSize: options.maxBatchSize,
      createContext: ({ info }) => options.createContext({ req, res: reply, info }),
    });
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) return reply.send(response);
    reply.code(response.status);
    for (const [name, value] of response.headers) {
      if (name !== 'set-cookie') reply.header(name, value);
    }
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    return reply.send(await response.text());
  });
}
