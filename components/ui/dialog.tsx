'use client';

import { useEffect, useRef, type ReactNode } from 'react';

type DialogProps = {
  onClose: () => void;
  title: string;
  children: ReactNode;
  testId?: string;
};

/**
 * A modal built on the native <dialog>, open while mounted: showModal() makes the rest of the page
 * inert (focus stays inside), Escape closes it, and focus returns to the element that opened it.
 */
export function Dialog({ onClose, title, children, testId = 'dialog' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener instanceof HTMLElement) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl"
    >
      <div className="p-6">
        <h2 id={`${testId}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-4">{children}</div>
      </div>
    </dialog>
  );
}
