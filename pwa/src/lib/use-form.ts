import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../api/client';
import { messagesFrom, type FieldMessages } from '../components/Form';

/**
 * What a form page keeps while the person fills it in and sends it: what is wrong with each
 * field, the problem that belongs to no field, what is being sent (its button is disabled
 * meanwhile), and where the focus goes after a refused submit.
 *
 * `P` is the page's problem: the API's failure, or a page's own kinds of trouble. `B` is what
 * can be sent: `true` on a page with one request, or names when the page's buttons say which
 * of its requests is on its way.
 */
export interface Form<P, B extends string | true> {
  /** Field name -> what is wrong with it, in the person's language. */
  readonly errors: FieldMessages;
  /** What went wrong that belongs to no field (shown by the page), or null. */
  readonly problem: P | null;
  /** What is being sent, or false. */
  readonly sending: B | false;
  /**
   * For the element that holds the form's fields and its summary: after a refused submit, the
   * first field marked invalid in it gets the focus, or its summary (or alert) when none is.
   */
  readonly ref: (element: HTMLElement | null) => void;
  /**
   * A submit begins: false while something is being sent (ignore the submit); otherwise the
   * last problem is cleared and true is returned.
   */
  start(): boolean;
  /** Runs a request with `sending` set to `what` (`true` if not named) until it is answered. */
  send<T>(request: () => Promise<T>, ...what: true extends B ? [what?: B] : [what: B]): Promise<T>;
  /** Forgets the errors of these fields (the person changed them). */
  clear(...fields: readonly string[]): void;
  /**
   * Refuses the submit: these field errors in place of the earlier ones, the problem too when
   * one is given, and the focus moves to the first of them.
   */
  refuse(errors: FieldMessages, problem?: P): void;
  /** A problem that belongs to no field: the field errors stay; the focus moves. */
  fail(problem: P): void;
  /** Moves the focus as after a refused submit, for something the page shows itself. */
  focusError(): void;
  /** The field errors, without moving the focus. */
  setErrors(errors: FieldMessages | ((current: FieldMessages) => FieldMessages)): void;
  /** The problem, without moving the focus. */
  setProblem(problem: P | null): void;
}

/** See `Form`. */
export function useForm<P = ApiFailure, B extends string | true = true>(): Form<P, B> {
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<P | null>(null);
  const [sending, setSending] = useState<B | false>(false);
  const [attempt, setAttempt] = useState<Attempt>({ n: 0, fields: 0 });
  const root = useRef<HTMLElement | null>(null);
  const ref = useCallback((element: HTMLElement | null) => {
    root.current = element;
  }, []);
  useFocusFirstError(root, attempt);

  const focusError = () => setAttempt((a) => ({ n: a.n + 1, fields: 0 }));
  return {
    errors,
    problem,
    sending,
    ref,
    start() {
      if (sending !== false) return false;
      setProblem(null);
      return true;
    },
    async send<T>(request: () => Promise<T>, ...what: [what?: B]): Promise<T> {
      setSending(what[0] ?? (true as B));
      try {
        return await request();
      } finally {
        setSending(false);
      }
    },
    clear(...fields) {
      setErrors((current) => {
        if (!fields.some((f) => f in current)) return current;
        const next = { ...current };
        for (const f of fields) delete next[f];
        return next;
      });
    },
    refuse(next, refused) {
      setErrors(next);
      if (refused !== undefined) setProblem(refused);
      setAttempt((a) => ({ n: a.n + 1, fields: Object.keys(next).length }));
    },
    fail(refused) {
      setProblem(refused);
      focusError();
    },
    focusError,
    setErrors,
    setProblem,
  };
}

/**
 * The server's field errors, when it refused the request for them (`validation_failed` naming
 * fields): field -> message, `better` wording a field and code more precisely (see
 * `messagesFrom`). Null for every other failure.
 */
export function serverFieldErrors(
  error: ApiFailure,
  better?: Parameters<typeof messagesFrom>[1],
): Record<string, string> | null {
  if (error.code !== 'validation_failed' || !error.fields?.length) return null;
  return messagesFrom(error.fields, better);
}

/** A refused submit (its count), and how many fields' answers it refused. */
interface Attempt {
  readonly n: number;
  readonly fields: number;
}

/**
 * After a refused submit, move the focus. Refused for more than one answer: to the form's error
 * summary, brought into view (it lists every problem, each a link to its field, so a person who
 * tapped "send" at the bottom of a long form sees all that is wrong, not only the first). One
 * answer, or a form without a summary: to the first field marked invalid (in page order), whose
 * message is beside it. A problem that belongs to no field: to the first field still marked
 * invalid, else to the summary or the alert.
 */
function useFocusFirstError(form: { current: HTMLElement | null }, attempt: Attempt): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const root = form.current;
    if (!root) return;
    const summary = root.querySelector<HTMLElement>('[data-testid="error-summary"]');
    const invalid = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (attempt.fields > 1 && summary) {
      summary.tabIndex = -1;
      summary.focus({ preventScroll: true });
      summary.scrollIntoView({ block: 'start' });
      return;
    }
    if (invalid) {
      invalid.focus();
      invalid.scrollIntoView({ block: 'center' });
      return;
    }
    const alert = summary ?? root.querySelector<HTMLElement>('[role="alert"]');
    if (alert) {
      alert.tabIndex = -1;
      alert.focus();
    }
  }, [attempt]);
}
