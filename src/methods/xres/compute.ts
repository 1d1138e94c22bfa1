import { effectiveWindow } from '../../core/settings';
import type { GradientCompute } from '../types';
import { segXResCam } from './xresCam';

export const compute: GradientCompute<'xres'> = {
  needs: 'gradients',
  combine: (a, g, s) =>
    segXResCam(a, g, { pool: s.pool, window: effectiveWindow(s.window, [a.shape[0], a.shape[1]]), edges: s.edges }),
};
