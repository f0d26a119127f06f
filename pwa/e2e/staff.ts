import type { CDPSession, Page } from '@playwright/test';
import { renkeiAdmin } from './renkei';

/**
 * Facility staff for the browser tests: the network office's invitation
 * (`renkei admin staff invite`) and the PC's own passkey (Chromium's virtual authenticator).
 */

/** A virtual authenticator for this page (one per tab, one per person). */
export async function addAuthenticator(page: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

/** `renkei admin staff invite …`: the enrolment link it prints, as a path on this site. */
export function invite(facility: string, name: string, role = 'reception'): string {
  const out = renkeiAdmin([
    'staff',
    'invite',
    '--facility',
    facility,
    '--role',
    role,
    '--name',
    name,
  ]);
  const url = /https?:\/\/\S+\/staff\/enrol#\S+/.exec(out)?.[0];
  if (!url) throw new Error(`no enrolment link in: ${out}`);
  const u = new URL(url);
  return `${u.pathname}${u.hash}`;
}
