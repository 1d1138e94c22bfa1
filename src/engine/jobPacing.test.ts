import { describe, expect, it } from 'vitest';
import { batchClock, GPU_LABELS_IN_FLIGHT, LABELS_IN_FLIGHT, labelsInFlight } from './jobPacing';

describe('job pacing', () => {
  it('keeps many batches out with a helper, one queued on a GPU alone, none on cpu or wasm alone', () => {
    expect(labelsInFlight('wasm', true)).toBe(LABELS_IN_FLIGHT);
    expect(labelsInFlight('webgl', false)).toBe(GPU_LABELS_IN_FLIGHT);
    expect(labelsInFlight('webgpu', false)).toBe(GPU_LABELS_IN_FLIGHT);
    expect(labelsInFlight('wasm', false)).toBe(1);
    expect(labelsInFlight('cpu', false)).toBe(1);
    expect(GPU_LABELS_IN_FLIGHT).toBeGreaterThan(1);
  });

  it('reads a queued batch by the time it added, one after another by its own time', () => {
    const clock = batchClock();
    expect(clock(0, 100)).toBe(100); // alone
    expect(clock(120, 200)).toBe(80); // started after the last one ended: its own time
    // Two out at once: the second started at 210 but waited behind the first (ends 300), and ended at 390.
    expect(clock(205, 300)).toBe(95);
    expect(clock(210, 390)).toBe(90);
  });
});
