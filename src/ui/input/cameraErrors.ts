/** Why the camera could not be used, as the user should read it; every message says what to do instead. */
const OTHER_WAYS = 'choose a file, drop or paste an image instead';

/** Whether the page may ask for a camera at all: null if so, else the message to show. */
export function cameraUnavailable(env: { secure: boolean; hasMediaDevices: boolean }): string | null {
  if (!env.secure)
    return `The camera works only on a secure page (https:// or localhost), and this one is not: ${OTHER_WAYS}.`;
  if (!env.hasMediaDevices) return `This browser gives no access to a camera: ${OTHER_WAYS}.`;
  return null;
}

/** The message for a getUserMedia failure (a DOMException named by the spec, or older browsers' names). */
export function cameraErrorMessage(e: unknown): string {
  const name = (e as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return `No camera was found on this device: plug one in, or ${OTHER_WAYS}.`;
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return (
        `Camera permission was refused. Allow the camera for this site (the ` +
        `icon in the address bar), or ${OTHER_WAYS}.`
      );
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return (
        'The camera is busy or could not start: another application or tab may ' +
        'be using it. Close it there and try again.'
      );
    default: {
      const text = (e as { message?: unknown } | null)?.message;
      return `The camera could not start${typeof text === 'string' && text ? ` (${text})` : ''}: ${OTHER_WAYS}.`;
    }
  }
}
