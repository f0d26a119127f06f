import { navigate } from '../router';
import { ACTING_FOR_HEADER, actingFor, actingRefused } from './acting-for';

/**
 * Downloads (`/api/me/...` files). For oneself a plain `<a href download>` is enough (the
 * browser saves the answer). While acting for someone the request must name them in the
 * `Renkei-Acting-For` header, which a link cannot send: then the file is fetched here and handed
 * to the browser to save.
 */

/** The file name from a Content-Disposition header, if it gives one. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

export type DownloadOutcome =
  { ok: true } | { ok: false; code: string | null; status: number | null };

/** Fetch a file as the person acted for and save it. */
export async function downloadActing(href: string, fallbackName: string): Promise<DownloadOutcome> {
  const acting = actingFor.value;
  let response: Response;
  try {
    response = await fetch(href, {
      credentials: 'same-origin',
      headers: acting ? { [ACTING_FOR_HEADER]: acting.linkId } : {},
    });
  } catch {
    return { ok: false, code: 'network', status: null };
  }
  if (!response.ok) {
    let code: string | null = null;
    try {
      const body = (await response.json()) as { code?: unknown };
      code = typeof body.code === 'string' ? body.code : null;
    } catch {
      // no JSON body
    }
    if (
      response.status === 403 &&
      code === 'proxy_not_active' &&
      acting &&
      actingRefused(acting.linkId)
    ) {
      navigate('/me', { replace: true });
    }
    return { ok: false, code, status: response.status };
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFrom(response.headers.get('content-disposition'), fallbackName);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true };
}
