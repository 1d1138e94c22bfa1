import { useState } from 'react';
import { InfoIcon } from '../shell/InfoIcon';
import { anyMeta, type MethodId } from '../../methods/registry';
import { Equation } from './Equation';
import { HelpDialog } from './HelpDialog';
import { sharedSettingsNote, symbolsFor } from './methodHelpText';

/** The ⓘ on a method's panel: opens what the method shows, its equation, its paper and its settings. */
export function MethodInfoButton({ id }: { id: MethodId }) {
  const [open, setOpen] = useState(false);
  const title = anyMeta(id).title;
  return (
    <>
      <button
        type="button"
        className="help-info"
        aria-haspopup="dialog"
        aria-label={`About ${title}`}
        title={`About ${title}: what it shows, its equation and its paper`}
        onClick={() => setOpen(true)}
      >
        <InfoIcon />
      </button>
      {open && <MethodHelpDialog id={id} onClose={() => setOpen(false)} />}
    </>
  );
}

function MethodHelpDialog({ id, onClose }: { id: MethodId; onClose: () => void }) {
  const meta = anyMeta(id);
  const { help, reference: ref } = meta;
  const settings = Object.values(meta.settings);
  return (
    <HelpDialog title={`About ${meta.title}`} onClose={onClose}>
      <p>{help?.what ?? meta.description}</p>
      {help && <Equation tex={help.equation} />}
      <p className="help-muted">{symbolsFor(meta.needs)} All maps are then normalised to [0, 1].</p>
      <h3>Paper</h3>
      <p>
        {ref.authors} ({ref.year}).{' '}
        <a href={ref.url} target="_blank" rel="noreferrer">
          {ref.title}
        </a>
        . <cite>{ref.venue}</cite>.
      </p>
      <h3>Settings</h3>
      {settings.length === 0 && <p>No settings of its own.</p>}
      {settings.length > 0 && (
        <dl className="help-settings">
          {settings.map((spec) => (
            <div key={spec.link}>
              <dt>{spec.label}</dt>
              <dd>{spec.help}</dd>
            </div>
          ))}
        </dl>
      )}
      {help?.settingsNote && <p>{help.settingsNote}</p>}
      <p className="help-muted">{sharedSettingsNote(meta.needs)}</p>
    </HelpDialog>
  );
}
