import { creditsFor } from '../../core/models';
import { useAppStore } from '../../state/store';
import '../status/status.css';

/** Credits for what is on screen: the model in use and the image shown (their data lives in core/models). */
export function Credits() {
  const modelId = useAppStore((s) => s.params.model);
  const image = useAppStore((s) => s.image);
  const credits = creditsFor(modelId, image ? image.id : null);
  return (
    <footer className="hint credits" aria-label="Credits">
      <p>
        <strong>Model:</strong> {credits.model.source}; licence {credits.model.licence}.
      </p>
      <p>
        <strong>Image:</strong> {credits.image ?? 'loading…'}.
      </p>
      <p>
        <strong>Methods:</strong> named on each panel, with their papers in its help.
      </p>
    </footer>
  );
}
