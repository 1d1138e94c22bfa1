import { useAppStore } from '../../state/store';
import { backendBadge } from './backendBadge';
import './status.css';

/** The active backend, saying what it means for speed ("WebGL (software rendering: slow)"), explained on hover. */
export function BackendBadge() {
  const engine = useAppStore((s) => s.engine);
  const { text, title } = backendBadge(engine);
  const slow = engine.software === true || engine.backend === 'cpu';
  // data-backend is read by e2e and scripts; the accessible name stays "Active backend".
  return (
    <span
      className="badge"
      aria-label="Active backend"
      data-backend={engine.backend ?? ''}
      data-slow={slow ? 'true' : undefined}
      title={title}
    >
      {text}
    </span>
  );
}
