/**
 * A crashed or terminated worker raises no event on the page. It holds a Web Lock for its whole life
 * (engine.worker.ts) and says its name; this request, queued behind it, is granted when the worker dies: dead is
 * known at once, however busy the worker was. Without the Web Locks API the watchdog alone notices. Returns a stop.
 */
export function onDeath(lock: string, dead: () => void): () => void {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return () => undefined;
  const stop = new AbortController();
  navigator.locks.request(lock, { signal: stop.signal }, async () => dead()).catch(() => undefined);
  return () => stop.abort();
}
