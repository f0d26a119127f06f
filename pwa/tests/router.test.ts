import { describe, expect, it } from 'vitest';
import { matchRoute } from '../src/router';
import { resolve } from '../src/app';
import { Home } from '../src/pages/public/Home';
import { NotFound } from '../src/pages/public/NotFound';

describe('matchRoute', () => {
  it('matches exact paths, ignoring a trailing slash', () => {
    expect(matchRoute('/', '/')).toEqual({});
    expect(matchRoute('/about', '/about/')).toEqual({});
    expect(matchRoute('/', '/about')).toBeNull();
    expect(matchRoute('/about', '/')).toBeNull();
  });

  it('extracts and decodes parameters', () => {
    expect(matchRoute('/r/:code', '/r/SALV-01')).toEqual({ code: 'SALV-01' });
    expect(matchRoute('/r/:code', '/r/%E3%81%82')).toEqual({ code: 'あ' });
    expect(matchRoute('/r/:code', '/r')).toBeNull();
    expect(matchRoute('/r/:code', '/r/a/b')).toBeNull();
    expect(matchRoute('/r/:code', '/r/%E3%81')).toBeNull();
  });
});

describe('routes', () => {
  it('sends / home and anything else to the not-found page', () => {
    expect(resolve('/').component).toBe(Home);
    expect(resolve('/no/such/page').component).toBe(NotFound);
  });
});
