import { useRef, useState } from 'preact/hooks';
import { getMyConsents } from '../../api/consents';
import {
  CORRECTION_MAX,
  EXPORT_ALL_FHIR_URL,
  EXPORT_ALL_URL,
  getMyCorrections,
  requestCorrection,
  type Correction,
} from '../../api/my-data';
import { DownloadLink } from '../../components/DownloadLink';
import { TextAreaField } from '../../components/Form';
import { PageLoading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { formatDate, formatNumber, t } from '../../i18n/resident';
import { anyConsentInForce, CONSENTS_PATH, ERASE_PATH } from '../../lib/consents';
import { charsLeft, correctionProblem, statusText } from '../../lib/corrections';
import { can } from '../../lib/acting-for';
import { usePageTitle } from '../../lib/page';
import { serverFieldErrors, useForm } from '../../lib/use-form';
import { both, useSignedInLoad } from '../../lib/use-signed-in-load';
import { navigate } from '../../router';

/**
 * `/me/data`: the person's rights over what is held about them — download all of it (JSON,
 * and FHIR for other systems), ask the network office to correct something and read its
 * answers, and erase the medication and allergy data once no consent is in force (until then
 * the page says to withdraw first, with the way there).
 */
export function MyData() {
  usePageTitle(t('data.title'));
  const { state, reload } = useSignedInLoad((signal) =>
    both(getMyConsents(signal), getMyCorrections(signal)),
  );
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('data.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="data"
      />
    );
  }
  const [overview, corrections] = state.data;
  return (
    <div data-testid="my-data">
      <section class="intro" aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          {t('data.title')}
        </h1>
        <p>{t('data.lead')}</p>
      </section>

      <section class="card" aria-labelledby="data-download-title">
        <h2 id="data-download-title">{t('data.download.title')}</h2>
        <p>{t('data.download.lead')}</p>
        <ul class="summary__actions">
          <li>
            <DownloadLink
              class="button button--wide"
              href={EXPORT_ALL_URL}
              fileName="renkei-export.json"
              testId="download-all-json"
            >
              {t('data.download.json')}
            </DownloadLink>
          </li>
          <li>
            <DownloadLink
              class="button button--secondary button--wide"
              href={EXPORT_ALL_FHIR_URL}
              fileName="renkei-export.fhir.json"
              testId="download-all-fhir"
            >
              {t('data.download.fhir')}
            </DownloadLink>
          </li>
        </ul>
        <p class="muted">{t('data.download.fhirNote')}</p>
      </section>

      <CorrectionsSection initial={corrections} />

      {can('self') && (
        <section class="card" aria-labelledby="data-erase-title" data-testid="data-erase">
          <h2 id="data-erase-title">{t('data.erase.title')}</h2>
          {anyConsentInForce(overview) ? (
            <>
              <p data-testid="data-erase-joined">{t('data.erase.joined')}</p>
              <a class="button button--secondary button--wide" href={CONSENTS_PATH}>
                {t('me.links.consents')}
              </a>
            </>
          ) : (
            <>
              <p>{t('data.erase.lead')}</p>
              <a
                class="button button--danger button--wide"
                href={ERASE_PATH}
                data-testid="data-erase-start"
              >
                {t('data.erase.start')}
              </a>
            </>
          )}
        </section>
      )}

      <a class="button button--secondary button--wide" href="/me">
        {t('card.back')}
      </a>
    </div>
  );
}

function CorrectionsSection({ initial }: { initial: readonly Correction[] }) {
  const [list, setList] = useState<readonly Correction[]>(initial);
  const [text, setText] = useState('');
  const form = useForm();
  const [sent, setSent] = useState(false);
  const formElement = useRef<HTMLFormElement>(null);

  // A refused text: its box gets the focus at once (the form has no summary to go to).
  const refuse = (message: string) => {
    form.setErrors({ text: message });
    formElement.current?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form.start()) return;
    setSent(false);
    const wrong = correctionProblem(text);
    if (wrong) return refuse(wrong);
    const result = await form.send(() => requestCorrection(text));
    if (result.ok) {
      form.setErrors({});
      setText('');
      setSent(true);
      setList([result.data, ...list]);
      return;
    }
    const refused = serverFieldErrors(result.error)?.['text'];
    if (result.error.code === 'unauthorized') navigate('/sign-in', { replace: true });
    else if (refused) refuse(refused);
    else form.setProblem(result.error);
  };

  const left = charsLeft(text);
  return (
    <section class="card" aria-labelledby="data-corrections-title" data-testid="corrections">
      <h2 id="data-corrections-title">{t('corrections.title')}</h2>
      <p>{t('corrections.lead')}</p>
      <form ref={formElement} onSubmit={submit} noValidate data-testid="correction-form">
        <TextAreaField
          id="correction-text"
          label={t('corrections.label')}
          hint={t('corrections.hint', { max: formatNumber(CORRECTION_MAX) })}
          error={form.errors['text']}
          value={text}
          onValue={(v) => {
            setText(v);
            setSent(false);
          }}
          after={
            <p
              class={`field__count${left < 0 ? ' field__count--over' : ''}`}
              data-testid="correction-count"
            >
              {left >= 0
                ? t('corrections.left', { count: formatNumber(left) })
                : t('corrections.over', { count: formatNumber(-left) })}
            </p>
          }
        />
        <Problem error={form.problem} testId="correction-problem" />
        <div aria-live="polite">
          {sent && (
            <p class="field__ok" data-testid="correction-sent">
              {t('corrections.sent')}
            </p>
          )}
        </div>
        <button
          type="submit"
          class="button button--wide"
          disabled={form.sending}
          data-testid="correction-submit"
        >
          {form.sending ? t('common.sending') : t('corrections.submit')}
        </button>
      </form>

      <h3 class="corrections__title">{t('corrections.list')}</h3>
      {list.length === 0 ? (
        <p class="muted" data-testid="corrections-none">
          {t('corrections.none')}
        </p>
      ) : (
        <ul class="corrections" data-testid="corrections-list">
          {list.map((c) => (
            <li key={c.id} class="correction" data-status={c.status} data-testid="correction">
              <p class="correction__meta">
                {t('corrections.asked', { date: formatDate(c.createdAt, true) })}
                <span class={`status-chip status-chip--${c.status}`}>{statusText(c.status)}</span>
              </p>
              <p class="correction__text">{c.text}</p>
              {c.answer && (
                <div class="correction__answer" data-testid="correction-answer">
                  <p class="correction__answer-title">
                    {c.answeredAt
                      ? t('corrections.answer', { date: formatDate(c.answeredAt, true) })
                      : t('corrections.answerUndated')}
                  </p>
                  <p class="correction__text">{c.answer}</p>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
