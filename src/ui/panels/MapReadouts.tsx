import { CONFIDENCE_FLOOR, sufficiencyNotApplicable, type NotApplicable } from '../../core/readouts';
import { anyMeta, REFERENCE_METHOD, type MethodId } from '../../methods/registry';
import { useAppStore } from '../../state/store';
import { MASKED_HELP, MaskedPreview } from './MaskedPreview';
import { jobExtentText, minimalRegionText, runtimeText, sufficientRegionText } from './jobProgressText';
import { ROBUSTNESS_HELP, RobustnessValue } from './RobustnessReadout';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
// Three decimals; tiny positive values (a one-pixel region's chance level) in exponent form rather than 0.000.
const num = (v: number) => (!Number.isFinite(v) ? '—' : v > 0 && v < 0.0005 ? v.toExponential(1) : v.toFixed(3));

/** What each read-out means and which way is better: shown as the label's tooltip. */
export const READOUT_HELP = {
  extent:
    'How many masks RISE used of its N, and the split-half stability of its map: the expected correlation with a ' +
    'run of as many masks from another seed (1 = no mask noise left). Stopping when stable ends the run once more ' +
    'masks would change the map less than a new seed would (docs/METHOD.md).',
  sufficientRegion:
    'MiSuRe’s stage 1: the region’s prediction grown until keeping only it (the rest set to the baseline) gives ' +
    'back the prediction with Dice ≥ τ. Outlined in amber on the map. Its share of the image and the Dice reached.',
  minimalRegion:
    'MiSuRe’s stage 2: the smallest top share of the sufficient region, ranked by the optimised mask, that still ' +
    'gives back the prediction with Dice ≥ τ. Its share of the image and its Dice. Less kept = a more minimal ' +
    'explanation.',
  dice:
    'Sufficiency Dice: keep only the map’s pixels above the threshold, run the model again, and compare its ' +
    'prediction in the region with the original (1 = the kept pixels alone reproduce it). Higher is better, at a ' +
    'smaller share kept. n/a when the class is not predicted in the region, or when nothing is kept.',
  kept: 'Share of the image kept at this threshold. Lower is better for the same Dice: the map points at fewer pixels.',
  confidence:
    'Confidence kept: the class probability over the region on the masked image ÷ the same on the original. ' +
    'Continuous where Dice is not (a one-pixel region’s Dice can only be 0 or 1). Higher is better; above 1 means ' +
    `masking raised it. n/a when the class is not predicted in the region, when nothing is kept, or when the ` +
    `original probability is below ${CONFIDENCE_FLOOR} (the ratio would be noise).`,
  mass:
    'Relevance mass in the region: the share of the map’s total that falls ' +
    'inside the region. Higher is better; compare with the chance level ' +
    '(the region’s share of the image).',
  leakage:
    'Leakage: the share of the map’s total that lies outside the region, and outside every pixel predicted as the ' +
    'region’s class. Lower is better. A point’s map that covers its whole object leaks out of the region but not ' +
    'out of the class; one that lights up the background or other objects leaks out of both.',
  runtime:
    'Time to map: wall clock from the request to this map on this machine and backend, waiting behind other maps ' +
    'included. The gradient methods share one forward + backward pass; a setting change recombines the cached ' +
    'gradients without running the network; Score-CAM and RISE run their own forward passes.',
  rank:
    'Relevance rank accuracy: of the map’s top-|M| pixels (|M| = region ' +
    'size), the share inside the region. Higher is better; 1 = the region ' +
    'holds the map’s strongest pixels.',
  pointing:
    'Pointing game: does the map’s strongest pixel lie in the region ' +
    '(dilated by 15 px at 224², scaled)? A hit is better.',
  rise:
    'Agreement with RISE (a black-box method): Pearson r and Spearman ρ ' +
    'between this map and the RISE map over all pixels. Higher = the two ' +
    'methods agree.',
} as const;

/** A read-out that is not a number worth reading: "n/a" and the reason, the tooltip says why. */
function NotApplicableValue({ na, short = false }: { na: NotApplicable; short?: boolean }) {
  return (
    <span className="tip na" title={na.why} tabIndex={0}>
      {short ? 'n/a' : `n/a: ${na.reason}`}
    </span>
  );
}

function Item({ label, help, children }: { label: string; help: string; children: React.ReactNode }) {
  return (
    <div className="readout">
      <dt>
        <span className="tip" title={help} tabIndex={0}>
          {label}
        </span>
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The numbers that say how good a panel's map is: sufficiency, localisation, and agreement with RISE. */
export function MapReadouts({ id }: { id: MethodId }) {
  const result = useAppStore((s) => s.results[id]);
  const threshold = useAppStore((s) => s.params.threshold);
  const { sufficiency: suff, metrics } = result;
  if (result.status !== 'done') return <p className="sufficiency hint">Read-outs: —</p>;
  // The reference method's map (RISE's) is what the others are correlated with; it is not compared with itself.
  const reference = REFERENCE_METHOD ? anyMeta(REFERENCE_METHOD) : null;
  const na = suff ? sufficiencyNotApplicable(suff, result.map?.positive === false) : null;
  return (
    <dl className="readouts" aria-live="polite" aria-label="Read-outs">
      <Item label={`Dice @ t = ${threshold.toFixed(2)}`} help={READOUT_HELP.dice}>
        {!suff ? 'computing…' : na?.dice ? <NotApplicableValue na={na.dice} /> : num(suff.dice)}
      </Item>
      <Item label="Kept" help={READOUT_HELP.kept}>
        {suff ? pct(suff.retained) : '…'}
      </Item>
      <Item label="Confidence kept" help={READOUT_HELP.confidence}>
        {!suff ? (
          '…'
        ) : na?.confidence ? (
          // said in full under Dice already when it is the same reason
          <NotApplicableValue na={na.confidence} short={na.confidence === na.dice} />
        ) : (
          num(suff.confidenceKept)
        )}
      </Item>
      <Item label="Model saw" help={MASKED_HELP}>
        <MaskedPreview id={id} />
      </Item>
      <Item label="Mass in region" help={READOUT_HELP.mass}>
        {metrics ? `${num(metrics.relevanceMass)} (chance ${num(metrics.chance)})` : '…'}
      </Item>
      <Item label="Leakage" help={READOUT_HELP.leakage}>
        {metrics
          ? `${num(metrics.leakRegion)} out of region` +
            (metrics.leakClass === null ? '' : `, ${num(metrics.leakClass)} out of class`)
          : '…'}
      </Item>
      <Item label="Rank accuracy" help={READOUT_HELP.rank}>
        {metrics ? num(metrics.relevanceRank) : '…'}
      </Item>
      <Item label="Pointing game" help={READOUT_HELP.pointing}>
        {metrics ? (metrics.pointingHit ? 'hit' : 'miss') : '…'}
      </Item>
      {anyMeta(id).needs === 'gradients' && (
        <Item label="Robustness" help={ROBUSTNESS_HELP}>
          <RobustnessValue id={id} />
        </Item>
      )}
      {result.runtime && (
        <Item label="Time to map" help={READOUT_HELP.runtime}>
          {runtimeText(result.runtime)}
        </Item>
      )}
      {result.extent && (
        <Item label={`${capitalised(anyMeta(id).progressUnit ?? 'units')} used`} help={READOUT_HELP.extent}>
          <span data-testid="job-extent">{jobExtentText(result.extent, anyMeta(id).progressUnit)}</span>
        </Item>
      )}
      {result.regions && (
        <>
          <Item label={`Sufficient region (τ = ${result.regions.threshold})`} help={READOUT_HELP.sufficientRegion}>
            <span data-testid="misure-sufficient">{sufficientRegionText(result.regions)}</span>
          </Item>
          <Item label="Minimal region" help={READOUT_HELP.minimalRegion}>
            <span data-testid="misure-minimal">{minimalRegionText(result.regions)}</span>
          </Item>
        </>
      )}
      {reference && id !== reference.id && (
        <Item label={`vs ${reference.title}`} help={READOUT_HELP.rise}>
          {metrics?.pearson != null && metrics.spearman != null
            ? `r ${num(metrics.pearson)}, ρ ${num(metrics.spearman)}`
            : `when ${reference.title} is done`}
        </Item>
      )}
    </dl>
  );
}
