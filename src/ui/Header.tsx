import { useState } from 'react';
import type { BackendName } from '../state/params';
import { MODELS } from '../state/samples';
import { useAppStore } from '../state/store';

/** Title, backend choice with the active backend, and the share link. */
export function Header() {
  const engine = useAppStore((s) => s.engine);
  const backend = useAppStore((s) => s.params.backend);
  const model = useAppStore((s) => s.model);
  const modelId = useAppStore((s) => s.params.model);
  const setParams = useAppStore((s) => s.setParams);
  const notify = useAppStore((s) => s.notify);
  const [copied, setCopied] = useState<string | null>(null);

  const copy = async () => {
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(link);
      if (modelId === 'files') notify('info', 'This link needs the model files: whoever opens it must load the same files.');
    } catch {
      setCopied(link); // clipboard refused (permissions): the link is still shown to copy by hand
    }
  };

  return (
    <header className="header">
      <h1>SegExplain</h1>
      <label>
        Model
        <select aria-label="Model"
          value={modelId}
          onChange={(e) => {
            const next = MODELS.find((m) => m.id === e.target.value);
            if (next) setParams({ model: next.id, image: next.defaultImage, region: null, classIndex: null, layer: null });
          }}
        >
          {MODELS.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          {(modelId === 'url' || modelId === 'files') && <option value={modelId}>your model ({modelId === 'url' ? 'URL' : 'files'})</option>}
        </select>
      </label>
      <span className="hint">{model?.title ?? 'loading model…'}</span>
      <label>
        Backend
        <select aria-label="Backend" value={backend} onChange={(e) => setParams({ backend: e.target.value as BackendName })}>
          <option value="webgl">WebGL</option>
          <option value="wasm">WebAssembly</option>
          <option value="cpu">CPU (slow)</option>
        </select>
      </label>
      <span className="badge" aria-label="Active backend" data-backend={engine.backend ?? ''}>
        {engine.status === 'starting' ? 'starting…' : engine.backend ? `running on ${engine.backend}` : 'no backend'}
      </span>
      <button type="button" onClick={copy}>Copy link</button>
      {copied && (
        <input className="share" readOnly aria-label="Share link" value={copied} onFocus={(e) => e.target.select()} />
      )}
    </header>
  );
}
