import type { ConsentDocument } from '../api/registration';
import { formatDate, lang, t } from '../i18n';

/**
 * A consent document in the person's language: title, version and date, the plain summary,
 * and the full text (behind one tap unless `open`).
 */
export function ConsentText({ doc, open = false }: { doc: ConsentDocument; open?: boolean }) {
  const language = lang.value;
  const text = doc[language];
  return (
    <div class="consent" data-testid="consent" lang={language}>
      <h2 class="consent__title" data-testid="consent-title">
        {text.title}
      </h2>
      <p class="consent__version" data-testid="consent-version">
        {t('consent.version', { version: doc.version, date: formatDate(doc.effectiveAt) })}
      </p>
      <div class="consent__summary" data-testid="consent-summary">
        {text.summary.split('\n').map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      {open ? (
        <div class="consent__full" data-testid="consent-full">
          <ConsentBody body={text.body} title={text.title} level={3} />
        </div>
      ) : (
        <details class="consent__full" data-testid="consent-full">
          <summary>{t('consent.full')}</summary>
          <ConsentBody body={text.body} title={text.title} level={3} />
        </details>
      )}
    </div>
  );
}

/**
 * The full text: plain text with Markdown-style headings. The first line is left out when it
 * is the title (shown above), written as `# Title` or plainly; `## ...` lines become headings;
 * blank lines separate paragraphs. Its headings are `level` (one below the title's).
 */
export function ConsentBody({
  body,
  title,
  level = 4,
}: {
  body: string;
  title?: string;
  level?: 3 | 4;
}) {
  const Heading = level === 3 ? 'h3' : 'h4';
  const blocks: Array<{ kind: 'h' | 'p'; text: string }> = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'p', text: paragraph.join('\n') });
    paragraph = [];
  };
  const lines = body.split('\n');
  const firstContent = lines.findIndex((l) => l.trim() !== '');
  lines.forEach((line, i) => {
    if (i === firstContent) {
      const first = line.replace(/^#\s+/, '').trim();
      if (/^#\s/.test(line) || (title !== undefined && first === title.trim())) return;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'h', text: heading[1] ?? '' });
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push(line);
    }
  });
  flush();
  return (
    <div class="consent__body">
      {blocks.map((block, i) =>
        block.kind === 'h' ? <Heading key={i}>{block.text}</Heading> : <p key={i}>{block.text}</p>,
      )}
    </div>
  );
}
