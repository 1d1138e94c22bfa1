import { useAppStore } from '../../state/store';

/** The layer being explained and its grid [h, w] (16×16 before a model is loaded). */
export function useLayerGrid(): { name: string; grid: [number, number] } {
  const layer = useAppStore((s) => s.params.layer);
  const model = useAppStore((s) => s.model);
  const name = layer ?? model?.defaultLayer ?? '';
  const info = model?.layers.find((l) => l.name === name);
  return { name, grid: info ? [info.shape[0], info.shape[1]] : [16, 16] };
}
