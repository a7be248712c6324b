// Worker thread for bench/live-soak.bench.ts: SSE clients of live.changes, in their own V8 heap, each keeping a
// log of every frame it receives (its event id, and for a change the row's version and the arrival time), so
// the soak can count what each client got against what was committed — not just what arrived somewhere.
import { parentPort, workerData } from 'node:worker_threads';
import { EventSource } from 'eventsource';

const { baseUrl } = workerData;
const now = () => performance.timeOrigin + performance.now();
const clients = [];

function open(cookie) {
  const log = { events: [], resyncs: 0, errors: 0, opens: 0 };
  clients.push(log);
  return new Promise((resolve) => {
    // EventSource reconnects by itself after a dropped stream, sending the last id it saw (Last-Event-ID): the
    // server replays what it missed or says resync. Both would show in the log; errors counts the drops.
    const source = new EventSource(`${baseUrl}/trpc/live.changes`, {
      fetch: (url, init) =>
        fetch(url, { ...init, headers: { ...init.headers, cookie: `vetflow_session=${cookie}` } }),
    });
    log.source = source;
    source.onopen = () => log.opens++;
    source.onmessage = (event) => {
      const data = JSON.parse(event.data)?.json;
      if (data?.type === 'ready') resolve();
      else if (data?.type === 'resync') log.resyncs++;
      else if (data?.type === 'change')
        log.events.push({ id: event.lastEventId, version: data.change.version, at: now() });
    };
    source.onerror = () => log.errors++;
  });
}

parentPort.on('message', async (message) => {
  if (message.type === 'open') {
    await Promise.all(message.cookies.map((cookie) => open(cookie)));
    parentPort.postMessage({ type: 'opened', count: clients.length });
  } else if (message.type === 'report') {
    const report = clients.map(({ source, ...log }) => log);
    parentPort.postMessage({ type: 'report', clients: report });
  } else if (message.type === 'close') {
    for (const client of clients) client.source.close();
    parentPort.postMessage({ type: 'closed' });
  }
});
