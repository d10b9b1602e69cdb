/**
 * "End for everyone?" — a modal confirmation (native <dialog>: focus stays inside, Escape cancels) before
 * the clerk closes the room for good. Test hooks: `end-dialog`, `end-confirm`.
 */
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useUi } from '../context.ts';

export function EndDialog({ onClose, busy }: { onClose: () => void; busy: boolean }): JSX.Element {
  const { client, t } = useUi();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal?.();
    return () => element?.close?.();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="va-dialog"
      aria-labelledby="va-end-title"
      aria-describedby="va-end-text"
      onClose={onClose}
      onCancel={onClose}
      data-testid="end-dialog"
    >
      <h2 id="va-end-title" class="va-dialog-title">
        {t('endTitle')}
      </h2>
      <p id="va-end-text">{t('endText')}</p>
      <div class="va-form-actions">
        <button
          type="button"
          class="va-button va-button--danger-solid"
          disabled={busy}
          onClick={() => void client.clerk.endForEveryone()}
          data-testid="end-confirm"
        >
          {t('endConfirm')}
        </button>
        <button type="button" class="va-button va-button--quiet" onClick={onClose} autofocus>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
