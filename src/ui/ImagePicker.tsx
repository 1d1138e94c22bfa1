import { useState, type DragEvent } from 'react';
import { SAMPLES } from '../state/samples';
import { useAppStore } from '../state/store';
import { useController } from './ControllerContext';
import { decodeImage } from './imageLoading';

const OWN = '__own__';

/** Bundled samples, or the user's own image from a file or a drop (which no link can carry). */
export function ImagePicker() {
  const image = useAppStore((s) => s.params.image);
  const loaded = useAppStore((s) => s.image);
  const setParams = useAppStore((s) => s.setParams);
  const notify = useAppStore((s) => s.notify);
  const controller = useController();
  const [dragging, setDragging] = useState(false);

  const open = async (file: File | undefined) => {
    if (!file) return;
    try {
      await controller.openImage(await decodeImage(file, 'upload', file.name));
      notify('info', `Opened ${file.name}. Your own image stays on this machine: share links cannot carry it.`);
    } catch (e) {
      notify('error', (e as Error).message);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files[0]);
  };

  return (
    <div
      className={`row picker${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label>
        Sample
        <select aria-label="Sample" value={image ?? OWN} onChange={(e) => e.target.value !== OWN && setParams({ image: e.target.value, region: null })}>
          {image === null && <option value={OWN}>Your image: {loaded?.name ?? '…'}</option>}
          {SAMPLES.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <label className="file">
        Open image…
        <input aria-label="Open image…" type="file" accept="image/*" onChange={(e) => void open(e.target.files?.[0])} />
      </label>
      <span className="hint">or drop one here</span>
    </div>
  );
}
