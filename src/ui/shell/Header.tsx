import { useState } from 'react';
import { BACKEND_LABELS, BACKENDS, type BackendName } from '../../core/kinds';
import { shareLink, type ShareLink } from '../../state/shareLink';
import { BUNDLED_MODELS, bundledModelInfo, DEFAULT_MODEL } from '../../core/models';
import { useAppStore } from '../../state/store';
import { HowToReadButton } from '../help/HowToReadButton';
import { BackendBadge } from '../status/BackendBadge';
import { ThemeToggle } from '../theme/ThemeToggle';

/** Title, backend choice with the active backend, and the share link. */
export function Header() {
  const backend = useAppStore((s) => s.params.backend);
  const model = useAppStore((s) => s.model);
  const modelId = useAppStore((s) => s.params.model);
  const setParams = useAppStore((s) => s.setParams);
  const [shown, setShown] = useState<ShareLink | null>(null);

  const copy = async (link: ShareLink) => {
    setShown(link);
    try {
      await navigator.clipboard.writeText(link.url);
    } catch {
      // clipboard refused (permissions): the link is still shown to copy by hand
    }
  };
  const base = () => `${location.origin}${location.pathname}`;
  const onCopy = () => {
    const link = shareLink(useAppStore.getState().params, base());
    // A link that cannot reproduce the view is not copied silently: the user chooses.
    if (link.missing.length) setShown(link);
    else void copy(link);
  };
  const withoutImage = () => {
    const p = useAppStore.getState().params;
    const sample = bundledModelInfo(p.model)?.defaultImage ?? DEFAULT_MODEL.defaultImage;
    void copy({ url: shareLink({ ...p, image: sample, region: null }, base()).url, missing: [] });
  };

  return (
    <header className="header">
      <div className="brand">
        <h1>SegExplain</h1>
        <span className="tagline">what does the segmentation network look at?</span>
      </div>
      <div className="group">
        <label>
          Model
          <select
            aria-label="Model"
            value={modelId}
            onChange={(e) => {
              const next = bundledModelInfo(e.target.value);
              // The user's own image stays (segmented by the new model); a sample gives way to the model's own.
              if (!next) return;
              const image = useAppStore.getState().params.image === null ? null : next.defaultImage;
              setParams({ model: next.id, image, region: null, classIndex: null, layer: null });
            }}
          >
            {BUNDLED_MODELS.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
            {(modelId === 'url' || modelId === 'files') && (
              <option value={modelId}>your model ({modelId === 'url' ? 'URL' : 'files'})</option>
            )}
          </select>
        </label>
        {/* A bundled model's title is the picker's option already; a user's model names itself here. */}
        {!bundledModelInfo(modelId) && <span className="hint model-title">{model?.title ?? 'loading model…'}</span>}
      </div>
      <div className="group">
        <label>
          Backend
          <select
            aria-label="Backend"
            value={backend ?? 'auto'}
            onChange={(e) => setParams({ backend: e.target.value === 'auto' ? null : (e.target.value as BackendName) })}
          >
            <option value="auto">Automatic</option>
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {b === 'cpu' ? `${BACKEND_LABELS[b]} (slow)` : BACKEND_LABELS[b]}
              </option>
            ))}
          </select>
        </label>
        <BackendBadge />
      </div>
      <div className="group">
        <HowToReadButton />
        <ThemeToggle />
        <button type="button" className="primary" onClick={onCopy}>
          Copy link
        </button>
      </div>
      {shown && shown.missing.length > 0 && (
        <div role="dialog" aria-label="This link cannot reproduce the view" className="share-warning">
          <p>A link cannot carry {shown.missing.join(' or ')}. Whoever opens it would see something else.</p>
          {useAppStore.getState().params.image === null ? (
            <button type="button" onClick={withoutImage}>
              Copy link without image
            </button>
          ) : (
            <button type="button" onClick={() => void copy({ ...shown, missing: [] })}>
              Copy link anyway
            </button>
          )}
          <button type="button" onClick={() => setShown(null)}>
            Close
          </button>
        </div>
      )}
      {shown && shown.missing.length === 0 && (
        <input
          className="share"
          readOnly
          aria-label="Share link"
          value={shown.url}
          onFocus={(e) => e.target.select()}
        />
      )}
    </header>
  );
}
