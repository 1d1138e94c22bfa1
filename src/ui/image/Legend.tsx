import { TURBO_LUT } from '../../render/colormap';

const STOPS = Array.from({ length: 11 }, (_, i) => {
  const k = Math.round((i / 10) * 255) * 3;
  return `rgb(${TURBO_LUT[k]},${TURBO_LUT[k + 1]},${TURBO_LUT[k + 2]}) ${i * 10}%`;
});

/** Colour bar of the heat maps: normalised evidence from 0 to 1. */
export function Legend() {
  return (
    <div className="legend" aria-label="Colour scale: 0 (low) to 1 (high), normalised per map">
      <span>0</span>
      <span className="bar" style={{ background: `linear-gradient(to right, ${STOPS.join(', ')})` }} />
      <span>1</span>
    </div>
  );
}
