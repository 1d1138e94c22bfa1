import type { ControlCurves } from '../../core/controls';
import type { CurveKind, MethodCurves } from '../../core/faithfulness';
import { anyMeta, type MethodId } from '../../methods/registry';
import { fmt } from './DataTable';
import { Marker } from './Series';
import { seriesStyle } from './series';
import { AucControlRows } from './AucControlRows';
import { NOT_BETTER_HELP, notBetterThanRandom } from './controlStyle';

/** The mark of an area that does not beat the random map's, with its tooltip (and the same words for readers). */
function NotBetter({ kind }: { kind: CurveKind }) {
  return (
    <span className="not-better" title={NOT_BETTER_HELP[kind]} data-not-better={kind}>
      <span aria-hidden="true"> ⚠</span> not better than random
    </span>
  );
}

/**
 * The areas under the deletion and insertion curves per method, the best of each column marked in words too, an
 * area that does not beat the random map's marked, and the controls as reference rows.
 */
export function AucTable({
  entries,
  controls,
}: {
  entries: [MethodId, MethodCurves][];
  controls: ControlCurves<MethodId>;
}) {
  const aucs = (kind: CurveKind) => entries.map(([, c]) => c[kind].auc).filter(Number.isFinite);
  const bestDeletion = Math.min(...aucs('deletion'));
  const bestInsertion = Math.max(...aucs('insertion'));
  const several = entries.length > 1;
  return (
    <table className="auc-table" aria-label="Areas under the deletion and insertion curves">
      <caption>
        Area under each curve (0 to 1). <strong>Lower deletion AUC</strong> and <strong>higher insertion AUC</strong> =
        more faithful: the pixels the map ranks first are the ones the model needs.
      </caption>
      <thead>
        <tr>
          <th scope="col">Method</th>
          <th scope="col">Deletion AUC ↓</th>
          <th scope="col">Insertion AUC ↑</th>
          <th scope="col" title="insertion AUC minus deletion AUC: higher is better">
            {'Ins.\u00a0−\u00a0Del.'}
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([m, c]) => {
          const s = seriesStyle(m);
          const del = c.deletion.auc;
          const ins = c.insertion.auc;
          const weak = notBetterThanRandom(c, controls.random);
          return (
            <tr key={m} data-method={m}>
              <th scope="row">
                <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                  <Marker shape={s.marker} x={6} y={6} r={4} color={s.color} />
                </svg>
                {anyMeta(m).title}
              </th>
              <td data-auc="deletion" className={several && del === bestDeletion ? 'best' : undefined}>
                {fmt(del)}
                {several && del === bestDeletion ? <span className="best-tag"> best</span> : null}
                {weak.deletion && <NotBetter kind="deletion" />}
              </td>
              <td data-auc="insertion" className={several && ins === bestInsertion ? 'best' : undefined}>
                {fmt(ins)}
                {several && ins === bestInsertion ? <span className="best-tag"> best</span> : null}
                {weak.insertion && <NotBetter kind="insertion" />}
              </td>
              <td>{fmt(ins - del)}</td>
            </tr>
          );
        })}
      </tbody>
      <AucControlRows controls={controls} methods={entries.map(([m]) => m)} />
    </table>
  );
}
