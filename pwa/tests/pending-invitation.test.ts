import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  INVITATION_GONE,
  PENDING_INVITATION_KEY,
  clearPendingInvitation,
  invitationPath,
  loadPendingInvitation,
  savePendingInvitation,
} from '../src/lib/pending-invitation';
import { signOutHere } from '../src/lib/session';

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('the invitation kept while its invitee registers', () => {
  it('keeps only the code, tidied, in this tab', () => {
    expect(loadPendingInvitation()).toBeNull();
    savePendingInvitation(' abcd-efgh-jk-c ');
    expect(loadPendingInvitation()).toBe('ABCD-EFGH-JK-C');
    expect(JSON.parse(sessionStorage.getItem(PENDING_INVITATION_KEY) ?? 'null')).toEqual({
      code: 'ABCD-EFGH-JK-C',
    });
    expect(localStorage.getItem(PENDING_INVITATION_KEY)).toBeNull();
  });

  it('reads a code from the address fragment as the invitation page does', () => {
    savePendingInvitation('#ＡＢＣＤ−ＥＦＧＨ');
    expect(loadPendingInvitation()).toBe('ABCD-EFGH');
  });

  it('keeps nothing that is not a code, and reads nothing odd back', () => {
    savePendingInvitation('');
    savePendingInvitation('<script>');
    savePendingInvitation('A'.repeat(65));
    expect(sessionStorage.getItem(PENDING_INVITATION_KEY)).toBeNull();
    for (const raw of ['{not json', '"ABCD"', '{"code":7}', '{"code":"a/b"}', 'null']) {
      sessionStorage.setItem(PENDING_INVITATION_KEY, raw);
      expect(loadPendingInvitation(), raw).toBeNull();
    }
  });

  it('is gone once cleared', () => {
    savePendingInvitation('ABCD-EFGH-JK-C');
    clearPendingInvitation();
    expect(sessionStorage.getItem(PENDING_INVITATION_KEY)).toBeNull();
    expect(loadPendingInvitation()).toBeNull();
  });

  it('is gone after sign-out, even when the server cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('offline'))),
    );
    savePendingInvitation('ABCD-EFGH-JK-C');
    await signOutHere();
    expect(loadPendingInvitation()).toBeNull();
  });

  it('leads back to the invitation page with the code in the fragment', () => {
    expect(invitationPath('ABCD-EFGH-JK-C')).toBe('/invite#ABCD-EFGH-JK-C');
  });

  it('names the refusals after which the invitation is of no more use', () => {
    expect([...INVITATION_GONE].sort()).toEqual([
      'invitation_expired',
      'invitation_not_found',
      'invitation_used',
    ]);
  });
});
