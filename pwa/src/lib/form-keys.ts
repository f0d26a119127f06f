/**
 * Keys on the reception forms: Enter never submits from the middle of a form (a paper form is
 * saved only from its button or with Ctrl+Enter); in a text box it moves on to the next field,
 * as in the office systems reception staff know. Enter while an input method is composing
 * Japanese belongs to the input method.
 */

const FOCUSABLE =
  'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]';

/** What a keydown in the form should do. */
export function formKeyAction(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  isComposing: boolean;
  keyCode?: number;
  target: EventTarget | null;
}): 'submit' | 'next' | 'block' | 'default' {
  if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229) return 'default';
  if (event.ctrlKey || event.metaKey) return 'submit';
  const target = event.target as HTMLElement | null;
  const tag = target?.tagName;
  if (tag === 'TEXTAREA' || tag === 'BUTTON' || tag === 'A' || tag === 'SELECT') return 'default';
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    if (type === 'submit' || type === 'button' || type === 'reset') return 'default';
    if (event.shiftKey || event.altKey) return 'block';
    return type === 'checkbox' || type === 'radio' ? 'block' : 'next';
  }
  return 'default';
}

/** Focus the next field after `from` inside `root` (skipping the other radios of its group). */
export function focusNext(root: HTMLElement, from: HTMLElement): void {
  const all = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
  const at = all.indexOf(from);
  const group = from instanceof HTMLInputElement && from.type === 'radio' ? from.name : null;
  for (let i = at + 1; i < all.length; i++) {
    const el = all[i] as HTMLElement;
    if (group && el instanceof HTMLInputElement && el.name === group) continue;
    if (el instanceof HTMLInputElement && el.type === 'radio' && !el.checked) {
      // A radio group is one stop: its checked radio, or its first.
      const checked = root.querySelector<HTMLInputElement>(
        `input[type="radio"][name="${CSS.escape(el.name)}"]:checked`,
      );
      (checked ?? el).focus();
      return;
    }
    el.focus();
    return;
  }
}

/** A keydown handler for a reception form; `submit` runs the form's save. */
export function receptionKeys(submit: () => void) {
  return (event: KeyboardEvent) => {
    const action = formKeyAction(event);
    if (action === 'default') return;
    event.preventDefault();
    if (action === 'submit') submit();
    else if (action === 'next')
      focusNext(event.currentTarget as HTMLElement, event.target as HTMLElement);
  };
}
