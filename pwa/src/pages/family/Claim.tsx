import { useEffect, useState } from 'preact/hooks';
import { acceptClaimAsProxy, claimPasskeyOptions, completeClaim } from '../../api/proxies';
import { ErrorSummary, RadioGroup } from '../../components/Form';
import { BirthDateField, birthDateProblem, type BirthPart } from '../../components/InsuranceFields';
import { PasskeyProblemText } from '../../components/PasskeyProblemText';
import { Problem } from '../../components/Problem';
import { t } from '../../i18n/resident';
import { RELATIONSHIPS, resetActing, startActing, type Relationship } from '../../lib/acting-for';
import { birthDateForServer, type BirthDateParts, defaultCalendar } from '../../lib/birth-date';
import { lang } from '../../i18n/lang';
import { usePageTitle } from '../../lib/page';
import { createPasskey, platformPasskeysAvailable, type PasskeyProblem } from '../../lib/passkeys';
import { relationshipKey, signInPath, tidyCode } from '../../lib/proxies';
import { useForm } from '../../lib/use-form';
import { currentAddress, navigate } from '../../router';

const FORM = 'claim';

/**
 * `/claim#CODE`: for a person whom family registered, starting to sign in themselves. The mailed
 * link carries a one-time code in its fragment; the person confirms their date of birth and
 * makes a passkey on this phone, and is signed in. From then on they can see who acts for them
 * and end it (`/me/proxies`).
 *
 * A family member (for a paper form entered at reception, the proxy named on it) may instead
 * take the proxy role with their own sign-in: the person's date of birth, their relationship,
 * and "become proxy"; signed out, they sign in first and come back (`?as=family`). Then they
 * act for the person on `/me`.
 *
 * The code is always the current address's: a second link opened in the same tab changes only
 * the fragment (the page stays), so the form starts again for the new code — nothing typed for
 * the old one (a birth date, a relationship, an error) carries over to it.
 */
export function Claim() {
  usePageTitle(t('claim.title'));
  const { hash, search } = currentAddress();
  const code = tidyCode(hash);
  const family = new URLSearchParams(search).get('as') === 'family';
  return <ClaimFor key={`${family ? 'family' : 'self'} ${code}`} code={code} family={family} />;
}

function ClaimFor({ code, family }: { code: string; family: boolean }) {
  const [parts, setParts] = useState<BirthDateParts>({
    calendar: defaultCalendar(lang.value),
    year: '',
    month: '',
    day: '',
  });
  const form = useForm();
  const { errors } = form;
  const [problem, setProblem] = useState<PasskeyProblem | 'rejected' | null>(null);
  const [supported, setSupported] = useState<boolean | null>(null);
  const [relationship, setRelationship] = useState<Relationship | ''>('');

  useEffect(() => {
    let live = true;
    void platformPasskeysAvailable().then((ok) => {
      if (live) setSupported(ok);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!code) {
    return (
      <section class="card" aria-labelledby="page-title" data-testid="claim-no-code">
        <h1 id="page-title" tabIndex={-1}>
          {t('claim.title')}
        </h1>
        <p>{t('claim.noCode')}</p>
        <a class="button button--secondary button--wide" href="/">
          {t('notFound.home')}
        </a>
      </section>
    );
  }

  /**
   * Refuses with these errors added to those shown already (a wrong date of birth does not hide
   * a missing relationship), in the page's order.
   */
  const refuse = (added: { birthDate?: string | null; relationship?: string | null }) => {
    const birthDate = added.birthDate ?? errors['birthDate'];
    const relationship = added.relationship ?? errors['relationship'];
    form.refuse({ ...(birthDate ? { birthDate } : {}), ...(relationship ? { relationship } : {}) });
  };

  const acceptAsFamily = async () => {
    if (!form.start()) return;
    setProblem(null);
    const birthProblem = birthDateProblem(parts);
    if (birthProblem || !relationship) {
      return refuse({
        birthDate: birthProblem,
        relationship: relationship ? null : t('check.choose'),
      });
    }
    const birthDate = birthDateForServer(parts);
    const result = await form.send(() => acceptClaimAsProxy(code, birthDate, relationship));
    if (result.ok) {
      startActing(result.data);
      navigate('/me', { replace: true });
      return;
    }
    if (result.error.code === 'unauthorized') {
      navigate(signInPath(`/claim?as=family#${encodeURIComponent(code)}`), { replace: true });
      return;
    }
    if (
      result.error.code === 'validation_failed' &&
      result.error.fields?.some((f) => f.field === 'relationship')
    ) {
      refuse({ relationship: t('check.choose') });
    } else form.fail(result.error);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form.start()) return;
    setProblem(null);
    const birthProblem = birthDateProblem(parts);
    if (birthProblem) return refuse({ birthDate: birthProblem });
    const birthDate = birthDateForServer(parts);
    const claimed = await form.send(async () => {
      const options = await claimPasskeyOptions(code, birthDate);
      if (!options.ok) {
        form.fail(options.error);
        return false;
      }
      const made = await createPasskey(options.data);
      if (!made.ok) {
        setProblem(made.problem);
        return false;
      }
      const done = await completeClaim(code, birthDate, made.credential);
      if (done.ok) return true;
      if (
        done.error.code === 'validation_failed' &&
        done.error.fields?.some((f) => f.field === 'credential')
      ) {
        setProblem('rejected');
        form.focusError();
      } else form.fail(done.error);
      return false;
    });
    if (!claimed) return;
    // A new session, as this person: nothing of an earlier one's acting-for state stays.
    resetActing();
    navigate('/me', { replace: true });
  };

  return (
    <section class="flow" aria-labelledby="page-title" data-testid="claim">
      <h1 id="page-title" tabIndex={-1}>
        {t('claim.title')}
      </h1>
      <div class="card">
        <p>{t('claim.lead')}</p>
        <ul class="points">
          <li>{t('claim.point.passkey')}</li>
          <li>{t('claim.point.proxies')}</li>
        </ul>
      </div>
      <form ref={form.ref} class="card" noValidate onSubmit={submit} data-testid="claim-form">
        <ErrorSummary
          form={FORM}
          errors={errors}
          labels={{
            birthDate: t('details.birthDate'),
            relationship: t('claim.family.relationship'),
          }}
        />
        {family && (
          <p class="alert alert--info" data-testid="claim-family-back">
            {t('claim.family.back')}
          </p>
        )}
        <Problem error={form.problem} testId="claim-problem" />
        <h2>{t(family ? 'claim.family.birthTitle' : 'claim.birth.title')}</h2>
        <BirthDateField
          form={FORM}
          parts={parts}
          error={errors['birthDate']}
          readBack={(date) => t('claim.birth.readBack', { date })}
          onChange={(part: BirthPart, value) => {
            setParts((p) => ({ ...p, [part]: value }));
            form.clear('birthDate');
          }}
        />
        {family ? (
          // Back from signing in as the family member: a passkey made here would be the
          // person's, on the family member's phone, signing them in as the person. Not offered;
          // the person themselves can still take the other way.
          <p>
            <a
              class="link-target"
              href={`/claim#${encodeURIComponent(code)}`}
              data-testid="claim-not-family"
            >
              {t('claim.family.notFamily')}
            </a>
          </p>
        ) : (
          <h2>{t('claim.self.title')}</h2>
        )}
        {family ? null : supported === false ? (
          <p data-testid="claim-no-passkeys">{t('claim.unsupported')}</p>
        ) : (
          <>
            <p>{t('passkey.lead')}</p>
            {problem && <PasskeyProblemText problem={problem} />}
            <button
              type="submit"
              class="button button--wide"
              disabled={form.sending || supported === null}
              data-testid="claim-submit"
            >
              {form.sending ? t('passkey.creating') : t('claim.submit')}
            </button>
          </>
        )}
        <section
          class="claim-family"
          aria-labelledby="claim-family-title"
          data-testid="claim-family"
        >
          <h2 id="claim-family-title">{t('claim.family.title')}</h2>
          <p>{t('claim.family.lead')}</p>
          <RadioGroup<Relationship>
            id={`${FORM}-relationship`}
            legend={t('claim.family.relationship')}
            hint={t('person.relationship.hint')}
            error={errors['relationship']}
            options={RELATIONSHIPS.map((r) => ({ value: r, label: t(relationshipKey(r)) }))}
            value={relationship}
            onValue={(v) => {
              setRelationship(v);
              form.clear('relationship');
            }}
          />
          <button
            type="button"
            class="button button--secondary button--wide"
            disabled={form.sending}
            onClick={() => void acceptAsFamily()}
            data-testid="claim-family-submit"
          >
            {form.sending ? t('common.sending') : t('claim.family.submit')}
          </button>
        </section>
      </form>
    </section>
  );
}
