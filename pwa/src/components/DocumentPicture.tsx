import { memo } from '../lib/memo';
import type { DocumentKind } from '../lib/registration-draft';

/**
 * A simple drawing of where the numbers are on each document, with the numbers to type
 * highlighted. The words in the drawing are the Japanese printed on the document (that is what
 * the person looks for, whatever language the app is in); the text beside the drawing says the
 * same in words, so the drawing itself is hidden from screen readers.
 */
export const DocumentPicture = memo(function DocumentPicture({ kind }: { kind: DocumentKind }) {
  switch (kind) {
    case 'my_number_card':
      return <NoticePicture />;
    case 'late_elderly':
      return <CardPicture title="後期高齢者医療 資格確認書" late />;
    case 'old_card':
      return <CardPicture title="健康保険 被保険者証" />;
    case 'qualification_certificate':
      return <CardPicture title="健康保険 資格確認書" />;
  }
});

const MARK = '#fde68a';
const MARK_EDGE = '#b45309';
const INK = '#1b2328';
const FAINT = '#9aa9b1';

function Highlight({ x, y, w, h }: { x: number; y: number; w: number; h: number }) {
  return (
    <rect
      x={x}
      y={y}
      width={w}
      height={h}
      rx="4"
      fill={MARK}
      stroke={MARK_EDGE}
      stroke-width="2.5"
    />
  );
}

function Label({
  x,
  y,
  children,
  size = 13,
  bold = false,
}: {
  x: number;
  y: number;
  children: string;
  size?: number;
  bold?: boolean;
}) {
  return (
    <text x={x} y={y} font-size={size} font-weight={bold ? 700 : 400} fill={INK}>
      {children}
    </text>
  );
}

function FaintLine({ x, y, w }: { x: number; y: number; w: number }) {
  return <rect x={x} y={y} width={w} height="7" rx="3.5" fill={FAINT} opacity="0.55" />;
}

function CardPicture({ title, late = false }: { title: string; late?: boolean }) {
  return (
    <svg
      class="doc-picture"
      viewBox="0 0 320 200"
      aria-hidden="true"
      focusable="false"
      lang="ja"
      data-testid="document-picture"
    >
      <rect
        x="2"
        y="2"
        width="316"
        height="196"
        rx="14"
        fill="#f8fbfc"
        stroke={INK}
        stroke-width="2.5"
      />
      <Label x={16} y={28} size={14} bold>
        {title}
      </Label>
      {late ? (
        <>
          <Highlight x={12} y={40} w={220} h={30} />
          <Label x={20} y={60} bold>
            被保険者番号 ●●●●●●●●
          </Label>
        </>
      ) : (
        <>
          <Highlight x={12} y={40} w={296} h={30} />
          <Label x={20} y={60} bold>
            記号 ●●●　番号 ●●●●　(枝番) ●●
          </Label>
        </>
      )}
      <Label x={20} y={92}>
        氏名
      </Label>
      <FaintLine x={60} y={84} w={140} />
      <Label x={20} y={116}>
        生年月日
      </Label>
      <FaintLine x={88} y={108} w={110} />
      <rect
        x="232"
        y="80"
        width="72"
        height="56"
        rx="6"
        fill="none"
        stroke={FAINT}
        stroke-width="2"
      />
      <Highlight x={12} y={150} w={232} h={30} />
      <Label x={20} y={170} bold>
        {late ? '保険者番号 39●●●●●●' : '保険者番号 ●●●●●●●●'}
      </Label>
    </svg>
  );
}

function NoticePicture() {
  return (
    <svg
      class="doc-picture"
      viewBox="0 0 320 220"
      aria-hidden="true"
      focusable="false"
      lang="ja"
      data-testid="document-picture"
    >
      <path
        d="M40 4h208l32 32v180H40z"
        fill="#ffffff"
        stroke={INK}
        stroke-width="2.5"
        stroke-linejoin="round"
      />
      <path d="M248 4v32h32" fill="none" stroke={INK} stroke-width="2.5" stroke-linejoin="round" />
      <Label x={58} y={34} size={15} bold>
        資格情報のお知らせ
      </Label>
      <FaintLine x={58} y={46} w={150} />
      <Highlight x={52} y={64} w={216} h={104} />
      {[
        ['保険者番号', '●●●●●●●●'],
        ['記号', '●●●'],
        ['番号', '●●●●'],
        ['枝番', '●●'],
      ].map(([name, value], i) => (
        <g key={name}>
          <Label x={62} y={86 + i * 24} bold>
            {name as string}
          </Label>
          <Label x={160} y={86 + i * 24}>
            {value as string}
          </Label>
        </g>
      ))}
      <FaintLine x={58} y={182} w={200} />
      <FaintLine x={58} y={196} w={160} />
    </svg>
  );
}
