import type { SharedControl } from '../../core/controls';
import type { CurveKind, MethodCurves } from '../../core/faithfulness';
import type { SeriesStyle } from './series';

/**
 * How the controls are drawn and named (docs/METHOD.md, "Controls"): the random and edge maps as grey and brown
 * dashed lines shared by every method, each method's blurred copy faint (thin, no markers) in the method's colour.
 */
export const CONTROL_STYLE: Record<SharedControl, SeriesStyle> = {
  // ≥ 3:1 against white and against #121212, like the methods' colours
  random: { color: '#808080', dash: '6 4', marker: 'circle' },
  edge: { color: '#8c6d46', dash: '3 3', marker: 'square' },
};
export const BLURRED_DASH = '1 3';

export const CONTROL_TITLE: Record<SharedControl | 'blurred', string> = {
  random: 'Random map',
  edge: 'Edge map',
  blurred: 'blurred',
};

/** The tooltips of the controls, in the curves' legend and tables, the AUC table and the sanity plot. */
export const CONTROL_HELP: Record<SharedControl | 'blurred', string> = {
  random:
    'A control: i.i.d. uniform values per pixel (seeded). It ranks pixels by chance; ' +
    'a method that does not beat it on a test has shown nothing on that test.',
  edge:
    'A control: the Sobel edge strength of the image in grayscale. It knows nothing of the model; ' +
    'a method that scores like it may be explaining the image rather than the model.',
  blurred:
    "A control: the method's own map blurred (Gaussian, σ = 1/32 of the image side). Removal tests are known " +
    'to favour blurry maps (Song et al. 2023); a blurred copy that scores better says so about the test, not the map.',
};

export const NOT_BETTER_HELP: Record<CurveKind, string> = {
  deletion:
    'Not better than the random map: removing pixels in this map’s order lowers the class probability no faster ' +
    'than removing them at random (deletion AUC ≥ the random map’s).',
  insertion:
    'Not better than the random map: restoring pixels in this map’s order raises the class probability no faster ' +
    'than restoring them at random (insertion AUC ≤ the random map’s).',
};

/** Per curve, whether a method fails to beat the random control (no random control yet: false). */
export function notBetterThanRandom(c: MethodCurves, random: MethodCurves | undefined): Record<CurveKind, boolean> {
  if (!random) return { deletion: false, insertion: false };
  return { deletion: !(c.deletion.auc < random.deletion.auc), insertion: !(c.insertion.auc > random.insertion.auc) };
}
