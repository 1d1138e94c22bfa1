import { useEffect, useState } from 'react';
import { useAppStore } from '../../state/store';
import { hintDismissed, linkHasRegion, rememberHintDismissed, showHintOnLoad } from './firstVisit';
import './help.css';

/**
 * A small banner above the image on the first visit: "Click or draw on the image to explain a region". It goes for
 * good when closed or once a first region is explained, and never shows on a link that already carries a region.
 */
export function FirstVisitHint() {
  const [shown, setShown] = useState(() =>
    showHintOnLoad(hintDismissed(), useAppStore.getState().params.region !== null || linkHasRegion(location.search)),
  );
  useEffect(() => {
    if (!shown) return;
    return useAppStore.subscribe((s) => {
      if (s.params.region === null) return;
      rememberHintDismissed();
      setShown(false);
    });
  }, [shown]);
  if (!shown) return null;
  return (
    <div className="first-visit-hint" role="note">
      <span>Click or draw on the image to explain a region.</span>
      <button
        type="button"
        aria-label="Dismiss the hint"
        title="Dismiss"
        onClick={() => {
          rememberHintDismissed();
          setShown(false);
        }}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
