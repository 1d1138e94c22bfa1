import { useState } from 'react';
import { areaOf, isClick } from '../../regions/edit';
import { useAppStore } from '../../state/store';

/**
 * The classes the model predicts. Picking one selects it as the explained class and offers to explain the whole
 * class; after a click on the image, "this blob" and "the whole class" widen the clicked pixel.
 */
export function ClassLegend() {
  const model = useAppStore((s) => s.model);
  const prediction = useAppStore((s) => s.prediction);
  const region = useAppStore((s) => s.params.region);
  const classIndex = useAppStore((s) => s.params.classIndex);
  const [picked, setPicked] = useState<number | null>(null);
  if (!model) return null;
  const s = useAppStore.getState();
  const area = region ? areaOf(region) : null;
  const click = isClick(area) ? area : null;

  /** The whole class c: anchored at one of its pixels, so the region reads the right class without a chosen class. */
  const wholeClass = (c: number) => {
    const labels = prediction?.labels;
    const [h, w] = prediction?.size ?? [1, 1];
    const i = labels ? labels.indexOf(c) : -1;
    if (i < 0) return s.notify('info', `No pixel is predicted as "${model.classes[c]?.name}" in this image.`);
    s.setParams({ classIndex: c });
    s.setArea({ kind: 'class', x: ((i % w) + 0.5) / w, y: (Math.floor(i / w) + 0.5) / h });
  };

  return (
    <div className="class-legend-box">
      <ul className="class-legend" aria-label="Classes">
        {model.classes.map((c, i) => (
          <li key={c.name}>
            <button
              type="button"
              className="legend-item"
              aria-pressed={classIndex === i}
              onClick={() => setPicked(picked === i ? null : i)}
            >
              <span className="swatch" style={{ background: i === 0 ? 'transparent' : c.color }} /> {c.name}
            </button>
          </li>
        ))}
      </ul>
      {picked !== null && (
        <div className="row">
          <button
            type="button"
            onClick={() => {
              wholeClass(picked);
              setPicked(null);
            }}
          >
            Explain the whole class “{model.classes[picked]?.name}”
          </button>
          <button
            type="button"
            onClick={() => {
              s.setParams({ classIndex: picked });
              setPicked(null);
            }}
          >
            Use it as the explained class
          </button>
        </div>
      )}
      {click && click.kind === 'point' && (
        <div className="row" aria-label="Widen the clicked pixel">
          <span className="hint">Widen the click:</span>
          <button type="button" onClick={() => s.setArea({ ...click, kind: 'component' })}>
            Explain this blob
          </button>
          <button type="button" onClick={() => s.setArea({ ...click, kind: 'class' })}>
            Explain the whole class
          </button>
        </div>
      )}
    </div>
  );
}
