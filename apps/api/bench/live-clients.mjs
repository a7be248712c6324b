// Worker thread for bench/live.ts: SSE clients of live.changes, in their own V8 heap, so the server's heap
// growth per subscription is measured without theirs.
import { parentPort, workerData } from 'node:worker_threads';
import { EventSource } from 'eventsource';

const { baseUrl } = workerData;
const now = () => performance.timeOrigin + performance.now();
const sources = [];

function open(index, cookie) {
  return new Promise((resolve, reject) => {
    const source = new EventSource(`${baseUrl}/trpc/live.changes`, {
      fetch: (url, init) =>
        fetch(url, { ...init, headers: { ...init.headers, cookie: `vetflow_session=${cookie}` } }),
    });
    sources.push(source);
    let first = true;
    source.onmessage = (event) => {
      const data = JSON.parse(event.data)?.json;
      if (first) {
        first = false;
        resolve();
      }
      if (data?.type === 'change' && data.change.table === 'patients')
        parentPort.postMessage({ type: 'got', index, version: data.change.version, at: now() });
    };
    source.onerror = (error) => (first ? reject(error) : undefined);
  });
}

parentPort.on('message', async (message) => {
  if (message.type === 'open') {
    await Promise.all(message.cookies.map((cookie, i) => open(message.from + i, cookie)));
    parentPort.postMessage({ type: 'opened', count: sources.length });
  } else if (message.type === 'close') {
    for (const source of sources) source.close();
    parentPort.postMessage({ type: 'closed' });
  }
});
