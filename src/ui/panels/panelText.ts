import { usesLayer, type MethodNeeds } from '../../core/method';

/** What an all-zero map means for a method: "at this layer" only where the method has a layer. */
export function emptyMapText(needs: MethodNeeds): string {
  return `No positive evidence: the map is zero everywhere${usesLayer(needs) ? ' at this layer' : ''}.`;
}

/** The hint's SmoothGrad note: only the gradient methods' A and G are averaged over the noisy copies. */
export function smoothGradText(needs: MethodNeeds, copies: number): string | null {
  return needs === 'gradients' && copies > 1 ? `SmoothGrad n = ${copies}` : null;
}
