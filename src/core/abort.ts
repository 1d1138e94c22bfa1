/** The one way a cancelled call ends, on both sides of the worker: an error named AbortError (as fetch does). */
export class AbortError extends Error {
  override name = 'AbortError';
  constructor(message = 'cancelled') {
    super(message);
  }
}

export function isAbort(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError();
}

/** Why the engine worker went away: it threw, stopped answering, or its GPU context was lost. */
export type EngineLossReason = 'crashed' | 'hung' | 'gpu-lost';

/**
 * How calls in flight end when the engine worker is lost; the UI restarts it and recomputes instead of showing them.
 */
export class EngineLostError extends Error {
  override name = 'EngineLostError';
  constructor(
    readonly reason: EngineLossReason,
    detail = '',
  ) {
    super(`The engine stopped (${reason})${detail ? `: ${detail}` : ''}.`);
  }
}

export function isEngineLost(e: unknown): e is EngineLostError {
  return (e as { name?: unknown } | null)?.name === 'EngineLostError';
}

/** Errors that mean "this answer will not come", not "this went wrong": nothing to show for them. */
export const isUnanswered = (e: unknown): boolean => isAbort(e) || isEngineLost(e);
