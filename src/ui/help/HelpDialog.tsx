import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './help.css';

interface Props {
  title: string;
  /** 'drawer': a side sheet on the right; 'center': a centred dialog */
  variant?: 'center' | 'drawer';
  onClose: () => void;
  children: ReactNode;
}

/**
 * A native modal <dialog>, open while mounted: a heading and a Close button; Esc, Close or a click on the backdrop
 * close it, and focus goes back to whatever had it before. Rendered into <body> so no panel's styles leak in.
 */
export function HelpDialog({ title, variant = 'center', onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, []);
  const close = () => ref.current?.close();
  return createPortal(
    <dialog
      ref={ref}
      className={`help-dialog help-${variant}`}
      aria-labelledby={titleId}
      // A close event that arrives while open again is React's development re-mount: not the user's.
      onClose={() => !ref.current?.open && onClose()}
      onClick={(e) => e.target === ref.current && close()}
    >
      <div className="help-dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      <div className="help-dialog-body">{children}</div>
    </dialog>,
    document.body,
  );
}
