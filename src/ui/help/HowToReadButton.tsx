import { openHelpSheet } from '../../state/helpStore';

/** The header's way into the "How to read this" drawer. */
export function HowToReadButton() {
  return (
    <button type="button" className="help-open" aria-haspopup="dialog" onClick={() => openHelpSheet('howToRead')}>
      How to read this
    </button>
  );
}
