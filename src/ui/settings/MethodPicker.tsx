import { METHODS } from '../../methods/registry';
import { useAppStore } from '../../state/store';

/** Which methods are on screen (in the share link); by default the paper's three. */
export function MethodPicker() {
  const shown = useAppStore((s) => s.params.methods);
  const toggle = useAppStore((s) => s.toggleMethod);
  return (
    <fieldset className="controls method-picker">
      <legend>Methods on screen</legend>
      {METHODS.map((m) => (
        <label key={m.id} className="check" title={m.description}>
          <input
            type="checkbox"
            aria-label={`Show ${m.title}`}
            checked={shown.includes(m.id)}
            onChange={(e) => toggle(m.id, e.target.checked)}
          />
          {m.title}
        </label>
      ))}
    </fieldset>
  );
}
