import { registerDepthwiseGradient } from './depthwiseGradient';
import { registerDilatedConvGradient } from './dilatedConvGradient';
import { registerResizeBilinearGradient } from './resizeBilinearGradient';

/** Every gradient tfjs 4.22 gets wrong or lacks for explanations, replaced once, on every backend. */
export function registerGradientFixes(): void {
  registerResizeBilinearGradient();
  registerDepthwiseGradient();
  registerDilatedConvGradient();
}
