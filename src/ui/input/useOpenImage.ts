import { useCallback } from 'react';
import { useAppStore } from '../../state/store';
import { useController } from '../shell/ControllerContext';
import { message } from '../../app/message';
import { decodeImage } from '../../app/imageLoading';
import { resizeNotice } from './resizeNotice';

/**
 * Opens the user's own image (a file, a drop, a paste, a camera snapshot). On failure the error is shown and the
 * image and region on screen stay; on success a resized image says so. Resolves true when the image is on screen.
 */
export function useOpenImage(): (blob: Blob, name: string) => Promise<boolean> {
  const controller = useController();
  return useCallback(
    async (blob, name) => {
      const { notify } = useAppStore.getState();
      try {
        const decoded = await decodeImage(blob, 'upload', name);
        await controller.openImage(decoded);
        const { bitmap, originalSize } = decoded.image;
        const resized = resizeNotice(
          originalSize,
          [bitmap.width, bitmap.height],
          [decoded.pixels.width, decoded.pixels.height],
          useAppStore.getState().model?.inputSize ?? null,
        );
        // One notice per opened image (a later one replaces it): what opened, and how it was resized.
        const opened = `Opened ${name}. Your own image stays on this machine: share links cannot carry it.`;
        notify('info', resized ? `${opened} ${resized}` : opened, { topic: 'image' });
        return true;
      } catch (e) {
        notify('error', message(e), { topic: 'image' });
        return false;
      }
    },
    [controller],
  );
}
