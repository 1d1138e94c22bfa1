// The camera, kept apart from React: start a stream, grab a frame, and always stop every track.

/** Asks for the camera (video only); rejects with the browser's DOMException when it can't. */
export function startCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: true, audio: false });
}

/** Stops every track: the camera light goes off and the device is free for other applications. */
export function stopCamera(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}

/** The video's current frame as a PNG, at the camera's own resolution. */
export async function snapshot(video: HTMLVideoElement): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx || !canvas.width || !canvas.height)
    throw new Error('The camera gave no picture yet: wait a moment and try again.');
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The camera picture could not be captured.');
  return blob;
}

/** Whether this page may ask for a camera at all (the checks of cameraUnavailable, read from the browser). */
export function cameraEnv(): { secure: boolean; hasMediaDevices: boolean } {
  return {
    secure: window.isSecureContext,
    hasMediaDevices: typeof navigator.mediaDevices?.getUserMedia === 'function',
  };
}
