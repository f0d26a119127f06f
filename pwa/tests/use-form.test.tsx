import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiFailure } from '../src/api/client';
import { ErrorSummary, TextField } from '../src/components/Form';
import { Problem } from '../src/components/Problem';
import { lang } from '../src/i18n';
import { serverFieldErrors, useForm, type Form } from '../src/lib/use-form';

/**
 * The state every form page keeps (`useForm`): field errors, the problem that belongs to no
 * field, what is being sent, and where the focus goes after a refused submit.
 */

let root: HTMLElement;
/** The form of the last render. */
let form: Form<ApiFailure, true>;
let renders = 0;

/** A form as the pages build it: a summary, the problem, two fields and a submit button. */
function Page() {
  form = useForm();
  renders++;
  return (
    <div>
      <button type="button" id="outside">
        outside
      </button>
      <form ref={form.ref} noValidate>
        <ErrorSummary form="t" errors={form.errors} labels={{ name: 'Name', kana: 'Kana' }} />
        <Problem error={form.problem} testId="t-problem" />
        <TextField
          id="t-name"
          label="Name"
          error={form.errors['name']}
          value=""
          onValue={() => {}}
        />
        <TextField
          id="t-kana"
          label="Kana"
          error={form.errors['kana']}
          value=""
          onValue={() => {}}
        />
        <button type="submit" disabled={form.sending} id="t-submit">
          {form.sending ? 'sending' : 'send'}
        </button>
      </form>
    </div>
  );
}

/** Render again and run the effects (where the focus moves). */
async function settle() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

const q = <E extends Element = HTMLElement>(selector: string) => root.querySelector<E>(selector);
const focused = () => (document.activeElement as HTMLElement | null)?.id ?? '';
const focusOutside = () => q('#outside')?.focus();

const NETWORK: ApiFailure = { code: 'network', status: null };

beforeEach(async () => {
  lang.value = 'en';
  renders = 0;
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<Page />, root));
});

afterEach(() => {
  render(null, root);
  root.remove();
  lang.value = 'ja';
});

describe('useForm', () => {
  it('starts with no errors, no problem, nothing being sent, and leaves the focus alone', async () => {
    focusOutside();
    await settle();
    expect(form.errors).toEqual({});
    expect(form.problem).toBeNull();
    expect(form.sending).toBe(false);
    expect(focused()).toBe('outside');
    expect(q('[data-testid=error-summary]')).toBeNull();
  });

  it('refuses a submit: the errors in place of the earlier ones, the focus on the one field marked or the list of several', async () => {
    await act(() => form.refuse({ kana: 'Use kana' }));
    await settle();
    expect(form.errors).toEqual({ kana: 'Use kana' });
    expect(focused()).toBe('t-kana');
    expect(q('#t-kana')?.getAttribute('aria-invalid')).toBe('true');
    expect(q('#t-kana')?.getAttribute('aria-describedby')).toBe('t-kana-error');

    focusOutside();
    await act(() => form.refuse({ name: 'Required', kana: 'Required' }));
    await settle();
    expect(form.errors).toEqual({ name: 'Required', kana: 'Required' });
    // More than one: the list of them (each a link to its field), not only the first.
    expect(document.activeElement).toBe(q('[data-testid=error-summary]'));
    expect(q('[data-testid=error-summary]')?.getAttribute('role')).toBe('alert');
    expect(form.problem).toBeNull();
  });

  it('moves the focus on every refusal, even with the same errors', async () => {
    await act(() => form.refuse({ name: 'Required' }));
    await settle();
    expect(focused()).toBe('t-name');
    focusOutside();
    await act(() => form.refuse({ name: 'Required' }));
    await settle();
    expect(focused()).toBe('t-name');
  });

  it('shows a problem with the refusal when one is given, else keeps the one there is', async () => {
    await act(() => form.setProblem(NETWORK));
    await act(() => form.refuse({ name: 'Required' }));
    await settle();
    expect(form.problem).toBe(NETWORK);
    await act(() => form.refuse({}, { code: 'internal', status: 500, requestId: 'r-1' }));
    await settle();
    expect(form.errors).toEqual({});
    expect(form.problem?.code).toBe('internal');
    // No field is marked: the focus goes to the alert.
    expect(document.activeElement).toBe(q('[data-testid=t-problem]'));
    expect(q('[data-testid=t-problem]')?.textContent).toContain('r-1');
  });

  it('fails with a problem that belongs to no field: the field errors stay', async () => {
    await act(() => form.refuse({ kana: 'Use kana' }));
    await settle();
    focusOutside();
    await act(() => form.fail(NETWORK));
    await settle();
    expect(form.errors).toEqual({ kana: 'Use kana' });
    expect(form.problem).toBe(NETWORK);
    expect(focused()).toBe('t-kana');
  });

  it('moves the focus to the summary when no field on the screen is marked', async () => {
    await act(() => form.refuse({ elsewhere: 'Not on this screen' }));
    await settle();
    const summary = q('[data-testid=error-summary]');
    expect(document.activeElement).toBe(summary);
    expect(summary?.tabIndex).toBe(-1);
  });

  it('moves the focus for what the page shows itself (focusError)', async () => {
    await act(() => form.setProblem(NETWORK));
    focusOutside();
    await act(() => form.focusError());
    await settle();
    expect(document.activeElement).toBe(q('[data-testid=t-problem]'));
  });

  it('sets errors and a problem without moving the focus', async () => {
    focusOutside();
    await act(() => form.setErrors({ name: 'Required' }));
    await act(() => form.setErrors((current) => ({ ...current, kana: 'Use kana' })));
    await act(() => form.setProblem(NETWORK));
    await settle();
    expect(form.errors).toEqual({ name: 'Required', kana: 'Use kana' });
    expect(form.problem).toBe(NETWORK);
    expect(focused()).toBe('outside');
  });

  it('clears the errors of the fields named, and renders nothing new when none had one', async () => {
    await act(() => form.setErrors({ name: 'Required', kana: 'Use kana' }));
    await act(() => form.clear('name', 'phone'));
    expect(form.errors).toEqual({ kana: 'Use kana' });
    expect(q('#t-name')?.hasAttribute('aria-invalid')).toBe(false);
    const before = form.errors;
    const count = renders;
    await act(() => form.clear('name', 'phone'));
    expect(form.errors).toBe(before);
    expect(renders).toBe(count);
  });

  it('marks what is being sent until the answer comes, and refuses a second start meanwhile', async () => {
    await act(() => form.setProblem(NETWORK));
    let started = false;
    await act(() => {
      started = form.start();
    });
    expect(started).toBe(true);
    expect(form.problem).toBeNull();

    let answer!: (value: string) => void;
    let sent: Promise<string> | undefined;
    await act(() => {
      sent = form.send(() => new Promise<string>((resolve) => (answer = resolve)));
    });
    expect(form.sending).toBe(true);
    expect(q<HTMLButtonElement>('#t-submit')?.disabled).toBe(true);
    expect(q('#t-submit')?.textContent).toBe('sending');
    await act(() => form.setProblem(NETWORK));
    await act(() => {
      started = form.start();
    });
    expect(started).toBe(false);
    // A start refused while sending leaves the problem as it is.
    expect(form.problem).toBe(NETWORK);

    await act(async () => {
      answer('answered');
      expect(await sent).toBe('answered');
    });
    expect(form.sending).toBe(false);
    expect(q<HTMLButtonElement>('#t-submit')?.disabled).toBe(false);
  });

  it('stops marking a request as being sent when it throws (an aborted call)', async () => {
    await act(async () => {
      await expect(form.send(() => Promise.reject(new Error('aborted')))).rejects.toThrow(
        'aborted',
      );
    });
    expect(form.sending).toBe(false);
  });

  it('says which request is being sent when the page names them', async () => {
    let named!: Form<ApiFailure, 'code' | 'resend'>;
    function Named() {
      named = useForm<ApiFailure, 'code' | 'resend'>();
      return <p>{named.sending || 'idle'}</p>;
    }
    const other = document.createElement('div');
    document.body.append(other);
    await act(() => render(<Named />, other));
    let answer!: () => void;
    await act(() => {
      void named.send(() => new Promise<void>((resolve) => (answer = resolve)), 'resend');
    });
    expect(named.sending).toBe('resend');
    expect(other.textContent).toBe('resend');
    await act(async () => answer());
    expect(named.sending).toBe(false);
    expect(other.textContent).toBe('idle');
    render(null, other);
    other.remove();
  });
});

describe('serverFieldErrors', () => {
  const refused: ApiFailure = {
    code: 'validation_failed',
    status: 422,
    fields: [
      { field: 'nameKana', code: 'invalid_characters', message: 'server kana' },
      { field: 'nameKana', code: 'too_long', message: 'second kana' },
      { field: 'phone', code: 'invalid_format', message: 'server phone' },
    ],
  };

  it('gives the first message for each field the server refused', () => {
    expect(serverFieldErrors(refused)).toEqual({ nameKana: 'server kana', phone: 'server phone' });
  });

  it('takes a more precise wording where the page has one', () => {
    const better = (field: string, code: string) =>
      field === 'phone' && code === 'invalid_format' ? 'precise phone' : undefined;
    expect(serverFieldErrors(refused, better)).toEqual({
      nameKana: 'server kana',
      phone: 'precise phone',
    });
  });

  it('is null for every other failure, and for a refusal naming no field', () => {
    expect(serverFieldErrors(NETWORK)).toBeNull();
    expect(serverFieldErrors({ code: 'conflict', status: 409 })).toBeNull();
    expect(serverFieldErrors({ code: 'validation_failed', status: 422 })).toBeNull();
    expect(serverFieldErrors({ code: 'validation_failed', status: 422, fields: [] })).toBeNull();
  });
});
