import htm from 'htm';
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const html = htm.bind(h);

/** view.state.values as the stand-in takes them: block_id → action_id → the value typed or picked. */
export function collectValues(form) {
  const values = {};
  const put = (control, value, join) => {
    const { blockId, actionId } = control.dataset;
    values[blockId] ??= {};
    const previous = values[blockId][actionId];
    values[blockId][actionId] = join && previous ? `${previous},${value}` : value;
  };
  for (const control of form.querySelectorAll('.bk-control')) {
    if (control.type === 'checkbox') {
      const block = values[control.dataset.blockId];
      if (!block || block[control.dataset.actionId] === undefined) put(control, '', false);
      if (control.checked) put(control, control.value, true);
    } else if (control.type === 'radio') {
      if (control.checked) put(control, control.value, false);
      else if (values[control.dataset.blockId]?.[control.dataset.actionId] === undefined) put(control, '', false);
    } else if (control.multiple) {
      put(control, [...control.selectedOptions].map((option) => option.value).join(','), false);
    } else {
      put(control, control.value, false);
    }
  }
  return values;
}

/** A modal the app opened with views.open: its inputs, then Submit (view_submission) or Cancel. */
export function Modal({ modal, onSubmit, onClose }) {
  const form = useRef(null);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setErrors({});
    form.current?.querySelector('.bk-control')?.focus();
  }, [modal.id, modal.html]);
  useEffect(() => {
    for (const slot of form.current?.querySelectorAll('[data-error-for]') ?? []) {
      slot.textContent = errors[slot.dataset.errorFor] ?? '';
    }
  }, [errors]);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      setErrors((await onSubmit(collectValues(form.current))) ?? {});
    } finally {
      setBusy(false);
    }
  };
  return html`<div class="modal-backdrop">
    <form class="modal" role="dialog" aria-modal="true" aria-label=${modal.title} ref=${form} onSubmit=${submit}>
      <header class="modal-header">
        <h2>${modal.title}</h2>
        <button type="button" class="link" aria-label="Close" onClick=${onClose}>✕</button>
      </header>
      <div class="modal-body" dangerouslySetInnerHTML=${{ __html: modal.html }}></div>
      <footer class="modal-footer">
        <button type="button" onClick=${onClose}>${modal.close}</button>
        ${modal.submit ? html`<button type="submit" class="primary" disabled=${busy}>${modal.submit}</button>` : null}
      </footer>
    </form>
  </div>`;
}
