/** The pending draft writes of every open form: written at once when the session ends or the page is left. */
const pendingWrites = new Set<() => void>();

export const addPendingWrite = (write: () => void) => pendingWrites.add(write);
export const removePendingWrite = (write: () => void) => pendingWrites.delete(write);

export function flushDrafts() {
  for (const write of [...pendingWrites]) write();
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', flushDrafts);
