import { useAppStore } from '../state/store';
import { useController } from './ControllerContext';

/** Progress of the running RISE job, with a cancel button. */
export function RiseProgress() {
  const result = useAppStore((s) => s.results.rise);
  const controller = useController();
  if (result.status !== 'running' || !result.progress) return null;
  const { done, total } = result.progress;
  return (
    <div className="row">
      <progress max={total} value={done} aria-label="RISE progress">{done}/{total}</progress>
      <span className="hint">{done} / {total} masks</span>
      <button type="button" onClick={() => controller.cancelRise()}>Cancel</button>
    </div>
  );
}
