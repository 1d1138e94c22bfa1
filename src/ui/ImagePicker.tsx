import { useState, type DragEvent } from 'react';
import { SAMPLES } from '../state/samples';
import { useAppStore } from '../state/store';
import { useController } from './ControllerContext';
import { decodeImage } from './imageLoading';

/** Bundled samples, or the user's own image from a file or a drop. */
export function ImagePicker() {
  const image = useAppStore((s) => s.params.image);
  const setParams = useAppStore((s) => s.setParams);
  const notify = useAppStore((s) => s.notify);
  const controller = useController();
  const [dragging, setDragging] = useState(false);

  const open = async (file: File | undefined) => {
    if (!file) return;
    try {
      await controller.showImage(await decodeImage(file, 'upload', file.name));
      notify('info', `Opened ${file.name}. Share links only reproduce bundled samples.`);
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
        <select aria-label="Sample" value={image} onChange={(e) => setParams({ image: e.target.value, region: null })}>
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
