// The two form POSTs of a sign-in: the account picker (POST /{tenant}/login) and the consent page
// (POST /{tenant}/Consent/Set). The final redirect to the client comes from the consent POST.
import { audienceContext, resolveTenant, userAudienceError } from './audience.js';
import { rejectAuthorize, showErrorPage, traceFor } from './authorize-outcome.js';
import { resolveError } from './aad-errors.js';
import type { RequestContext } from './context.js';
import type { ErrorContext } from './error-catalogue.js';
import { faultCode, faultOverrides } from './faults.js';
import { readForm, sendHtml } from './http.js';
import type { App, CodeRecord, PendingFlow, User } from './model.js';
import { consentPage, signInPage } from './pages.js';
import { sendToClient } from './redirect.js';
import { parseScopes } from './scopes.js';
import { clientInfo, mintCode } from './tokens.js';

async function loadFlow(ctx: RequestContext): Promise<{ form: URLSearchParams; flow: PendingFlow; app: App } | undefined> {
  const form = await readForm(ctx.req);
  const flow = ctx.state.flows.get(form.get('flowToken') ?? '');
  const app = flow && ctx.state.findApp(flow.params.clientId);
  if (flow && app) return { form, flow, app };
  // An unknown flow: a reused or expired page, or an emulator reset in between.
  showErrorPage(ctx, resolveError(9002313, {}));
  return undefined;
}

export async function handleSignInPost(ctx: RequestContext, tenantSegment: string): Promise<void> {
  const loaded = await loadFlow(ctx);
  if (!loaded) return;
  const { form, flow, app } = loaded;
  const username = (form.get('username') ?? form.get('loginfmt') ?? '').trim();
  const user = username ? ctx.state.findUser(username) : undefined;
  if (!user) {
    const error = username ? "We couldn't find an account with that username." : 'Enter a valid email address, phone number, or Skype name.';
    const accounts = [...ctx.state.users.values()];
    sendHtml(ctx.res, 200, signInPage({ flowId: flow.id, tenant: tenantSegment, accounts, prefill: username, error }));
    return;
  }
  const tenant = resolveTenant(ctx.state, flow.params.tenant);
  const audienceError = tenant && userAudienceError(app, tenant, user);
  const context = audienceContext(app, flow.params.tenant, user);
  if (audienceError || flow.fault) ctx.state.flows.delete(flow.id);
  if (audienceError) return showErrorPage(ctx, resolveError(audienceError, context), traceFor(ctx, flow.params));
  // An injected authorize fault fires once the account is known, as most real ones do.
  if (flow.fault) return sendFaultOutcome(ctx, flow, context);
  flow.username = user.username;
  const permissions = describePermissions(flow.params.scope, app);
  sendHtml(ctx.res, 200, consentPage({ flowId: flow.id, tenant: tenantSegment, appName: app.displayName, username: user.username, permissions }));
}

function sendFaultOutcome(ctx: RequestContext, flow: PendingFlow, context: ErrorContext): void {
  const fault = flow.fault!;
  rejectAuthorize(ctx, faultCode(fault), context, flow.params, faultOverrides(fault));
}

export async function handleConsentPost(ctx: RequestContext): Promise<void> {
  const loaded = await loadFlow(ctx);
  if (!loaded) return;
  const { form, flow, app } = loaded;
  const user = flow.username ? ctx.state.findUser(flow.username) : undefined;
  if (!user) return showErrorPage(ctx, resolveError(9002313, {}), traceFor(ctx));
  ctx.state.flows.delete(flow.id);
  if (form.get('decision') !== 'accept') return rejectAuthorize(ctx, 65004, {}, flow.params);
  const record = issueCode(ctx, flow, app, user);
  const fields: Array<[string, string]> = [['code', record.code]];
  if (flow.params.clientInfo) fields.push(['client_info', clientInfo(user)]);
  fields.push(['session_state', flow.sessionState]);
  sendToClient(ctx.res, flow.params, fields, ctx.selfOrigin);
}

function issueCode(ctx: RequestContext, flow: PendingFlow, app: App, user: User): CodeRecord {
  const scopes = parseScopes(flow.params.scope, app);
  const withheld = ctx.state.withheld;
  const grant = {
    clientId: app.clientId,
    username: user.username,
    granted: scopes.graph.filter((s) => !withheld.includes(s.name)).map((s) => s.raw),
    withheld: scopes.graph.filter((s) => withheld.includes(s.name)).map((s) => s.name),
    oidc: scopes.oidc,
    cloud: flow.params.cloud,
  };
  const record: CodeRecord = { code: mintCode(user), params: flow.params, grant, issuedAt: ctx.state.now(), redeemed: false };
  ctx.state.codes.set(record.code, record);
  return record;
}

const PERMISSION_TEXT: Record<string, string> = {
  openid: 'Sign you in',
  profile: 'View your basic profile',
  email: 'View your email address',
  offline_access: 'Maintain access to data you have given it access to',
  'user.read': 'Sign you in and read your profile',
  'mail.read': 'Read your mail',
  'mail.readwrite': 'Read and write access to your mail',
  'mail.send': 'Send mail as you',
  'calendars.read': 'Read your calendars',
  'calendars.readwrite': 'Have full access to your calendars',
  'contacts.read': 'Read your contacts',
  'tasks.readwrite': 'Create, read, update, and delete your tasks and task lists',
};

function describePermissions(scope: string, app: App): string[] {
  const scopes = parseScopes(scope, app);
  const graph = scopes.graph.map((s) => PERMISSION_TEXT[s.name] ?? `Access ${s.raw}`);
  const oidc = scopes.oidc.map((s) => PERMISSION_TEXT[s] ?? s);
  return [...new Set([...graph, ...oidc])];
}
