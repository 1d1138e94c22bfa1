import type { MethodId } from '../../methods/registry';
import { anyMeta } from '../../methods/registry';
import { useAppStore } from '../../state/store';
import { useController } from '../shell/ControllerContext';
import { jobProgressText } from './jobProgressText';

/** Progress of a running job (RISE, Score-CAM) in its meta's unit, with a cancel button. */
export function JobProgress({ id }: { id: MethodId }) {
  const result = useAppStore((s) => s.results[id]);
  const controller = useController();
  if (result.status !== 'running' || !result.progress) return null;
  const { done, total } = result.progress;
  const { title, progressUnit } = anyMeta(id);
  const expected = Math.min(total, result.progress.expected ?? total);
  return (
    <div className="row">
      {/* Before the first batch the total is not known yet: an indeterminate bar, not "0 / 1". */}
      {done === 0 ? (
        <progress aria-label={`${title} progress`} />
      ) : (
        // Towards where the job expects to stop (RISE may stop before N): the bar fills when it is done.
        <progress max={expected} value={Math.min(done, expected)} aria-label={`${title} progress`}>
          {done}/{total}
        </progress>
      )}
      <span className="hint" data-testid="job-progress">
        {jobProgressText(result.progress, progressUnit)}
      </span>
      <button type="button" aria-label={`Cancel ${title}`} onClick={() => controller.cancelJob(id)}>
        Cancel
      </button>
    </div>
  );
}
