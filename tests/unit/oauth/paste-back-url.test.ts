// Tests the paste-back parser: every way a user may copy the nativeclient address is accepted for
// each cloud and for an emulator origin, and everything else is refused with the right code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLOUD_IDS, CLOUDS, NATIVECLIENT_PATH } from '../../../server/settings/clouds.js';
import { MAX_PASTE_CHARS, parsePastedUrl, type PastedUrl, type PasteRefusal } from '../../../server/oauth/paste-back-url.js';

const CODE = '0.AXoA1b2C3d4E5f-GhIjKlMnOpQrStUvWxYz_0123456789';
const STATE = 'st4te-Abc_123';
const CLIENT_INFO = 'eyJ1aWQiOiIxMjMiLCJ1dGlkIjoiNDU2In0';
const SESSION = '5ee9674d-0000-4000-8000-000000000000';

interface Origin {
  label: string;
  /** Allowed host[:port], as the caller passes it. */
  host: string;
  /** The origin the user's browser shows. */
  origin: string;
  /** An http/https swap of the same origin. */
  otherScheme: string;
}

const ORIGINS: Origin[] = [
  ...CLOUD_IDS.map((id) => ({
    label: id,
    host: CLOUDS[id].loginHost,
    origin: `https://${CLOUDS[id].loginHost}`,
    otherScheme: `http://${CLOUDS[id].loginHost}`,
  })),
  { label: 'emulator', host: '127.0.0.2:4011', origin: 'http://127.0.0.2:4011', otherScheme: 'https://127.0.0.2:4011' },
];

const codeResult: PastedUrl = { kind: 'code', code: CODE, state: STATE };
const refused = (code: PasteRefusal['code']): PasteRefusal => ({ kind: 'refused', code });

function acceptedCases(o: Origin): [label: string, input: string, expected: PastedUrl][] {
  const page = `${o.origin}${NATIVECLIENT_PATH}`;
  const full = `${page}?code=${CODE}&client_info=${CLIENT_INFO}&state=${STATE}&session_state=${SESSION}`;
  const description = 'AADSTS65004%3a+User+declined+to+consent+to+access+the+app.%0d%0aTrace+ID%3a+abc';
  return [
    ['the full address', full, codeResult],
    ['the other scheme (http/https)', full.replace(o.origin, o.otherScheme), codeResult],
    ['surrounding spaces and line breaks', ` \r\n\t${full}\n  `, codeResult],
    ['a line break inside (wrapped copy)', `${full.slice(0, 40)}\r\n${full.slice(40)}`, codeResult],
    ['straight double quotes', `"${full}"`, codeResult],
    ['straight single quotes', `'${full}'`, codeResult],
    ['backticks', `\`${full}\``, codeResult],
    ['curly double quotes', `“${full}”`, codeResult],
    ['curly single quotes', `‘${full}’`, codeResult],
    ['angle brackets', `<${full}>`, codeResult],
    ['quotes around angle brackets with spaces', ` " <${full}> " `, codeResult],
    ['extra admin_consent parameter', `${full}&admin_consent=True`, codeResult],
    ['a trailing #', `${full}#`, codeResult],
    ['parameters in the fragment', `${page}#code=${CODE}&state=${STATE}&session_state=${SESSION}`, codeResult],
    ['upper-case host', full.replace(o.origin, o.origin.toUpperCase()), codeResult],
    ['a trailing slash on the path', full.replace(NATIVECLIENT_PATH, `${NATIVECLIENT_PATH}/`), codeResult],
    ['HTML-escaped ampersands', full.replaceAll('&', '&amp;'), codeResult],
    ['the address without its scheme', full.replace(/^https?:\/\//, ''), codeResult],
    ['no state', `${page}?code=${CODE}&session_state=${SESSION}`, { kind: 'code', code: CODE }],
    ['only the query string with ?', `?code=${CODE}&state=${STATE}`, codeResult],
    ['only the query string without ?', `code=${CODE}&state=${STATE}&session_state=${SESSION}`, codeResult],
    ['only the query string, quoted with a trailing #', `"?code=${CODE}&state=${STATE}#"`, codeResult],
    ['an error redirect', `${page}?error=access_denied&error_subcode=cancel&state=${STATE}`,
      { kind: 'error', error: 'access_denied', errorSubcode: 'cancel', state: STATE }],
    ['an error with a form-encoded description and a trailing #',
      `${page}?error=access_denied&error_subcode=cancel&error_description=${description}&error_uri=https%3a%2f%2flogin.microsoftonline.com%2ferror%3fcode%3d65004&state=${STATE}#`,
      { kind: 'error', error: 'access_denied', errorSubcode: 'cancel', errorDescription: 'AADSTS65004: User declined to consent to access the app.\r\nTrace ID: abc', state: STATE }],
    ['an error that also carries a code', `${page}?code=${CODE}&error=invalid_request&state=${STATE}`,
      { kind: 'error', error: 'invalid_request', state: STATE }],
    ['only the query string of an error', 'error=login_required&admin_consent=True', { kind: 'error', error: 'login_required' }],
  ];
}

function refusedCases(o: Origin): [label: string, input: string, expected: PasteRefusal][] {
  const page = `${o.origin}${NATIVECLIENT_PATH}`;
  const query = `?code=${CODE}&state=${STATE}`;
  const otherCloud = o.host === CLOUDS.global.loginHost ? CLOUDS.china.loginHost : CLOUDS.global.loginHost;
  return [
    ['empty', '', refused('paste_empty')],
    ['only whitespace', ' \r\n\t ', refused('paste_empty')],
    ['only quotes', '“”', refused('paste_empty')],
    ['a word', 'hello', refused('paste_not_a_url')],
    ['a sentence', 'I could not find the address', refused('paste_not_a_url')],
    ['a scheme with nothing after it', 'https://', refused('paste_not_a_url')],
    ['a javascript: address', 'javascript:alert(1)', refused('paste_not_a_url')],
    ['more than 16 KB', `${page}?code=${'a'.repeat(MAX_PASTE_CHARS)}`, refused('paste_not_a_url')],
    ['another cloud’s host', `https://${otherCloud}${NATIVECLIENT_PATH}${query}`, refused('paste_wrong_page')],
    ['Microsoft’s personal-account host', `https://login.live.com${NATIVECLIENT_PATH}${query}`, refused('paste_wrong_page')],
    ['a look-alike host suffix', `https://${o.host.split(':')[0]}.evil.example${NATIVECLIENT_PATH}${query}`, refused('paste_wrong_page')],
    ['the host as user info in front of another host', `https://${o.host.split(':')[0]}@evil.example${NATIVECLIENT_PATH}${query}`, refused('paste_wrong_page')],
    ['user info in front of the right host', `${o.origin.replace('://', '://someone@')}${NATIVECLIENT_PATH}${query}`, refused('paste_wrong_page')],
    ['the wrongplace interstitial', `${o.origin}/common/wrongplace`, refused('paste_wrongplace')],
    ['the wrongplace page of another host', `https://evil.example.com/common/wrongplace`, refused('paste_wrong_page')],
    ['the path in other letter case', `${o.origin}/Common/OAuth2/NativeClient${query}`, refused('paste_wrong_page')],
    ['the authorize page', `${o.origin}/common/oauth2/v2.0/authorize?client_id=x&redirect_uri=y&code=z`, refused('paste_wrong_page')],
    ['a path that only starts with the right one', `${page}x${query}`, refused('paste_wrong_page')],
    ['the page without parameters', page, refused('paste_no_code')],
    ['the page with only state', `${page}?state=${STATE}&session_state=${SESSION}`, refused('paste_no_code')],
    ['an empty code', `${page}?code=&state=${STATE}`, refused('paste_no_code')],
    ['only state in the query string', `?state=${STATE}`, refused('paste_no_code')],
  ];
}

describe('parsePastedUrl', () => {
  for (const o of ORIGINS) {
    const expected = { hosts: [o.host], path: NATIVECLIENT_PATH };

    it(`accepts every way of copying the ${o.label} address`, () => {
      for (const [label, input, result] of acceptedCases(o)) {
        assert.deepEqual(parsePastedUrl(input, expected), result, `${o.label}: ${label}`);
      }
    });

    it(`refuses what is not the ${o.label} nativeclient answer`, () => {
      for (const [label, input, result] of refusedCases(o)) {
        assert.deepEqual(parsePastedUrl(input, expected), result, `${o.label}: ${label}`);
      }
    });
  }

  it('refuses the emulator host without its port, or with another port', () => {
    const expected = { hosts: ['127.0.0.2:4011'], path: NATIVECLIENT_PATH };
    for (const origin of ['http://127.0.0.2', 'http://127.0.0.2:4012']) {
      const result = parsePastedUrl(`${origin}${NATIVECLIENT_PATH}?code=${CODE}`, expected);
      assert.deepEqual(result, refused('paste_wrong_page'), origin);
    }
  });

  it('accepts any of several allowed hosts, and an explicit default port', () => {
    const expected = { hosts: [CLOUDS.global.loginHost, CLOUDS.usgov.loginHost, '127.0.0.2:4011'], path: NATIVECLIENT_PATH };
    const inputs = [
      `https://${CLOUDS.usgov.loginHost}${NATIVECLIENT_PATH}?code=${CODE}&state=${STATE}`,
      `https://${CLOUDS.global.loginHost}:443${NATIVECLIENT_PATH}?code=${CODE}&state=${STATE}`,
      `http://127.0.0.2:4011${NATIVECLIENT_PATH}?code=${CODE}&state=${STATE}`,
    ];
    for (const input of inputs) assert.deepEqual(parsePastedUrl(input, expected), codeResult, input);
  });

  it('parses up to exactly 16 KB and refuses one character more', () => {
    const expected = { hosts: [CLOUDS.global.loginHost], path: NATIVECLIENT_PATH };
    const head = `https://${CLOUDS.global.loginHost}${NATIVECLIENT_PATH}?state=${STATE}&code=`;
    const atLimit = head + 'c'.repeat(MAX_PASTE_CHARS - head.length);
    assert.equal(atLimit.length, MAX_PASTE_CHARS);
    assert.equal(parsePastedUrl(atLimit, expected).kind, 'code', 'at the limit');
    assert.deepEqual(parsePastedUrl(`${atLimit}c`, expected), refused('paste_not_a_url'), 'one over');
    assert.deepEqual(parsePastedUrl(' '.repeat(MAX_PASTE_CHARS + 1), expected), refused('paste_not_a_url'), 'long whitespace');
  });

  it('returns only the fields it found, so no undefined keys leak into responses', () => {
    const result = parsePastedUrl(`code=${CODE}`, { hosts: [], path: NATIVECLIENT_PATH });
    assert.deepEqual(Object.keys(result), ['kind', 'code']);
  });
});
