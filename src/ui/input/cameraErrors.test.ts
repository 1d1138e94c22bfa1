import { describe, expect, it } from 'vitest';
import { cameraErrorMessage, cameraUnavailable } from './cameraErrors';

const domError = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('cameraErrorMessage', () => {
  it('tells no camera, a refused permission and a busy camera apart', () => {
    expect(cameraErrorMessage(domError('NotFoundError'))).toMatch(/^No camera was found/);
    expect(cameraErrorMessage(domError('NotAllowedError'))).toMatch(/^Camera permission was refused/);
    expect(cameraErrorMessage(domError('NotReadableError'))).toMatch(/^The camera is busy/);
  });
  it("understands older browsers' names", () => {
    expect(cameraErrorMessage(domError('DevicesNotFoundError'))).toMatch(/^No camera/);
    expect(cameraErrorMessage(domError('PermissionDeniedError'))).toMatch(/refused/);
    expect(cameraErrorMessage(domError('TrackStartError'))).toMatch(/busy/);
  });
  it('passes on what an unknown failure says, and always offers another way', () => {
    const text = cameraErrorMessage(domError('WeirdError', 'driver crashed'));
    expect(text).toContain('(driver crashed)');
    expect(text).toContain('drop or paste an image');
    expect(cameraErrorMessage(undefined)).toMatch(/^The camera could not start:/);
  });
});

describe('cameraUnavailable', () => {
  it('refuses on an insecure page, then without mediaDevices, else lets the camera be asked', () => {
    expect(cameraUnavailable({ secure: false, hasMediaDevices: false })).toMatch(/secure page/);
    expect(cameraUnavailable({ secure: true, hasMediaDevices: false })).toMatch(/no access to a camera/);
    expect(cameraUnavailable({ secure: true, hasMediaDevices: true })).toBeNull();
  });
});
