import { AbortError } from '../core/abort';

/** Wraps a remote call that takes a call id so that it obeys an AbortSignal. */
export function abortable<T>(remote: { abort(call: number): unknown }, nextCall: () => number) {
  return (signal: AbortSignal, run: (call: number) => Promise<T>): Promise<T> => {
    if (signal.aborted) return Promise.reject(new AbortError());
    const call = nextCall();
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        void Promise.resolve(remote.abort(call)).catch(() => undefined);
        reject(new AbortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      run(call)
        .then(
          (v) => (signal.aborted ? reject(new AbortError()) : resolve(v)),
          (e: unknown) => reject(signal.aborted ? new AbortError() : e),
        )
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}
