import { useDeferredValue, useMemo } from 'react';
import { anyMeta, type MethodId } from '../../methods/registry';
import { differenceMap } from '../../render/difference';
import { drawOutline } from '../../render/overlay';
import type { DiffPair } from '../../state/params';
import { useAppStore } from '../../state/store';
import { diffPair } from '../../state/viewSlice';
import { displaySize } from '../image/useCanvas';
import { DisplayControls } from './DisplayControls';
import { DivergingLegend } from './DivergingLegend';
import { LinkedMap } from './LinkedMap';
import { LinkedStage } from './LinkedStage';

/**
 * A − B of two maps on screen (default Seg-XRes-CAM − Seg-Grad-CAM) on a diverging colour map; shown with ≥ 2 methods.
 */
export function DifferencePanel() {
  const methods = useAppStore((s) => s.params.methods);
  const chosen = useAppStore((s) => s.params.diff);
  const pair = diffPair(methods, chosen);
  return pair ? <DifferenceView pair={pair} methods={methods} /> : null;
}

function DifferenceView({ pair, methods }: { pair: DiffPair; methods: readonly MethodId[] }) {
  const a = useAppStore((s) => s.results[pair.a]);
  const b = useAppStore((s) => s.results[pair.b]);
  const image = useAppStore((s) => s.image);
  const target = useAppStore((s) => s.target);
  const setParams = useAppStore((s) => s.setParams);
  // Deferred: a slider step paints its own panel's map first; the difference follows in a render of its own.
  const [mapA, mapB] = [useDeferredValue(a.map), useDeferredValue(b.map)];
  const diff = useMemo(() => (mapA && mapB ? differenceMap(mapA, mapB) : null), [mapA, mapB]);
  const [w, h] = image ? displaySize(image.bitmap.width, image.bitmap.height, 280) : [280, 280];
  const [titleA, titleB] = [anyMeta(pair.a).title, anyMeta(pair.b).title];
  // Picking the method already on the other side swaps the two.
  const pick = (side: 'a' | 'b', id: MethodId) =>
    setParams({
      diff:
        side === 'a' ? { a: id, b: id === pair.b ? pair.a : pair.b } : { a: id === pair.a ? pair.b : pair.a, b: id },
    });
  const choice = (side: 'a' | 'b') => (
    <label>
      <span aria-hidden="true">{side === 'a' ? 'A' : '− B'}</span>
      <select
        aria-label={`Difference: method ${side.toUpperCase()}`}
        value={pair[side]}
        onChange={(e) => pick(side, e.target.value as MethodId)}
      >
        {methods.map((id) => (
          <option key={id} value={id}>
            {anyMeta(id).title}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="panel linked-diff" aria-labelledby="panel-diff" data-status={diff ? 'done' : 'idle'}>
      <div className="linked-diff-head">
        <h2 id="panel-diff">Difference</h2>
        <button
          type="button"
          className="linked-swap"
          aria-label="Swap A and B"
          title="Swap A and B"
          onClick={() => setParams({ diff: { a: pair.b, b: pair.a } })}
        >
          ⇄
        </button>
      </div>
      <div className="linked-pair">
        {choice('a')}
        {choice('b')}
      </div>
      <LinkedStage surface="panel" width={w} height={h} label="Difference view" map={diff} signed>
        <LinkedMap
          viewKey="diff"
          label="Difference heat map"
          width={w}
          height={h}
          image={image?.bitmap ?? null}
          map={diff}
          colour="diverging"
          decorate={(ctx) => target && diff && drawOutline(ctx, target.mask, target.maskSize)}
          decorateDeps={[target]}
        />
      </LinkedStage>
      <DivergingLegend a={titleA} b={titleB} />
      <DiffStatus
        waiting={!a.map || !b.map}
        mismatch={!!a.map && !!b.map && !diff}
        sizes={[a.map?.size, b.map?.size]}
        titles={[titleA, titleB]}
      />
      <DisplayControls viewKey="diff" title="Difference" />
    </section>
  );
}

function DiffStatus({
  waiting,
  mismatch,
  sizes,
  titles,
}: {
  waiting: boolean;
  mismatch: boolean;
  sizes: (readonly number[] | undefined)[];
  titles: [string, string];
}) {
  if (mismatch)
    return (
      <p role="alert" className="error">
        The two maps are on different grids ({sizes.map((s) => s?.join('×')).join(' and ')}): no difference to show.
      </p>
    );
  if (waiting)
    return (
      <p className="hint">
        Shows {titles[0]} − {titles[1]} once both maps are in.
      </p>
    );
  return <p className="hint">A − B of the two maps, each normalised to [0, 1].</p>;
}
