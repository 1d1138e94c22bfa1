import { useEffect, useRef, useState } from 'react';
import { bundledModelInfo, CAMERA_MODEL } from '../../core/models';
import { useAppStore } from '../../state/store';
import { cameraErrorMessage } from './cameraErrors';
import { snapshot, startCamera, stopCamera } from './camera';

interface Props {
  /** the snapshot, to open like a file */
  onSnapshot: (blob: Blob) => void;
  /** the dialog is gone; error: why the camera could not be used */
  onClose: (error?: string) => void;
}

/** A modal with the camera's live preview and a snapshot button; the camera runs only while it is open. */
export function CameraDialog({ onSnapshot, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [live, setLive] = useState(false);
  const modelId = useAppStore((s) => s.params.model);
  const setParams = useAppStore((s) => s.setParams);
  const camera = bundledModelInfo(CAMERA_MODEL);
  const current = bundledModelInfo(modelId)?.title ?? 'your own model';

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    let closed = false;
    startCamera().then(
      (s) => {
        // Closed while the browser was still asking: this stream is not wanted.
        if (closed) return stopCamera(s);
        stream.current = s;
        if (video.current) video.current.srcObject = s;
      },
      (e: unknown) => {
        if (!closed) onClose(cameraErrorMessage(e));
      },
    );
    return () => {
      closed = true;
      stopCamera(stream.current);
      stream.current = null;
      d?.close();
    };
  }, [onClose]);

  const close = () => {
    stopCamera(stream.current);
    onClose();
  };
  const take = async () => {
    if (!video.current) return;
    try {
      const blob = await snapshot(video.current);
      close();
      onSnapshot(blob);
    } catch (e) {
      useAppStore.getState().notify('error', (e as Error).message);
    }
  };
  const switchModel = () => {
    close();
    // A new model starts a fresh page: the camera is reopened there, on the model it suits.
    if (camera)
      setParams({ model: camera.id, image: camera.defaultImage, region: null, classIndex: null, layer: null });
  };

  return (
    <dialog
      ref={dialog}
      className="camera-dialog"
      aria-labelledby="camera-title"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id="camera-title">Camera</h2>
      <video ref={video} aria-label="Camera preview" autoPlay playsInline muted onLoadedData={() => setLive(true)} />
      {!live && (
        <p className="hint" role="status">
          Waiting for the camera… allow it if the browser asks.
        </p>
      )}
      {camera && modelId !== camera.id && (
        <p className="camera-note">
          Camera pictures of people suit the selfie model; the model in use ({current}) was made for other images.{' '}
          <button type="button" className="link" onClick={switchModel}>
            Switch to the selfie model
          </button>
        </p>
      )}
      <div className="camera-actions">
        <button type="button" className="primary" disabled={!live} onClick={() => void take()}>
          Take snapshot
        </button>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
