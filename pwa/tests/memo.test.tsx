import { signal } from '@preact/signals';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memo } from '../src/lib/memo';

/** `memo`: a part of a form renders again only when what it is given changed. */

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('memo', () => {
  it('renders again when a prop changed, not when the parent renders with the same props', async () => {
    const word = signal('一');
    let renders = 0;
    const Part = memo(function Part({ value, onValue }: { value: string; onValue: () => void }) {
      renders += 1;
      return (
        <button type="button" onClick={onValue}>
          {value} {word.value}
        </button>
      );
    });
    const handler = () => {};
    let setOther: (n: number) => void = () => {};
    let setValue: (v: string) => void = () => {};
    function Parent() {
      const [other, setO] = useState(0);
      const [value, setV] = useState('a');
      setOther = setO;
      setValue = setV;
      return (
        <div data-other={other}>
          <Part value={value} onValue={handler} />
        </div>
      );
    }
    await act(() => render(<Parent />, root));
    expect(renders).toBe(1);
    await act(() => setOther(1));
    expect(root.querySelector('div')?.getAttribute('data-other')).toBe('1');
    expect(renders).toBe(1);
    await act(() => setValue('b'));
    expect(renders).toBe(2);
    expect(root.textContent).toBe('b 一');
    // A signal it reads (the language, say) still shows at once.
    await act(() => {
      word.value = '二';
    });
    expect(root.textContent).toBe('b 二');
  });

  it('renders again when a prop is added or removed', async () => {
    let renders = 0;
    const Part = memo(function Part(props: { a?: string; b?: string }) {
      renders += 1;
      return <span>{Object.keys(props).join(',')}</span>;
    });
    await act(() => render(<Part a="x" />, root));
    await act(() => render(<Part a="x" b={undefined} />, root));
    expect(renders).toBe(2);
    await act(() => render(<Part a="x" />, root));
    expect(renders).toBe(3);
    await act(() => render(<Part a="x" />, root));
    expect(renders).toBe(3);
  });
});
