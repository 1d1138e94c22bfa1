import { DIVERGING_LUT } from '../../render/colormap';

const STOPS = Array.from({ length: 11 }, (_, i) => {
  const k = Math.round((i / 10) * 255) * 3;
  return `rgb(${DIVERGING_LUT[k]},${DIVERGING_LUT[k + 1]},${DIVERGING_LUT[k + 2]}) ${i * 10}%`;
});

/** Colour bar of a difference A − B: −1 (blue, B higher) through 0 (white, agree) to +1 (red, A higher). */
export function DivergingLegend({ a, b }: { a: string; b: string }) {
  return (
    <div
      className="linked-legend"
      role="img"
      aria-label={`Colour scale from −1 (blue: ${b} higher) through 0 (white: equal) to +1 (red: ${a} higher)`}
    >
      <div className="linked-legend-scale">
        <span>−1</span>
        <span className="linked-legend-bar" style={{ background: `linear-gradient(to right, ${STOPS.join(', ')})` }} />
        <span>+1</span>
      </div>
      <div className="linked-legend-sides">
        <span>◀ {b} higher</span>
        <span>{a} higher ▶</span>
      </div>
    </div>
  );
}
