import { SAMPLES } from '../../core/models';
import { useAppStore } from '../../state/store';
import { CameraButton } from '../input/CameraButton';
import { useOpenImage } from '../input/useOpenImage';
import '../input/input.css';

const OWN = '__own__';

/**
 * Bundled samples, or the user's own image (which no link can carry): a file, a camera snapshot, or, anywhere on the
 * page, a drop or a paste (GlobalImageInput).
 */
export function ImagePicker() {
  const image = useAppStore((s) => s.params.image);
  const loaded = useAppStore((s) => s.image);
  const setParams = useAppStore((s) => s.setParams);
  const open = useOpenImage();

  return (
    <div className="row picker">
      <label>
        Sample
        <select
          aria-label="Sample"
          value={image ?? OWN}
          onChange={(e) => e.target.value !== OWN && setParams({ image: e.target.value, region: null })}
        >
          {image === null && <option value={OWN}>Your image: {loaded?.name ?? '…'}</option>}
          {SAMPLES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="file-button">
        Open image…
        <input
          aria-label="Open image…"
          type="file"
          accept="image/*"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so that choosing the same file again opens it again.
            e.target.value = '';
            if (file) void open(file, file.name);
          }}
        />
      </label>
      <CameraButton />
      <span className="hint">or drop or paste (Ctrl/⌘+V) an image anywhere</span>
    </div>
  );
}
