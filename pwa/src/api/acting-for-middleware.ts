import type { Middleware } from 'openapi-fetch';
import {
  ACTING_FOR_HEADER,
  actingFor,
  actingRefused,
  actingUnconfirmed,
  actsOnMe,
  resetActing,
} from '../lib/acting-for';

/**
 * The openapi-fetch middleware for acting for someone: while this tab acts for a person, every
 * request to `/api/me...` carries `Renkei-Acting-For: linkId`; other requests (signing in,
 * invitations, public pages) never do. When the server answers 403 `proxy_not_active` to a
 * request that carried it, the acting-for state is dropped and `onEnded` runs (the app goes
 * back to the person's own page, which says the proxy has ended); to 403 `proxy_unconfirmed`,
 * the state is marked as waiting for confirmation. When it answers 401 (the session ended), the
 * acting-for state goes too: it belonged to that session, and must not follow the tab to the
 * sign-in page or into the next person's session.
 */
export function actingForMiddleware(onEnded: () => void): Middleware {
  return {
    onRequest({ request }) {
      const current = actingFor.value;
      if (current && actsOnMe(request.url)) request.headers.set(ACTING_FOR_HEADER, current.linkId);
      else request.headers.delete(ACTING_FOR_HEADER);
      return request;
    },
    async onResponse({ request, response }) {
      const linkId = request.headers.get(ACTING_FOR_HEADER);
      if (response.status === 401 && linkId && actingFor.value?.linkId === linkId) {
        resetActing();
        return undefined;
      }
      if (response.status !== 403) return undefined;
      if (!linkId) return undefined;
      let code: unknown;
      try {
        code = ((await response.clone().json()) as { code?: unknown }).code;
      } catch {
        return undefined;
      }
      if (code === 'proxy_not_active' && actingRefused(linkId)) onEnded();
      // The link is not confirmed (or reached its review date while this tab acted): the
      // screens stop offering what the server would refuse.
      if (code === 'proxy_unconfirmed') actingUnconfirmed(linkId);
      return undefined;
    },
  };
}

/**
 * For one request that is the signed-in person's own whoever this tab acts for (a proxy
 * stepping down: `POST /me/proxies/{link}/revoke` as themselves): runs after the global
 * middleware and takes the acting-for header off again.
 */
export const withoutActingFor: Middleware = {
  onRequest({ request }) {
    request.headers.delete(ACTING_FOR_HEADER);
    return request;
  },
};
