/**
 * Yields one macrotask so that messages (a cancel, a click) get in between batches. A MessageChannel task, not
 * setTimeout(0): browsers clamp chained timeouts to ≥ 4 ms, which cost a batch-of-one RISE run 4 ms per mask.
 */
export function yieldTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
