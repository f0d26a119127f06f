import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/i18n';
import type { ComponentChildren } from 'preact';
import { lazyComponent, lazyScreen } from '../src/lib/lazy';

let root: HTMLElement;

async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  setLang('ja');
});

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('a screen fetched when first shown', () => {
  it('shows the screen when its file, fetched ahead, arrives between the first render and its effect', async () => {
    let arrive: (screen: () => preact.JSX.Element) => void = () => {};
    const Screen = lazyScreen(() => new Promise((r) => (arrive = r)));
    const ahead = Screen.load();
    // Rendered (effects not yet run: they run after the frame), then the file arrives.
    render(<Screen params={{ code: 'A' }} />, root);
    expect(root.querySelector('[data-testid="screen-loading"]')).not.toBeNull();
    arrive(() => <h1>届きました</h1>);
    await ahead;
    await settle();
    expect(root.querySelector('h1')?.textContent).toBe('届きました');
  });

  it('shows a spinner while its file comes, then the screen', async () => {
    let arrive: (screen: () => preact.JSX.Element) => void = () => {};
    const Screen = lazyScreen(() => new Promise((r) => (arrive = r)));
    await act(() => render(<Screen params={{ code: 'A' }} />, root));
    expect(root.querySelector('[data-testid="screen-loading"]')).not.toBeNull();
    arrive(() => <h1>届きました</h1>);
    await settle();
    expect(root.querySelector('h1')?.textContent).toBe('届きました');
    expect(root.querySelector('[data-testid="screen-loading"]')).toBeNull();
  });

  it('says what to do when its file cannot come, and fetches it again next time', async () => {
    const importer = vi
      .fn<() => Promise<() => preact.JSX.Element>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce(() => <h1>二度目</h1>);
    const Screen = lazyScreen(importer);
    await act(() => render(<Screen params={{}} />, root));
    await settle();
    const failed = root.querySelector('[data-testid="screen-load-failed"]');
    expect(failed?.getAttribute('role')).toBe('alert');
    expect(failed?.textContent).toContain('インターネットへの接続を確認して');
    expect(failed?.querySelector('button')?.textContent).toBe('再読み込み');
    render(null, root);
    await act(() => render(<Screen params={{}} />, root));
    await settle();
    expect(root.querySelector('h1')?.textContent).toBe('二度目');
    expect(importer).toHaveBeenCalledTimes(2);
  });
});

describe('a frame fetched when first shown', () => {
  it('shows its page inside it once it has come, with the props it was given', async () => {
    let arrive: (
      frame: (props: { title: string; children: ComponentChildren }) => preact.JSX.Element,
    ) => void = () => {};
    const Frame = lazyComponent<{ title: string; children: ComponentChildren }>(
      () => new Promise((r) => (arrive = r)),
    );
    await act(() =>
      render(
        <Frame title="受付">
          <p id="page">ページ</p>
        </Frame>,
        root,
      ),
    );
    // Not its page either, until the frame (which may decide what the page needs) is here.
    expect(root.querySelector('[data-testid="screen-loading"]')).not.toBeNull();
    expect(root.querySelector('#page')).toBeNull();
    arrive(({ title, children }) => (
      <div>
        <h1>{title}</h1>
        <main>{children}</main>
      </div>
    ));
    await settle();
    expect(root.querySelector('h1')?.textContent).toBe('受付');
    expect(root.querySelector('main #page')?.textContent).toBe('ページ');
    expect(await Frame.load()).toBeTypeOf('function');
  });
});
