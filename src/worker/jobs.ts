/**
 * One running job per kind: starting a job aborts the previous job of the same kind, so a new click supersedes
 * the old one; cancel(id) aborts a job by id.
 */
export class JobRegistry {
  private readonly byKind = new Map<string, { id: number; ctrl: AbortController }>();

  start(kind: string, id: number): AbortSignal {
    this.byKind.get(kind)?.ctrl.abort();
    const ctrl = new AbortController();
    this.byKind.set(kind, { id, ctrl });
    return ctrl.signal;
  }

  finish(kind: string, id: number): void {
    if (this.byKind.get(kind)?.id === id) this.byKind.delete(kind);
  }

  /** A new image invalidates every running job. */
  abortAll(): void {
    this.byKind.forEach((job) => job.ctrl.abort());
    this.byKind.clear();
  }

  cancel(id: number): void {
    for (const [kind, job] of this.byKind) {
      if (job.id === id) {
        job.ctrl.abort();
        this.byKind.delete(kind);
      }
    }
  }
}
