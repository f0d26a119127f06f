import { Component, h, type FunctionComponent } from 'preact';

/**
 * `component`, rendered again only when one of its props is no longer the same (`===`): for the
 * parts of a long form that stay as they are while the person types into another part, so a
 * keystroke costs the one part it changes, not the whole page, on a slow phone. Handlers passed
 * to it must stay the same function from one render to the next, or it renders every time.
 * (It still renders when a signal it reads changes, such as the language shown.)
 */
export function memo<P extends object>(component: FunctionComponent<P>): FunctionComponent<P> {
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: Readonly<P>): boolean {
      return changed(this.props, next);
    }
    override render() {
      return h(component, this.props);
    }
  }
  (Memo as { displayName?: string }).displayName =
    `memo(${component.displayName ?? component.name})`;
  return Memo as unknown as FunctionComponent<P>;
}

function changed(before: object, after: object): boolean {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key in b) if (!(key in a) || a[key] !== b[key]) return true;
  for (const key in a) if (!(key in b)) return true;
  return false;
}
