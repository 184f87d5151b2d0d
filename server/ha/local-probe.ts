// Asks HA itself whether it serves the bounce page: the only sure way to know that /local/ is
// registered (it is not when `www` was created after Core started). Sends nothing but a plain GET.
import { BOUNCE_META, BOUNCE_URL_PATH } from './bounce-page.js';

export type ProbeResult = 'served' | 'not_served' | 'unknown';

export async function probeBouncePage(baseUrl: string, deadline: () => AbortSignal): Promise<ProbeResult> {
  let response: Response;
  try {
    response = await fetch(new URL(BOUNCE_URL_PATH, baseUrl), { signal: deadline(), redirect: 'manual' });
  } catch {
    return 'unknown'; // unreachable from the container, TLS for another name, …: no verdict
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return 'not_served';
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    return 'unknown';
  }
  const text = await response.text().catch(() => '');
  return text.includes(`name="${BOUNCE_META}"`) ? 'served' : 'unknown';
}

/** The first definite answer among the candidate bases, in order. */
export async function probeFirst(bases: Array<string | null | undefined>, deadline: () => AbortSignal): Promise<ProbeResult> {
  for (const base of new Set(bases.filter((b): b is string => Boolean(b)))) {
    const result = await probeBouncePage(base, deadline);
    if (result !== 'unknown') return result;
  }
  return 'unknown';
}
