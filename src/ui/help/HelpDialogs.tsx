import { lazy, Suspense } from 'react';
import { HelpDialog } from './HelpDialog';
import { closeHelpSheet, useHelpStore } from '../../state/helpStore';
import { ShortcutSheet } from './ShortcutSheet';

// The drawer's text and equations load on first open, out of the first-paint bundle.
const HowToReadBody = lazy(() => import('./HowToReadBody'));

/** The help sheets opened from anywhere: "How to read this" (the header) and the keyboard shortcuts (`?`). */
export function HelpDialogs() {
  const sheet = useHelpStore((s) => s.sheet);
  if (sheet === 'shortcuts') return <ShortcutSheet onClose={closeHelpSheet} />;
  if (sheet === 'howToRead') {
    return (
      <HelpDialog title="How to read this" variant="drawer" onClose={closeHelpSheet}>
        <Suspense fallback={<p className="help-muted">Loading…</p>}>
          <HowToReadBody />
        </Suspense>
      </HelpDialog>
    );
  }
  return null;
}
