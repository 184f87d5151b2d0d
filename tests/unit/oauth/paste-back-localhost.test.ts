// Tests the paste-back parser for the localhost redirect: the address the browser could not open is
// accepted in every form a user copies it, only on the registered port, and nothing else passes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NATIVECLIENT_PATH } from '../../../server/settings/clouds.js';
import { parsePastedUrl, pastedState, type ExpectedPage, type PastedUrl, type PasteRefusal } from '../../../server/oauth/paste-back-url.js';
import { checkLocalhostRedirectUri } from '../../../server/registrations/validate.js';
import { AppError } from '../../../server/errors/app-error.js';

const CODE = '0.AXoA1b2C3d4E5f-GhIjKlMnOpQrStUvWxYz_0123456789';
const STATE = 'st4te-Abc_123';
const CLIENT_INFO = 'eyJ1aWQiOiIxMjMiLCJ1dGlkIjoiNDU2In0';
const SESSION = '5ee9674d-0000-4000-8000-000000000000';
const ANSWER = `?code=${CODE}&client_info=${CLIENT_INFO}&state=${STATE}&session_state=${SESSION}`;

const plain: ExpectedPage = { hosts: ['localhost'], path: '', ports: 'exact' };
const port8400: ExpectedPage = { hosts: ['localhost:8400'], path: '', ports: 'exact' };
const codeResult: PastedUrl = { kind: 'code', code: CODE, state: STATE };
const refused = (code: PasteRefusal['code']): PasteRefusal => ({ kind: 'refused', code });

describe('parsePastedUrl for http://localhost', () => {
  it('accepts every way of copying the address of the page that could not load', () => {
    const full = `http://localhost/${ANSWER}`;
    const cases: Array<[string, string]> = [
      ['the full address, as Chromium copies it', full],
      ['without the trailing slash', `http://localhost${ANSWER}`],
      ['without http:// (Firefox, or the address as Chrome shows it)', `localhost/${ANSWER}`],
      ['without http:// and without the slash', `localhost${ANSWER}`],
      ['upper-case host', full.replace('localhost', 'LOCALHOST')],
      ['the explicit default port', `http://localhost:80/${ANSWER}`],
      ['quoted, with spaces and a line break', ` “${full.slice(0, 30)}\n${full.slice(30)}” `],
      ['a trailing #', `${full}#`],
      ['only the query string', ANSWER],
    ];
    for (const [label, input] of cases) assert.deepEqual(parsePastedUrl(input, plain), codeResult, label);
  });

  it('accepts the registered port only', () => {
    assert.deepEqual(parsePastedUrl(`http://localhost:8400/${ANSWER}`, port8400), codeResult, 'the registered port');
    assert.deepEqual(parsePastedUrl(`localhost:8400/${ANSWER}`, port8400), codeResult, 'the registered port without http://');
    for (const input of [`http://localhost/${ANSWER}`, `http://localhost:8401/${ANSWER}`, `http://localhost:443/${ANSWER}`]) {
      assert.deepEqual(parsePastedUrl(input, port8400), refused('paste_wrong_page'), input);
    }
    for (const input of [`http://localhost:8400/${ANSWER}`, `http://localhost:443/${ANSWER}`, `http://localhost:8080/${ANSWER}`]) {
      assert.deepEqual(parsePastedUrl(input, plain), refused('paste_wrong_page'), `no port registered: ${input}`);
    }
  });

  it('refuses what is not the localhost answer', () => {
    const cases: Array<[string, string, PasteRefusal['code']]> = [
      ['127.0.0.1 instead of localhost', `http://127.0.0.1/${ANSWER}`, 'paste_wrong_page'],
      ['[::1] instead of localhost', `http://[::1]/${ANSWER}`, 'paste_wrong_page'],
      ['a look-alike host', `http://localhost.evil.example/${ANSWER}`, 'paste_wrong_page'],
      ['localhost as user info in front of another host', `http://localhost@evil.example/${ANSWER}`, 'paste_wrong_page'],
      ['user info in front of localhost', `http://someone@localhost/${ANSWER}`, 'paste_wrong_page'],
      ['a path', `http://localhost/callback${ANSWER}`, 'paste_wrong_page'],
      ['the nativeclient page', `https://login.microsoftonline.com${NATIVECLIENT_PATH}${ANSWER}`, 'paste_wrong_page'],
      ['the page without parameters', 'http://localhost/', 'paste_no_code'],
      ['only a state', `http://localhost/?state=${STATE}`, 'paste_no_code'],
      ['a word', 'localhost', 'paste_not_a_url'],
    ];
    for (const [label, input, code] of cases) assert.deepEqual(parsePastedUrl(input, plain), refused(code), label);
  });

  it('accepts either of several pages, and any localhost port when asked to', () => {
    const pages: ExpectedPage[] = [{ hosts: ['login.microsoftonline.com'], path: NATIVECLIENT_PATH }, { hosts: ['localhost'], path: '', ports: 'any' }];
    for (const input of [`http://localhost:9999/${ANSWER}`, `http://localhost/${ANSWER}`, `https://login.microsoftonline.com${NATIVECLIENT_PATH}${ANSWER}`]) {
      assert.deepEqual(parsePastedUrl(input, pages), codeResult, input);
    }
    assert.deepEqual(parsePastedUrl(`http://localhost.evil.example:9999/${ANSWER}`, pages), refused('paste_wrong_page'));
  });
});

describe('pastedState', () => {
  it('reads the state from any address, a bare query string or a fragment, and nothing else', () => {
    assert.equal(pastedState(`http://localhost/${ANSWER}`), STATE);
    assert.equal(pastedState(`localhost/${ANSWER}`), STATE);
    assert.equal(pastedState(`https://evil.example/x${ANSWER}`), STATE, 'from any page, so the refusal can name the expected one');
    assert.equal(pastedState(`state=${STATE}&code=x`), STATE);
    assert.equal(pastedState(`https://login.microsoftonline.com${NATIVECLIENT_PATH}#code=x&state=${STATE}`), STATE);
    assert.equal(pastedState('http://localhost/?code=x'), undefined);
    assert.equal(pastedState('hello there'), undefined);
    assert.equal(pastedState(''), undefined);
  });
});

describe('checkLocalhostRedirectUri', () => {
  it('keeps http://localhost with or without a port and a bare slash, as typed', () => {
    assert.equal(checkLocalhostRedirectUri('http://localhost:8400'), 'http://localhost:8400');
    assert.equal(checkLocalhostRedirectUri(' HTTP://LOCALHOST:8400/ '), 'http://localhost:8400/');
    assert.equal(checkLocalhostRedirectUri('http://localhost'), 'http://localhost');
    assert.equal(checkLocalhostRedirectUri(''), null);
  });

  it('refuses anything else with a message naming the field', () => {
    for (const input of ['https://localhost', 'http://127.0.0.1:8400', 'http://localhost:8400/callback', 'http://localhost/?x=1',
      'http://localhost:0', 'http://localhost:65536', 'http://localhost:08400', 'http://user@localhost', 'http://localhost#x', 'localhost:8400']) {
      assert.throws(() => checkLocalhostRedirectUri(input), (error: unknown) => error instanceof AppError && error.field === 'localhost_redirect_uri', input);
    }
  });
});
