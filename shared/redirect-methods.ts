// How a sign-in gets Microsoft's answer back to the service: the user pastes the nativeclient (or
// localhost) address, or Microsoft redirects to an internet-reachable address. Stored with each app
// registration and chosen in the panel, so both sides read the one list.

export const REDIRECT_METHODS = ['paste_back', 'internet_redirect', 'paste_back_localhost'] as const;
export type RedirectMethod = (typeof REDIRECT_METHODS)[number];
