import { useAppStore } from '../../state/store';

/** Errors and notes for the user; each can be dismissed. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismiss);
  if (notices.length === 0) return null;
  return (
    <ul className="notices">
      {notices.map((n) => (
        <li key={n.id} role={n.kind === 'error' ? 'alert' : 'status'} className={n.kind}>
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
