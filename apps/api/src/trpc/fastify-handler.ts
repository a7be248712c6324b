import type { AnyTRPCRouter } from '@trpc/server';
import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import { incomingMessageToRequest } from '@trpc/server/adapters/node-http';
import { resolveResponse } from '@trpc/server/http';
import type { FastifyInstance } from 'fastify';

interface TrpcRouteOptions<TContext> {
  prefix: string;
  router: AnyTRPCRouter;
  createContext: (opts: CreateFastifyContextOptions) => Promise<TContext>;
  maxBatchSize: number;
}

/**
 * tRPC's HTTP route, as `fastifyTRPCPlugin` registers it, except for how the answer is sent. The plugin hands
 * Fastify the Fetch `Response` tRPC built, and Fastify pumps its body stream chunk by chunk: for a JSON answer
 * (every query and mutation) that stream machinery cost more CPU than the procedure's own work. A JSON answer is
 * sent as the string it already is; only a stream (server-sent events: live updates) is sent as a stream.
 */
export function registerTrpcRoute<TContext>(app: FastifyInstance, options: TrpcRouteOptions<TContext>) {
  // As the plugin does: tRPC reads the body itself (it may be a batch, or a subscription's input).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.removeContentTypeParser('multipart/form-data');
  app.addContentTypeParser('multipart/form-data', {}, (_req, body, done) => done(null, body));

  app.all<{ Params: { path: string } }>(`${options.prefix}/:path`, async (req, reply) => {
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
