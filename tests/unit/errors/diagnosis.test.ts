// Tests the diagnosis table and its inputs: every AADSTS code of the Entra reference §5, the OAuth
// error values, descriptions as Microsoft writes them, real msal-node error objects and the error page hint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AuthError, ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import {
  cleanMicrosoftMessage,
  diagnose,
  diagnoseMsalError,
  microsoftErrorPageHint,
  MICROSOFT_ERROR_PAGE_CODES,
  type Diagnosis,
  type DiagnosisClass,
} from '../../../server/errors/diagnosis.js';
import {
  PREREQUISITE_STEP_IDS,
  PREREQUISITE_STEPS,
  prerequisiteStepNumber,
  type PrerequisiteStep,
} from '../../../shared/prerequisite-steps.js';

type Expected = [code: number, cls: DiagnosisClass, step: PrerequisiteStep];

/** Reference §5, in its order, plus 50034 and 90024; classes follow its broker table. */
const SECTION_5: Expected[] = [
  [50011, 'configuration', 'redirect_uri'],
  [500113, 'configuration', 'redirect_uri'],
  [900971, 'configuration', 'redirect_uri'],
  [700016, 'configuration', 'client_id'],
  [50194, 'configuration', 'account_types'],
  [50020, 'configuration', 'account_types'],
  [500200, 'configuration', 'account_types'],
  [9002331, 'configuration', 'account_types'],
  [9002346, 'configuration', 'account_types'],
  [9002332, 'configuration', 'account_types'],
  [500208, 'configuration', 'account_types'],
  [7000215, 'configuration', 'client_secret'],
  [7000222, 'configuration', 'client_secret'],
  [7000218, 'configuration', 'client_secret'],
  [700025, 'configuration', 'redirect_uri'],
  [65001, 'sign_in_again', 'api_permissions'],
  [65004, 'sign_in_again', 'sign_in'],
  [90094, 'configuration', 'api_permissions'],
  [90095, 'configuration', 'api_permissions'],
  [70000, 'sign_in_again', 'sign_in'],
  [70008, 'sign_in_again', 'sign_in'],
  [54005, 'sign_in_again', 'sign_in'],
  [700005, 'sign_in_again', 'sign_in'],
  [501481, 'sign_in_again', 'sign_in'],
  [9002325, 'configuration', 'redirect_uri'],
  [700084, 'configuration', 'redirect_uri'],
  [700082, 'sign_in_again', 'sign_in'],
  [50173, 'sign_in_again', 'sign_in'],
  [50076, 'sign_in_again', 'sign_in'],
  [50079, 'sign_in_again', 'sign_in'],
  [53003, 'configuration', 'sign_in'],
  [530035, 'configuration', 'sign_in'],
  [50105, 'configuration', 'sign_in'],
  [50058, 'sign_in_again', 'sign_in'],
  [700054, 'configuration', 'sign_in'],
  [700051, 'configuration', 'sign_in'],
  [900144, 'sign_in_again', 'sign_in'],
  [70011, 'configuration', 'api_permissions'],
  [28002, 'configuration', 'api_permissions'],
  [28003, 'configuration', 'api_permissions'],
  [90002, 'configuration', 'client_id'],
  [9001023, 'configuration', 'account_types'],
  [50034, 'sign_in_again', 'sign_in'],
  [90024, 'transient', 'sign_in'],
];

/** The reference's "Practical classification for the broker" table, verbatim. */
const BROKER_TABLE: Record<DiagnosisClass, number[]> = {
  configuration: [50011, 500113, 700016, 50194, 50020, 500200, 9002331, 9002346, 9002332, 7000215, 7000222, 700025, 9002325],
  sign_in_again: [65001, 70000, 70008, 700082, 50173, 50076],
  transient: [],
};

const OAUTH_VALUES: [error: string, cls: DiagnosisClass][] = [
  ['invalid_request', 'configuration'],
  ['unauthorized_client', 'configuration'],
  ['access_denied', 'sign_in_again'],
  ['unsupported_response_type', 'configuration'],
  ['server_error', 'transient'],
  ['temporarily_unavailable', 'transient'],
  ['invalid_resource', 'configuration'],
  ['login_required', 'sign_in_again'],
  ['interaction_required', 'sign_in_again'],
  ['consent_required', 'sign_in_again'],
  ['invalid_grant', 'sign_in_again'],
  ['invalid_client', 'configuration'],
  ['invalid_scope', 'configuration'],
  ['unsupported_grant_type', 'configuration'],
];

const SECRET_7000215 =
  "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '11111111-2222-3333-4444-555555555555'.";
const TRACE_TAIL = '\r\nTrace ID: 0b1d2c3e-aaaa-bbbb-cccc-000000000001\r\nCorrelation ID: 5ee9674d-aaaa-bbbb-cccc-000000000002\r\nTimestamp: 2023-05-06 06:03:00Z';

function assertUsable(d: Diagnosis, label: string): void {
  assert.ok(d.title.trim().length > 0, `${label}: title`);
  assert.ok(d.fix.trim().length > 0, `${label}: fix`);
  assert.ok(PREREQUISITE_STEP_IDS.includes(d.step), `${label}: step ${d.step}`);
}

describe('prerequisite steps', () => {
  it('lists the guide steps in order, each with a title', () => {
    assert.deepEqual(PREREQUISITE_STEP_IDS, [
      'directory', 'register_app', 'account_types', 'redirect_uri', 'client_id', 'client_secret', 'api_permissions', 'sign_in',
    ]);
    for (const step of PREREQUISITE_STEPS) assert.ok(step.title.length > 0, step.id);
    assert.equal(prerequisiteStepNumber('directory'), 1);
    assert.equal(prerequisiteStepNumber('redirect_uri'), 4);
  });
});

describe('diagnose: AADSTS codes', () => {
  for (const [code, cls, step] of SECTION_5) {
    it(`maps AADSTS${code} to ${cls} at step ${step}`, () => {
      const label = `AADSTS${code}`;
      for (const [how, d] of [
        ['aadsts', diagnose({ aadsts: code })],
        ['errorCodes', diagnose({ errorCodes: [code, 1] })],
        ['description', diagnose({ error: 'invalid_request', errorDescription: `AADSTS${code}: Something.${TRACE_TAIL}` })],
      ] as const) {
        assert.equal(d.class, cls, `${label} via ${how}: class`);
        assert.equal(d.step, step, `${label} via ${how}: step`);
        assert.equal(d.aadsts, code, `${label} via ${how}: aadsts`);
        assertUsable(d, `${label} via ${how}`);
      }
    });
  }

  it('agrees with the reference broker table', () => {
    for (const [cls, codes] of Object.entries(BROKER_TABLE)) {
      for (const code of codes) assert.equal(diagnose({ aadsts: code }).class, cls, `AADSTS${code}`);
    }
  });

  it('prefers aadsts over errorCodes over the description', () => {
    assert.equal(diagnose({ aadsts: 50011, errorCodes: [7000215], errorDescription: 'AADSTS700016: x' }).aadsts, 50011);
    assert.equal(diagnose({ errorCodes: [7000215], errorDescription: 'AADSTS700016: x' }).aadsts, 7000215);
  });

  it('recognises the personal-account refusal that has no code of its own', () => {
    const cases: [string, Parameters<typeof diagnose>[0]][] = [
      ['unauthorized_client, not enabled for consumers', {
        error: 'unauthorized_client',
        errorDescription: 'The client does not exist or is not enabled for consumers. If you are the application developer, configure a new application through the App Registrations in the Azure Portal.',
      }],
      ['700016 in the Microsoft Accounts directory', {
        error: 'unauthorized_client',
        errorDescription: "AADSTS700016: Application with identifier 'abc' was not found in the directory 'Microsoft Accounts'.",
      }],
    ];
    for (const [label, input] of cases) {
      const d = diagnose(input);
      assert.equal(d.class, 'configuration', label);
      assert.equal(d.step, 'account_types', label);
      assertUsable(d, label);
    }
  });

  it('maps "Public clients can’t send a client secret" to the Web platform fix', () => {
    const d = diagnose({ error: 'invalid_request', errorDescription: "AADSTS90023: Public clients can't send a client secret." });
    assert.equal(d.step, 'redirect_uri');
    assert.equal(d.class, 'configuration');
  });
});

describe('diagnose: OAuth error values', () => {
  for (const [error, cls] of OAUTH_VALUES) {
    it(`maps error=${error} to ${cls}`, () => {
      const d = diagnose({ error });
      assert.equal(d.class, cls, error);
      assert.equal(d.error, error, error);
      assert.equal(d.aadsts, undefined, error);
      assertUsable(d, error);
    });
  }

  it('says the user declined for access_denied with error_subcode=cancel', () => {
    const cases: [string, Parameters<typeof diagnose>[0]][] = [
      ['bare cancel', { error: 'access_denied', errorSubcode: 'cancel' }],
      ['cancel with 65004', { error: 'access_denied', errorSubcode: 'cancel', errorDescription: 'AADSTS65004: User declined to consent to access the app.' }],
    ];
    for (const [label, input] of cases) {
      const d = diagnose(input);
      assert.match(d.title, /^You declined/, label);
      assert.equal(d.class, 'sign_in_again', label);
    }
  });

  it('lets a known code win over a bare cancel (admin consent path)', () => {
    const d = diagnose({ error: 'access_denied', errorSubcode: 'cancel', errorDescription: 'AADSTS90094: Admin consent is required.' });
    assert.equal(d.class, 'configuration');
    assert.equal(d.step, 'api_permissions');
  });

  it('treats HTTP 429 and 5xx as transient whatever the body says', () => {
    for (const httpStatus of [429, 500, 502, 503, 504]) {
      const d = diagnose({ error: 'invalid_request', httpStatus });
      assert.equal(d.class, 'transient', `HTTP ${httpStatus}`);
    }
    assert.equal(diagnose({ error: 'invalid_grant', httpStatus: 400 }).class, 'sign_in_again', 'HTTP 400 keeps the error value');
  });

  it('uses the suberror when the code is unknown', () => {
    assert.equal(diagnose({ error: 'invalid_request', suberror: 'bad_token' }).class, 'sign_in_again');
    assert.equal(diagnose({ error: 'invalid_request', suberror: 'consent_required' }).step, 'api_permissions');
  });

  it('falls back to a generic transient entry when nothing is known', () => {
    const d = diagnose({});
    assert.equal(d.class, 'transient');
    assertUsable(d, 'empty input');
    assert.equal(d.error, undefined);
    assert.equal(d.microsoftMessage, undefined);
  });
});

describe('diagnose: Microsoft’s description', () => {
  it('extracts the code from a real token error description and keeps only its first line', () => {
    const d = diagnose({ error: 'invalid_client', errorDescription: SECRET_7000215 + TRACE_TAIL, errorCodes: [], httpStatus: 401 });
    assert.equal(d.aadsts, 7000215);
    assert.equal(d.class, 'configuration');
    assert.equal(d.step, 'client_secret');
    assert.equal(d.microsoftMessage, SECRET_7000215);
  });

  it('decodes a description still form-encoded from an address bar', () => {
    const encoded = 'AADSTS50011%3a+The+redirect+URI+%27x%27+does+not+match.%0d%0aTrace+ID%3a+abc%0d%0aCorrelation+ID%3a+def';
    const d = diagnose({ error: 'invalid_request', errorDescription: encoded });
    assert.equal(d.aadsts, 50011);
    assert.equal(d.microsoftMessage, "AADSTS50011: The redirect URI 'x' does not match.");
  });

  it('keeps Microsoft’s cleaned message for an unknown code and falls back to the error value', () => {
    const d = diagnose({ error: 'invalid_grant', errorDescription: `AADSTS123456: Something new happened.${TRACE_TAIL}` });
    assert.equal(d.aadsts, 123456);
    assert.equal(d.class, 'sign_in_again');
    assert.equal(d.microsoftMessage, 'AADSTS123456: Something new happened.');
  });

  it('cuts the trace tail when it is on the same line', () => {
    const cases: [string, string][] = [
      ['spaces', 'AADSTS50058: No user is signed in. Trace ID: a Correlation ID: b Timestamp: c'],
      ['msal dashes', 'AADSTS50058: No user is signed in. - Correlation ID: b - Trace ID: a'],
      ['msal wrapper', 'Error(s): 50058 - Timestamp: 2024-01-01 - Description: AADSTS50058: No user is signed in. - Correlation ID: b - Trace ID: a'],
    ];
    for (const [label, raw] of cases) assert.equal(cleanMicrosoftMessage(raw), 'AADSTS50058: No user is signed in.', label);
  });

  it('returns markup as literal text, never interpreted', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const d = diagnose({ error: 'invalid_request', errorDescription: hostile });
    assert.equal(d.microsoftMessage, hostile);
    assert.equal(typeof d.microsoftMessage, 'string');
  });

  it('removes control and bidi characters and caps the length', () => {
    assert.equal(cleanMicrosoftMessage('AADSTS1: a\u0007b\u202ec'), 'AADSTS1: a b c');
    const long = cleanMicrosoftMessage(`AADSTS1: ${'x'.repeat(5000)}`) ?? '';
    assert.ok(long.length <= 400, `length ${long.length}`);
    assert.ok(long.endsWith('…'));
    assert.equal(cleanMicrosoftMessage('   \r\n  '), undefined);
    assert.equal(cleanMicrosoftMessage(undefined), undefined);
  });

  it('drops an error value that is not a plain snake_case word', () => {
    for (const error of ['<b>x</b>', 'Invalid Grant', 'x'.repeat(100)]) {
      assert.equal(diagnose({ error }).error, undefined, error);
    }
  });
});

describe('diagnoseMsalError', () => {
  const cases: [label: string, error: unknown, expected: Partial<Diagnosis>][] = [
    ['ServerError invalid_client 7000215', new ServerError('invalid_client', 'corr',
      `Error(s): 7000215 - Timestamp: 2023-05-06 06:03:00Z - Description: ${SECRET_7000215}${TRACE_TAIL} - Correlation ID: corr - Trace ID: trace`,
      undefined, '7000215'),
    { class: 'configuration', step: 'client_secret', aadsts: 7000215, error: 'invalid_client', microsoftMessage: SECRET_7000215 }],
    ['ServerError invalid_grant 700082 without suberror', new ServerError('invalid_grant', 'corr', 'Error(s): 700082 - Description: AADSTS700082: The refresh token has expired due to inactivity.', undefined, '700082'),
      { class: 'sign_in_again', aadsts: 700082, error: 'invalid_grant' }],
    ['ServerError invalid_grant, unknown code', new ServerError('invalid_grant', 'corr', 'Error(s): 999999 - Description: AADSTS999999: New.', undefined, '999999'),
      { class: 'sign_in_again', aadsts: 999999, microsoftMessage: 'AADSTS999999: New.' }],
    ['ServerError with HTTP 503', new ServerError('server_error', 'corr', 'x', undefined, undefined, 503), { class: 'transient' }],
    ['InteractionRequired bad_token 50173', new InteractionRequiredAuthError('invalid_grant', 'corr',
      'AADSTS50173: The provided grant has expired due to it being revoked.', 'bad_token', 'ts', 'trace', '', '50173'),
    { class: 'sign_in_again', aadsts: 50173, error: 'invalid_grant' }],
    ['InteractionRequired basic_action 50076', new InteractionRequiredAuthError('interaction_required', 'corr',
      'AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.', 'basic_action', '', '', '', '50076'),
    { class: 'sign_in_again', aadsts: 50076 }],
    ['InteractionRequired consent_required 65001', new InteractionRequiredAuthError('invalid_grant', 'corr', 'AADSTS65001: The user has not consented.', 'consent_required', '', '', '', '65001'),
      { class: 'sign_in_again', step: 'api_permissions', aadsts: 65001 }],
    ['InteractionRequired no_tokens_found (MSAL internal)', new InteractionRequiredAuthError('no_tokens_found', ''),
      { class: 'sign_in_again', error: 'no_tokens_found', microsoftMessage: undefined }],
    ['InteractionRequired unknown code', new InteractionRequiredAuthError('interaction_required', '', 'AADSTS1234567: New.', '', '', '', '', '1234567'),
      { class: 'sign_in_again', aadsts: 1234567 }],
    // A setup problem signing in again cannot fix keeps its configuration class.
    ['InteractionRequired with Conditional Access 53003', new InteractionRequiredAuthError('interaction_required', '', 'AADSTS53003: Blocked.', '', '', '', '', '53003'),
      { class: 'configuration', aadsts: 53003 }],
    ['duck-typed no_tokens_found, as the broker builds it', { errorCode: 'no_tokens_found' }, { class: 'sign_in_again' }],
    ['local throttle 90024', new ServerError('90024', 'corr', 'AADSTS90024: Request budget exceeded.', undefined), { class: 'transient', aadsts: 90024 }],
    ['local throttle, joined codes', new ServerError('70000 50000', 'corr', 'AADSTS70000: x', undefined), { class: 'transient', aadsts: 70000 }],
    ['network_error as msal-node throws it (plain AuthError)', new AuthError('network_error', '', 'Network request failed: getaddrinfo ENOTFOUND'),
      { class: 'transient', error: 'network_error', microsoftMessage: undefined }],
    ['ClientAuthError network_error', new ClientAuthError('network_error', ''), { class: 'transient' }],
    ['ClientAuthError token_parsing_error', new ClientAuthError('token_parsing_error', ''), { class: 'transient' }],
    ['ClientAuthError endpoints_resolution_error', new ClientAuthError('endpoints_resolution_error', ''), { class: 'transient' }],
    ['ClientAuthError nonce_mismatch', new ClientAuthError('nonce_mismatch', ''), { class: 'sign_in_again' }],
    ['ClientAuthError state_mismatch', new ClientAuthError('state_mismatch', ''), { class: 'sign_in_again' }],
    ['ClientAuthError something else', new ClientAuthError('multiple_matching_tokens', ''), { class: 'transient', error: 'multiple_matching_tokens' }],
    ['duck-typed ServerError', { name: 'ServerError', errorCode: 'invalid_client', errorNo: '7000215', errorMessage: 'AADSTS7000215: x' },
      { class: 'configuration', step: 'client_secret', aadsts: 7000215 }],
    ['duck-typed numeric errorNo', { errorCode: 'invalid_grant', errorNo: 70008 }, { class: 'sign_in_again', aadsts: 70008 }],
    ['plain Error', new Error('boom'), { class: 'transient', microsoftMessage: undefined, error: undefined }],
    ['undefined', undefined, { class: 'transient' }],
    ['string', 'invalid_client', { class: 'transient' }],
  ];

  for (const [label, error, expected] of cases) {
    it(`diagnoses ${label}`, () => {
      const d = diagnoseMsalError(error);
      assertUsable(d, label);
      for (const [key, value] of Object.entries(expected)) {
        assert.equal(d[key as keyof Diagnosis], value, `${label}: ${key}`);
      }
    });
  }

  it('echoes nothing from a non-Microsoft error', () => {
    const d = diagnoseMsalError(new Error('refresh_token=0.AXoA-very-secret-value'));
    assert.ok(!JSON.stringify(d).includes('very-secret'), JSON.stringify(d));
    const duck = diagnoseMsalError({ errorCode: 'weird', errorMessage: 'client_secret=abc~very-secret' });
    assert.ok(!JSON.stringify(duck).includes('very-secret'), JSON.stringify(duck));
  });
});

describe('microsoftErrorPageHint', () => {
  it('tells the user to read the page’s message when no code is known', () => {
    const hint = microsoftErrorPageHint();
    assert.match(hint, /Message line/);
    assert.match(hint, /AADSTS50011 \(step 4\)/);
    assert.equal(microsoftErrorPageHint(424242), hint, 'unknown code');
  });

  it('names the step for every code that appears on Microsoft’s page', () => {
    for (const code of MICROSOFT_ERROR_PAGE_CODES) {
      const d = diagnose({ aadsts: code });
      const hint = microsoftErrorPageHint(code);
      assert.ok(hint.includes(`AADSTS${code}`), `AADSTS${code}`);
      if (d.step === 'sign_in') assert.doesNotMatch(hint, /step \d/, `AADSTS${code}: ${hint}`);
      else assert.ok(hint.includes(`step ${prerequisiteStepNumber(d.step)}`), `AADSTS${code}: ${hint}`);
      assert.ok(hint.includes(d.fix), `AADSTS${code}: fix`);
    }
  });
});
