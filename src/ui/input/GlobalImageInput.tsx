import { useEffect, useState } from 'react';
import { dragCarriesFiles, isTextEntry, pastedName, pickImageFile } from './imageFiles';
import { useOpenImage } from './useOpenImage';
import './input.css';

/**
 * Opens an image dropped anywhere on the page or pasted with Ctrl/Cmd+V (outside text fields), and shows a
 * full-window drop zone while files are dragged over the page. Drops a component handled itself are left alone.
 */
export function GlobalImageInput() {
  const open = useOpenImage();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (!dragCarriesFiles(e.dataTransfer?.types)) return;
      // Without this the browser would navigate to the dropped file.
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    // relatedTarget null: the pointer left the window (moving between elements inside it is not leaving).
    const onDragLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const onDragEnd = () => setDragging(false);
    const onDrop = (e: DragEvent) => {
      setDragging(false);
      if (e.defaultPrevented) return;
      const file = pickImageFile(e.dataTransfer?.files, e.dataTransfer?.items);
      if (!file) return;
      e.preventDefault();
      void open(file, file.name || 'dropped image');
    };
    const onPaste = (e: ClipboardEvent) => {
      if (e.defaultPrevented || isTextEntry(e.target)) return;
      const file = pickImageFile(e.clipboardData?.files, e.clipboardData?.items);
      if (!file) return;
      e.preventDefault();
      void open(file, pastedName(file));
    };
    // One signal removes every listener on unmount.
    const stop = new AbortController();
    const on = { signal: stop.signal };
    window.addEventListener('dragenter', onDragOver, on);
    window.addEventListener('dragover', onDragOver, on);
    window.addEventListener('dragleave', onDragLeave, on);
    window.addEventListener('dragend', onDragEnd, on);
    window.addEventListener('drop', onDrop, on);
    document.addEventListener('paste', onPaste, on);
    return () => stop.abort();
  }, [open]);

  if (!dragging) return null;
  return (
    <div className="drop-zone" aria-hidden="true">
      <p>Drop the image to open it</p>
    </div>
  );
}
