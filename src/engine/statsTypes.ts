import type { MethodId } from '../methods/registry';

/**
 * Network runs since start-up, by purpose (and by method for jobs), and the tensors tfjs holds now; tests read them
 * to prove what ran and that nothing leaks.
 */
export type EngineStats = Record<'prediction' | 'activation' | 'gradient' | 'sufficiency', number> &
  Partial<Record<MethodId, number>> & {
    tensors?: number;
    tensorBytes?: number;
    /** settings changes recombined by this worker (not by the plain-JS recombiner) */
    recombine?: number;
    /** forward + backward passes of the sanity check (one per step, the original included) */
    sanity?: number;
    /** forward + backward passes of the robustness read-out (the clean one included) */
    robustness?: number;
    /** job batches started (each passes the priority gate first) */
    jobBatches?: number;
    /** images through the model for the Faithfulness view's curves */
    curves?: number;
    /** images of job batches that the helper worker ran (passSharing.ts) */
    helper?: number;
  };
