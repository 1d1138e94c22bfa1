import { SMOOTHGRAD_MAX, SMOOTHGRAD_SIGMA, smoothCopies } from '../../core/smoothGrad';
import { useAppStore } from '../../state/store';
import { NumberField } from './NumberField';

/** SmoothGrad's noisy copies for the shared gradient pass: 1 = off; n copies take n times as long. */
export function SmoothGradSetting() {
  const copies = useAppStore((s) => smoothCopies(s.params.smoothGrad));
  const setParams = useAppStore((s) => s.setParams);
  return (
    <NumberField
      label="SmoothGrad copies"
      min={1}
      max={SMOOTHGRAD_MAX}
      step={1}
      integer
      value={copies}
      help={
        `Averages the activations and gradients of every CAM method over n noisy copies of the image ` +
        `(σ = ${SMOOTHGRAD_SIGMA * 100} % of its value range, seeded). 1 = off; n copies take n times as long.`
      }
      onCommit={(n) => setParams({ smoothGrad: n > 1 ? n : undefined })}
    />
  );
}
