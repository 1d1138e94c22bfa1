import { Fragment } from 'react';
import { HelpDialog } from './HelpDialog';
import { chordKeys, SHORTCUT_GROUPS } from './shortcuts';

/** The keyboard-shortcut sheet, opened by `?`. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <HelpDialog title="Keyboard shortcuts" onClose={onClose}>
      {SHORTCUT_GROUPS.map((group) => (
        <section key={group.title} aria-label={group.title}>
          <h3>{group.title}</h3>
          <dl className="help-shortcuts">
            {group.items.map((item) => (
              <div key={`${item.keys.join()} ${item.what}`}>
                <dt>
                  {item.keys.map((chord, i) => (
                    <Fragment key={chord}>
                      {i > 0 && <span className="help-or"> or </span>}
                      <span className="help-chord">
                        {chordKeys(chord).map((k, j) => (
                          <Fragment key={k}>
                            {j > 0 && '+'}
                            <kbd>{k}</kbd>
                          </Fragment>
                        ))}
                      </span>
                    </Fragment>
                  ))}
                </dt>
                <dd>{item.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </HelpDialog>
  );
}
