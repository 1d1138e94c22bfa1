import { useState, type DragEvent, type FormEvent } from 'react';
import type { CustomModelOptions } from '../../core/modelInfo';
import { useController } from './ControllerContext';

/** Load a TensorFlow.js LayersModel or GraphModel, or an ONNX file, from a URL or files; asks what they cannot tell. */
export function CustomModelForm() {
  const controller = useController();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [options, setOptions] = useState<CustomModelOptions>({
    inputRange: '0,1',
    outputKind: 'auto',
    outputIs: 'auto',
    classNames: [],
  });
  const [names, setNames] = useState('');
  const opts = () => ({
    ...options,
    classNames: names
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  });

  const run = async (load: () => Promise<boolean>) => {
    setBusy(true);
    await load();
    setBusy(false);
  };
  const fromFiles = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    void run(async () => {
      const files = await Promise.all(
        Array.from(list).map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })),
      );
      return controller.loadCustomModel({ kind: 'files', files, options: opts() });
    });
  };
  const fromUrl = (e: FormEvent) => {
    e.preventDefault();
    if (url.trim()) void run(() => controller.loadCustomModel({ kind: 'url', url: url.trim(), options: opts() }));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    fromFiles(e.dataTransfer.files);
  };

  return (
    <details className="controls custom-model" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <summary>Your own model (TensorFlow.js or ONNX)</summary>
      <form onSubmit={fromUrl} className="controls" aria-busy={busy}>
        <label>
          Model URL
          <input
            aria-label="Model URL"
            type="url"
            placeholder="https://…/model.json or …/model.onnx"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            Load
          </button>
        </label>
        <label>
          Model files
          <input
            aria-label="Model files"
            type="file"
            multiple
            accept=".json,.bin,.onnx"
            disabled={busy}
            onChange={(e) => fromFiles(e.target.files)}
          />
        </label>
        <p className="hint">
          Choose model.json together with its .bin shards, or one .onnx file (a PyTorch export: see the README), or drop
          them here.
        </p>
        <label>
          Input range
          <select
            aria-label="Input range"
            value={options.inputRange}
            onChange={(e) => setOptions({ ...options, inputRange: e.target.value as CustomModelOptions['inputRange'] })}
          >
            <option value="0,1">0 … 1</option>
            <option value="0,255">0 … 255</option>
            <option value="-1,1">−1 … 1</option>
          </select>
        </label>
        <label>
          Output kind
          <select
            aria-label="Output kind"
            value={options.outputKind}
            onChange={(e) => setOptions({ ...options, outputKind: e.target.value as CustomModelOptions['outputKind'] })}
          >
            <option value="auto">auto (1 channel: sigmoid, more: softmax)</option>
            <option value="softmax">softmax classes</option>
            <option value="sigmoid">one sigmoid channel</option>
          </select>
        </label>
        <label>
          Output values
          <select
            aria-label="Output values"
            value={options.outputIs}
            onChange={(e) => setOptions({ ...options, outputIs: e.target.value as CustomModelOptions['outputIs'] })}
          >
            <option value="auto">auto (read the last layer)</option>
            <option value="logits">logits</option>
            <option value="probabilities">probabilities</option>
          </select>
        </label>
        <label>
          Class names
          <input
            aria-label="Class names"
            type="text"
            placeholder="background, road, car, …"
            value={names}
            onChange={(e) => setNames(e.target.value)}
          />
        </label>
        {busy && (
          <p className="hint" role="status">
            Loading the model…
          </p>
        )}
      </form>
    </details>
  );
}
