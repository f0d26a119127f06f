import { t } from '../i18n/staff';
import { maskedParts } from '../lib/paper-form';

/** A registration number with hidden characters ("7K3M-****-R2"), read aloud as hidden. */
export function MaskedNumber({ value }: { value: string }) {
  return (
    <span class="code" translate={false}>
      {maskedParts(value).map((part, i) =>
        part.hidden ? (
          <span key={i}>
            <span aria-hidden="true">{part.text}</span>
            <span class="visually-hidden">{t('staff.masked', { count: part.text.length })}</span>
          </span>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}
