import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { isErrorCode, te } from '../i18n';
import { actingFor } from '../lib/acting-for';
import { downloadActing } from '../lib/download';

/**
 * A download of the person's own file: a plain link, or — while acting for someone — the same
 * link fetched with the acting-for header (see `lib/download.ts`).
 */
export function DownloadLink({
  href,
  fileName,
  class: className,
  testId,
  children,
}: {
  href: string;
  fileName: string;
  class: string;
  testId: string;
  children: ComponentChildren;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const acting = actingFor.value;
  const onClick = acting
    ? async (event: Event) => {
        event.preventDefault();
        setProblem(null);
        const outcome = await downloadActing(href, fileName);
        if (!outcome.ok) setProblem(te(isErrorCode(outcome.code) ? outcome.code : 'internal'));
      }
    : undefined;
  return (
    <>
      <a class={className} href={href} download onClick={onClick} data-testid={testId}>
        {children}
      </a>
      {problem && (
        <p class="field__error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
