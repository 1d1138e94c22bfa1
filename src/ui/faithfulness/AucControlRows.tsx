import type { ControlCurves } from '../../core/controls';
import { SHARED_CONTROLS } from '../../core/controls';
import type { MethodCurves } from '../../core/faithfulness';
import { anyMeta, type MethodId } from '../../methods/registry';
import { fmt } from './DataTable';
import { BLURRED_DASH, CONTROL_HELP, CONTROL_STYLE, CONTROL_TITLE } from './controlStyle';
import { seriesStyle } from './series';

/** One reference row: a control's two areas and their difference, its name carrying the control's tooltip. */
function Row({ name, help, color, dash, c, kind, method }: RowProps) {
  return (
    <tr className="control-row" data-control={kind} data-method={method}>
      <th scope="row" title={help}>
        <svg width="16" height="12" viewBox="0 0 16 12" aria-hidden="true">
          <line x1="1" x2="15" y1="6" y2="6" stroke={color} strokeWidth="2" strokeDasharray={dash} />
        </svg>
        {name}
      </th>
      <td data-auc="deletion">{fmt(c.deletion.auc)}</td>
      <td data-auc="insertion">{fmt(c.insertion.auc)}</td>
      <td>{fmt(c.insertion.auc - c.deletion.auc)}</td>
    </tr>
  );
}

interface RowProps {
  name: string;
  help: string;
  color: string;
  dash: string;
  c: MethodCurves;
  kind: string;
  method?: MethodId;
}

/**
 * The AUC table's reference rows (docs/METHOD.md, "Controls"): the random and edge maps, then each method's blurred
 * copy, under a heading row that says what they are.
 */
export function AucControlRows({ controls, methods }: { controls: ControlCurves<MethodId>; methods: MethodId[] }) {
  const shared = SHARED_CONTROLS.flatMap((k) => {
    const c = controls[k];
    return c ? [{ k, c }] : [];
  });
  const blurred = methods.flatMap((m) => {
    const c = controls.blurred[m];
    return c ? [{ m, c }] : [];
  });
  if (!shared.length && !blurred.length) return null;
  return (
    <tbody className="control-rows">
      <tr>
        <th scope="rowgroup" colSpan={4} className="control-heading">
          Controls: what a map that knows nothing of the model scores on the same tests
        </th>
      </tr>
      {shared.map(({ k, c }) => (
        <Row
          key={k}
          kind={k}
          name={CONTROL_TITLE[k]}
          help={CONTROL_HELP[k]}
          color={CONTROL_STYLE[k].color}
          dash={CONTROL_STYLE[k].dash}
          c={c}
        />
      ))}
      {blurred.map(({ m, c }) => (
        <Row
          key={m}
          kind="blurred"
          method={m}
          name={`${anyMeta(m).title}, ${CONTROL_TITLE.blurred}`}
          help={CONTROL_HELP.blurred}
          color={seriesStyle(m).color}
          dash={BLURRED_DASH}
          c={c}
        />
      ))}
    </tbody>
  );
}
