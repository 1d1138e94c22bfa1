import { useCallback, useState } from 'react';
import { useAppStore } from '../../state/store';
import { cameraUnavailable } from './cameraErrors';
import { cameraEnv } from './camera';
import { CameraDialog } from './CameraDialog';
import { useOpenImage } from './useOpenImage';

/** "Camera": a snapshot from the webcam, opened like a file; says clearly why when no camera can be used. */
export function CameraButton() {
  const [open, setOpen] = useState(false);
  const openImage = useOpenImage();
  const notify = useAppStore((s) => s.notify);

  const start = () => {
    const refused = cameraUnavailable(cameraEnv());
    if (refused) notify('error', refused);
    else setOpen(true);
  };
  const onClose = useCallback(
    (error?: string) => {
      setOpen(false);
      if (error) notify('error', error);
    },
    [notify],
  );
  const onSnapshot = useCallback((blob: Blob) => void openImage(blob, 'camera snapshot'), [openImage]);

  return (
    <>
      <button type="button" onClick={start} aria-haspopup="dialog">
        Camera
      </button>
      {open && <CameraDialog onSnapshot={onSnapshot} onClose={onClose} />}
    </>
  );
}
