/**
 * Notices: errors and notes for the user, shown in an overlay out of the layout flow. One notice per topic: a new
 * one replaces the last of its topic instead of stacking, so opening image after image shows one "Opened …".
 */

export type NoticeKind = 'error' | 'info';

export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  kind: NoticeKind;
  /** what the notice is about; a later notice of the same topic replaces it (default: its kind) */
  topic: string;
  text: string;
  /** a one-click way out, e.g. "Use WebGL anyway" */
  action?: NoticeAction;
}

export interface NoticeOptions {
  action?: NoticeAction;
  /** e.g. 'backend': a fallback note with its button is not replaced by an unrelated note */
  topic?: string;
}

/** The notices after `next`: the one of its topic replaced, in place; a new topic goes last. */
export function withNotice(notices: readonly Notice[], next: Notice): Notice[] {
  const i = notices.findIndex((n) => n.topic === next.topic);
  if (i < 0) return [...notices, next];
  return notices.map((n, j) => (j === i ? next : n));
}
