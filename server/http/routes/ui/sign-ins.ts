// Sign-in routes: start one, finish it by paste-back or by the internet-redirect callback, poll it.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../errors/app-error.js';
import { completeFromCallback, completeFromPaste, signInOutcome, startSignIn } from '../../../oauth/sign-in.js';
import type { Services } from '../../../services.js';
import { callbackQuery, pasteBody, startSignInBody, stateParams } from '../../contract/ui.js';
import { renderCallbackPage } from '../../pages/callback-page.js';
import { toSignInResultView, toSignInStatusView, toStartedSignInView } from '../../views/sign-ins.js';

export function signInRoutes(app: FastifyInstance, services: Pick<Services, 'signIn'>): void {
  app.post('/api/sign-ins', async (request, reply) => {
    const body = startSignInBody.parse(request.body);
    const started = await startSignIn(services.signIn, {
      appRegistrationId: body.app_registration_id,
      scopes: body.scopes,
      method: body.method,
      accountId: body.account_id,
    });
    return reply.code(201).send(toStartedSignInView(started));
  });
  app.post('/api/sign-ins/paste', async (request) => toSignInResultView(await completeFromPaste(services.signIn, pasteBody.parse(request.body).url)));
  app.get('/api/sign-ins/:state', async (request) => {
    const { state } = stateParams.parse(request.params);
    return toSignInStatusView(state, await signInOutcome(services.signIn, state));
  });
  // Reached by the browser itself, so it answers with a page, not JSON.
  app.get('/auth/callback', async (request, reply) => {
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8');
    try {
      const result = await completeFromCallback(services.signIn, callbackQuery.parse(request.query));
      return renderCallbackPage({ ok: true, username: result.account.username, missing: result.missingScopes });
    } catch (error) {
      const failure = error instanceof AppError ? error : new AppError('validation_failed');
      void reply.code(failure.status);
      return renderCallbackPage({ ok: false, error: failure.toBody().error });
    }
  });
}
