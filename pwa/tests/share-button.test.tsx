import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShareButton } from '../src/components/ShareButton';
import { lang } from '../src/i18n';

/** Passing an invitation on: the share sheet, else the link copied, else a way to copy by hand. */

let root: HTMLElement;

beforeEach(() => {
  lang.value = 'ja';
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

async function press(): Promise<void> {
  await act(async () => {
    root.querySelector<HTMLButtonElement>('[data-testid=share-button]')!.click();
    await new Promise((r) => setTimeout(r, 0));
  });
}

function show(): void {
  render(
    <ShareButton title="招待" text="コード ABCD-EFGH" url="https://example.jp/invite#X" />,
    root,
  );
}

describe('the share button', () => {
  it('hands the text and link to the phone’s share sheet', async () => {
    const share = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, share });
    show();
    await press();
    expect(share).toHaveBeenCalledWith({
      title: '招待',
      text: 'コード ABCD-EFGH',
      url: 'https://example.jp/invite#X',
    });
    expect(root.querySelector('[data-testid=share-copied]')).toBeNull();
  });

  it('says nothing when the person closes the share sheet', async () => {
    const share = vi.fn(() => Promise.reject(new DOMException('closed', 'AbortError')));
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, share, clipboard: { writeText } });
    show();
    await press();
    expect(writeText).not.toHaveBeenCalled();
    expect(root.textContent).not.toContain('コピー');
  });

  it('copies the text and link where there is no share sheet, and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, share: undefined, clipboard: { writeText } });
    show();
    await press();
    expect(writeText).toHaveBeenCalledWith('コード ABCD-EFGH\nhttps://example.jp/invite#X');
    expect(root.querySelector('[data-testid=share-copied]')?.textContent).toContain(
      'リンクをコピーしました',
    );
  });

  it('says to copy the link by hand when copying is refused', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('denied')));
    vi.stubGlobal('navigator', { ...navigator, share: undefined, clipboard: { writeText } });
    show();
    await press();
    expect(root.querySelector('[data-testid=share-failed]')?.textContent).toContain('長押し');
  });
});
