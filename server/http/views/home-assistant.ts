// Home Assistant's status as the UI API shows it: the domain's snapshot, field by field, in the wire's
// snake_case. Listing every field keeps a new domain field off the wire until someone decides it.
import type { HaStatus, InternetRedirect } from '../../ha/ha-status.js';
import type { HomeAssistantView, InternetRedirectView } from '../contract/home-assistant.js';

export function toInternetRedirectView(redirect: InternetRedirect): InternetRedirectView {
  return {
    state: redirect.state,
    redirect_uri: redirect.redirectUri,
    public_url_source: redirect.publicUrlSource,
    page_path: redirect.pagePath,
    message: redirect.message,
    fix: redirect.fix,
    can_restart: redirect.canRestart,
  };
}

export function toHomeAssistantView(status: HaStatus): HomeAssistantView {
  return {
    hostname: status.hostname,
    slug: status.slug,
    consumer_api_url: status.consumerApiUrl,
    ingress_path: status.ingressPath,
    urls: status.urls ? { ...status.urls } : null,
    features: status.features,
    internet_redirect: toInternetRedirectView(status.internetRedirect),
    checked_at: status.checkedAt,
  };
}
