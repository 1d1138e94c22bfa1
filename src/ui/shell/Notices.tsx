import { useAppStore } from '../../state/store';

/**
 * Errors and notes for the user, one per topic (state/notices.ts), in an overlay in the page's corner: out of the
 * layout flow, each dismissable. Errors are alerts, notes are status messages.
 */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {notices.map((n) => (
        // Keyed by topic and kind: a replaced note updates its live region in place; a new error is a new alert.
        <li key={`${n.topic}:${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} className={n.kind}>
          <span>{n.text}</span>
          {n.action && (
            <button type="button" onClick={n.action.run}>
              {n.action.label}
            </button>
          )}
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
