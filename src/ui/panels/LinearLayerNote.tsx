import type { LayerInfo } from '../../core/modelInfo';
import { InfoIcon } from '../shell/InfoIcon';
import { useAppStore } from '../../state/store';
import './linearLayerNote.css';

/**
 * The note's two lines, by what follows the layer (src/model/affinity.ts) and what is explained; null when not affine.
 */
export function linearNoteText(
  layer: LayerInfo,
  explained: { border: boolean; contrast: string | null },
): [string, string] | null {
  const tail = layer.linearTail;
  if (!layer.affineToOutput || !tail) return null;
  const lead = `Only linear operations follow ${layer.name}${tail.ops.length ? ` (${tail.ops.join(', ')})` : ''}`;
  // Pointwise tail: G(p, k) = β_M(p)·v_k, so α_k = mean(β_M)·v_k and Seg-Grad-CAM ∝ ReLU(logit map − bias) for any
  // region, HiResCAM = β_M ⊙ that. A border's weights sum to |inner| − |outer|, whose sign can flip the map: general
  // wording.
  if (tail.pointwise && !explained.border) {
    const logits = explained.contrast ? `logit map of the class minus ${explained.contrast}` : "class's logit map";
    return [
      `${lead}: Seg-Grad-CAM is the ${logits} less its bias, whatever the region (r = 1), not a finding.`,
      "Seg-XRes-CAM at 1×1 (HiResCAM) is that map × the region's footprint.",
    ];
  }
  // Any affine tail: S = Σ_p Σ_k G(p, k)·A(p, k) + const, so HiResCAM's cell p is its exact (positive) part of S.
  return [
    `${lead}: Seg-XRes-CAM at 1×1 (HiResCAM) is each cell's exact contribution to the region's logits.`,
    'Seg-Grad-CAM may barely change between regions: compare with an earlier layer.',
  ];
}

/** A callout under the "Explaining …" line when only linear operations follow the explained layer. */
export function LinearLayerNote() {
  const model = useAppStore((s) => s.model);
  const target = useAppStore((s) => s.target);
  const params = useAppStore((s) => s.params);
  const setParams = useAppStore((s) => s.setParams);
  if (!model || !target?.layerShape) return null;
  const name = params.layer ?? model.defaultLayer;
  const layer = model.layers.find((l) => l.name === name);
  const region = params.region;
  const contrast = region?.kind === 'contrastive' ? (model.classes[region.versus]?.name ?? null) : null;
  const text = layer && linearNoteText(layer, { border: region?.kind === 'border', contrast });
  if (!text) return null;
  const fallback = model.layers.find((l) => l.name === model.defaultLayer && !l.affineToOutput && l.name !== name);
  return (
    <div className="linear-note" role="note" aria-label="Linear layer">
      <InfoIcon className="linear-note-icon" />
      <p>
        <span className="linear-note-line">{text[0]}</span>
        {text[1]}{' '}
        {fallback ? (
          <button
            type="button"
            className="link"
            title="Explain the default layer instead"
            onClick={() => setParams({ layer: null })}
          >
            Use {fallback.name}
          </button>
        ) : (
          'Pick an earlier layer for region-specific maps.'
        )}
      </p>
    </div>
  );
}
