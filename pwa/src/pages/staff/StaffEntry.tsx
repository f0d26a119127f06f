import { useState } from 'preact/hooks';
import { correctEntry, getEntry, type PaperEntryDetail } from '../../api/staff';
import { ErrorSummary } from '../../components/Form';
import { preciseFieldMessage } from '../../components/InsuranceFields';
import { PageLoading } from '../../components/Loading';
import { PaperFields, paperFieldLabels, problemMessage } from '../../components/PaperFields';
import { Problem } from '../../components/Problem';
import { formatDate, t, type MessageKey } from '../../i18n/staff';
import { receptionKeys } from '../../lib/form-keys';
import { usePageTitle } from '../../lib/page';
import {
  checkPaperDetails,
  correctionFrom,
  valuesFromEntry,
  type PaperFormValues,
} from '../../lib/paper-form';
import { mayEnterForms, staffMe } from '../../lib/staff-session';
import { serverFieldErrors, useForm } from '../../lib/use-form';
import { useStaffLoad } from '../../lib/use-staff-load';
import { navigate, type Params } from '../../router';
import { ReissueConfirm, useReissue } from './StaffClaimSheet';
import { NotForRole, claimSheetPath } from './StaffNew';

const FORM = 'fix';

/**
 * `/staff/entries/:id`: one entry of this facility: its details, the history of corrections
 * (when, by whom, which fields), a correction form (only what changed is sent), and a new claim
 * sheet (after confirming that the earlier sheet stops working).
 */
export function StaffEntry({ params }: { params: Params }) {
  const id = params['id'] ?? '';
  usePageTitle(t('staff.entry.title'));
  const { state, reload, set } = useStaffLoad((signal) => getEntry(id, signal), [id]);
  if (!mayEnterForms(staffMe.value)) return <NotForRole />;
  if (state.status !== 'ok') {
    return (
      <PageLoading
        title={t('staff.entry.title')}
        error={state.status === 'error' ? state.error : null}
        onRetry={reload}
        testId="staff-entry"
      />
    );
  }
  return <Entry entry={state.data} onSaved={set} />;
}

function Entry({
  entry,
  onSaved,
}: {
  entry: PaperEntryDetail;
  onSaved: (e: PaperEntryDetail) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const labels = paperFieldLabels();
  return (
    <section aria-labelledby="page-title" data-testid="staff-entry">
      <p class="eyebrow">
        {t(entry.kind === 'withdrawal' ? 'staff.kind.withdrawal' : 'staff.kind.registration')}
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {entry.name}
        <span class="muted">（{entry.nameKana}）</span>
      </h1>
      {saved && (
        <p class="alert alert--info" role="status" data-testid="staff-entry-saved">
          {t('staff.entry.saved')}
        </p>
      )}
      <dl class="facts card">
        <div>
          <dt>{t('done.number')}</dt>
          <dd class="code" data-testid="staff-entry-number">
            {entry.registrationNumber}
          </dd>
        </div>
        <div>
          <dt>{t('paper.field.formSerial')}</dt>
          <dd class="code">{entry.formSerial}</dd>
        </div>
        <div>
          <dt>{t('staff.entries.by')}</dt>
          <dd>
            {entry.enteredBy}・{formatDate(entry.enteredAt, true)}
          </dd>
        </div>
        {entry.kind === 'registration' && (
          <>
            <div>
              <dt>{labels['sex']}</dt>
              <dd>{entry.sex ? t(`sex.${entry.sex}` as MessageKey) : '—'}</dd>
            </div>
            <div>
              <dt>{labels['birthDate']}</dt>
              <dd>{entry.birthDate ?? '—'}</dd>
            </div>
            <div>
              <dt>{labels['phone']}</dt>
              <dd>{entry.phone ?? '—'}</dd>
            </div>
            <div>
              <dt>{labels['insurerNumber']}</dt>
              <dd>
                {entry.documentKind ? t(`doc.${entry.documentKind}` as MessageKey) : ''}{' '}
                {entry.insurerNumber} {entry.symbol} {entry.number} {entry.branch ?? ''}
              </dd>
            </div>
            {entry.proxyName && (
              <div>
                <dt>{labels['proxyName']}</dt>
                <dd>
                  {entry.proxyName}
                  {entry.proxyRelationship &&
                    `・${t(`proxy.relationship.${entry.proxyRelationship}` as MessageKey)}`}
                  {entry.proxyReason && `・${t(`paper.reason.${entry.proxyReason}` as MessageKey)}`}
                </dd>
              </div>
            )}
            <div>
              <dt>{labels['signedOn']}</dt>
              <dd>{entry.signedOn ?? '—'}</dd>
            </div>
          </>
        )}
      </dl>

      <section class="card" aria-labelledby="staff-changes-title">
        <h2 id="staff-changes-title">{t('staff.entry.changes')}</h2>
        {entry.changes.length === 0 ? (
          <p data-testid="staff-changes-none">{t('staff.entry.noChanges')}</p>
        ) : (
          <ul data-testid="staff-changes">
            {entry.changes.map((c, i) => (
              <li key={i}>
                {formatDate(c.at, true)}・{c.by}: {c.fields.map((f) => labels[f] ?? f).join('、')}
              </li>
            ))}
          </ul>
        )}
      </section>

      {entry.kind === 'registration' && <ReissueBox id={entry.id} />}

      {entry.kind === 'registration' &&
        (editing ? (
          <Correction
            entry={entry}
            onDone={(e) => {
              setEditing(false);
              setSaved(true);
              onSaved(e);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
            data-testid="staff-correct"
          >
            {t('staff.entry.correct')}
          </button>
        ))}
      <p class="flow__back">
        <a href="/staff/entries">{t('staff.entry.back')}</a>
      </p>
    </section>
  );
}

function ReissueBox({ id }: { id: string }) {
  const { busy, error, reissue } = useReissue(id);
  const [asked, setAsked] = useState(false);
  return (
    <section class="card" aria-labelledby="staff-reissue-title">
      <h2 id="staff-reissue-title">{t('staff.sheet.title')}</h2>
      <p>{t('staff.reissue.lead')}</p>
      <Problem error={error} testId="staff-reissue-problem" />
      {asked ? (
        <ReissueConfirm
          busy={busy}
          onYes={async (d) => {
            if (await reissue(d)) navigate(claimSheetPath(id));
          }}
          onNo={() => setAsked(false)}
        />
      ) : (
        <button
          type="button"
          class="button"
          onClick={() => setAsked(true)}
          data-testid="staff-reissue"
        >
          {t('staff.reissue')}
        </button>
      )}
    </section>
  );
}

function Correction({
  entry,
  onDone,
  onCancel,
}: {
  entry: PaperEntryDetail;
  onDone: (e: PaperEntryDetail) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<PaperFormValues>(() => valuesFromEntry(entry));
  const form = useForm();
  const [nothing, setNothing] = useState(false);

  const update = (changes: Partial<PaperFormValues>, fields: readonly string[]) => {
    setNothing(false);
    setValues((v) => ({ ...v, ...changes }));
    form.clear(...fields);
  };

  const save = async () => {
    if (!form.start()) return;
    const local: Record<string, string> = {};
    for (const [field, p] of Object.entries(checkPaperDetails(values)))
      local[field] = problemMessage(p);
    if (Object.keys(local).length > 0) return form.refuse(local);
    const changes = correctionFrom(entry, values);
    if (Object.keys(changes).length === 0) {
      setNothing(true);
      return;
    }
    const result = await form.send(() => correctEntry(entry.id, changes));
    if (result.ok) {
      onDone(result.data);
      return;
    }
    const fields = serverFieldErrors(result.error, preciseFieldMessage);
    if (fields) form.refuse(fields);
    else form.fail(result.error);
  };

  return (
    <form
      ref={form.ref}
      class="card staff-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={receptionKeys(() => void save())}
      aria-labelledby="staff-fix-title"
      data-testid="staff-correction"
    >
      <h2 id="staff-fix-title">{t('staff.entry.correct')}</h2>
      <p class="muted">{t('staff.entry.correctLead')}</p>
      <ErrorSummary form={FORM} errors={form.errors} labels={paperFieldLabels()} />
      <Problem error={form.problem} testId="staff-correction-problem" />
      <PaperFields form={FORM} values={values} errors={form.errors} onChange={update} />
      {nothing && (
        <p class="alert alert--info" role="status">
          {t('staff.entry.nothing')}
        </p>
      )}
      <button
        type="submit"
        class="button"
        disabled={form.sending}
        data-testid="staff-correction-save"
      >
        {form.sending ? t('common.sending') : t('staff.entry.saveCorrection')}
      </button>{' '}
      <button type="button" class="button button--secondary" onClick={onCancel}>
        {t('staff.entry.cancel')}
      </button>
    </form>
  );
}
