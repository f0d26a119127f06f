import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app';
import { busyRetry, connectionLost } from '../src/api/client';
import { BusyBanner } from '../src/components/BusyBanner';
import { lang, setLang } from '../src/i18n';
import { currentPath } from '../src/router';

/**
 * The notice shown while a request the server refused as busy waits to be sent again: calm (a
 * status, not an alert), in the chosen language, counting down, gone once the request is sent.
 */

let root: HTMLElement;

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

const q = (selector: string) => root.querySelector<HTMLElement>(selector);
const banner = () => q('[data-testid=busy-banner]');

/** Move the fake clock on, letting the page render what happens meanwhile. */
async function tick(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  history.replaceState(null, '', '/');
  currentPath.value = '/';
  localStorage.clear();
  lang.value = 'ja';
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  busyRetry.value = null;
  connectionLost.value = false;
});

describe('busy banner', () => {
  it('says calmly when the request is tried again, in Japanese and English', async () => {
    await act(() => render(<BusyBanner />, root));
    const region = q('.busy-banner-region');
    expect(region?.getAttribute('role')).toBe('status');
    expect(region?.getAttribute('aria-live')).toBe('polite');
    expect(banner()).toBeNull();

    await act(() => {
      busyRetry.value = 5;
    });
    expect(banner()?.textContent).toBe('ただいま混み合っています。5 秒後にもう一度お試しします。');
    // A status, not an error: nothing in it is an alert.
    expect(root.querySelector('[role=alert]')).toBeNull();

    await act(() => setLang('en'));
    expect(banner()?.textContent).toBe('Busy right now. Trying again in 5 s.');
    await act(() => {
      busyRetry.value = 4;
    });
    expect(banner()?.textContent).toBe('Busy right now. Trying again in 4 s.');

    await act(() => {
      busyRetry.value = null;
    });
    expect(banner()).toBeNull();
    // The live region itself stays, so the next notice is announced.
    expect(q('.busy-banner-region')).not.toBeNull();
  });

  it('counts down on the page while a busy request waits, then shows the answer', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const fetch = vi.fn<(input: Request) => Promise<Response>>();
    fetch.mockImplementationOnce(
      async () =>
        new Response(JSON.stringify({ code: 'busy', message: 'busy' }), {
          status: 503,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '2' },
        }),
    );
    fetch.mockImplementationOnce(async () => json([]));
    vi.stubGlobal('fetch', fetch);

    await act(() => render(<App />, root));
    await tick(0);
    expect(banner()?.textContent).toBe('ただいま混み合っています。2 秒後にもう一度お試しします。');
    // Still loading: the refusal is not shown as an error while the app tries again.
    expect(q('[data-testid=networks-loading]')).not.toBeNull();
    expect(q('[data-testid=networks-error]')).toBeNull();

    await tick(1000);
    expect(banner()?.textContent).toBe('ただいま混み合っています。1 秒後にもう一度お試しします。');

    await tick(1000);
    expect(banner()).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(q('[data-testid=networks-empty]')).not.toBeNull();
  });

  it('gives way to the translated message when the app stops trying', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const fetch = vi.fn<(input: Request) => Promise<Response>>(
      async () =>
        new Response(JSON.stringify({ code: 'busy', message: 'busy' }), {
          status: 503,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '30' },
        }),
    );
    vi.stubGlobal('fetch', fetch);

    await act(() => render(<App />, root));
    await tick(60_000);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(banner()).toBeNull();
    const alert = q('[data-testid=networks-error]');
    expect(alert?.textContent).toContain(
      'ただいま大変混み合っているため、受け付けられませんでした',
    );
    await act(() => setLang('en'));
    expect(alert?.textContent).toContain('The service is very busy right now');
  });
});
