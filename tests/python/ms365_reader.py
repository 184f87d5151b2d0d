"""The MS365 integrations' side of a token file, played by MSAL for Python itself.

The integrations (RogerSelwyn/MS365-*) read and refresh their token files through python-o365, which
keeps the file as an MSAL `SerializableTokenCache` and asks a `ConfidentialClientApplication` for
tokens (ms365-integrations.md §3, §4). This script does the same against the Microsoft emulator, so
tests prove that files the add-on writes are read by the real reader, and make files the real
writer produces.

MSAL gets the REAL authority (https://login.microsoftonline.com/<tenant>, ...) so that every value
it writes into the cache (environment, realm, keys) is what it writes in production; a requests
session rewrites the login hosts to the emulator on the wire, as the add-on's rewriting network
client does for msal-node.

Prints one JSON object on stdout. Never prints a token, a code or a secret.

Run with Debian's interpreter: /usr/bin/python3 tests/python/ms365_reader.py <command> [options]
"""

import argparse
import json
import sys
from urllib.parse import parse_qs, urlsplit, urlunsplit

import msal
import requests

LOGIN_HOSTS = {
    "login.microsoftonline.com",
    "login.windows.net",
    "login.microsoft.com",
    "sts.windows.net",
    "login.partner.microsoftonline.cn",
    "login.chinacloudapi.cn",
    "login.microsoftonline.us",
    "login.usgovcloudapi.net",
}
# python-o365's RESERVED_SCOPES (O365/utils/token.py): MSAL adds them itself and refuses them as input.
RESERVED_SCOPES = {"profile", "openid", "offline_access"}


class RewritingSession(requests.Session):
    """Sends every Microsoft login host to the emulator; counts token requests."""

    def __init__(self, emulator):
        super().__init__()
        self.emulator = urlsplit(emulator)
        self.token_requests = 0

    def request(self, method, url, *args, **kwargs):
        parts = urlsplit(url)
        if parts.hostname in LOGIN_HOSTS:
            headers = dict(kwargs.pop("headers", None) or {})
            # Tells the emulator which cloud MSAL meant, as the add-on's network client does.
            headers["x-forwarded-host"] = parts.netloc
            kwargs["headers"] = headers
            if parts.path.endswith("/oauth2/v2.0/token"):
                self.token_requests += 1
            url = urlunsplit((self.emulator.scheme, self.emulator.netloc, parts.path, parts.query, parts.fragment))
        return super().request(method, url, *args, **kwargs)


def build_app(args, cache):
    session = RewritingSession(args.emulator)
    app = msal.ConfidentialClientApplication(
        args.client_id,
        client_credential=args.client_secret,
        authority="https://{}/{}".format(args.login_host, args.tenant),
        token_cache=cache,
        http_client=session,
    )
    return app, session


def load_cache(path):
    cache = msal.SerializableTokenCache()
    with open(path, "r", encoding="utf-8") as handle:
        text = handle.read()
    parsed = json.loads(text) if text else {}
    # FileSystemTokenBackend.load_token: a pre-MSAL file is refused as "not valid anymore".
    if "access_token" in parsed:
        raise ValueError("outdated")
    cache.deserialize(text)
    return cache


def save_cache(path, cache):
    # python-o365's save_token: open "w", write serialize() (json.dumps(cache, indent=4)).
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(cache.serialize())


def graph_scopes(args):
    return [scope for scope in args.scopes.split() if scope and scope not in RESERVED_SCOPES]


def describe_result(result, session, before):
    if result is None:
        return {"ok": False, "error": "no_result", "token_requests": session.token_requests - before}
    if "access_token" in result:
        return {"ok": True, "token_requests": session.token_requests - before, "scope": sorted(result.get("scope", []) if isinstance(result.get("scope"), list) else str(result.get("scope", "")).split())}
    return {"ok": False, "error": result.get("error"), "error_codes": result.get("error_codes", []), "token_requests": session.token_requests - before}


def command_read(args):
    """Loads the file, finds the account, gets a token silently, then one forced through the emulator."""
    try:
        cache = load_cache(args.cache_file)
    except ValueError as err:
        return {"loaded": False, "error": "outdated" if str(err) == "outdated" else "corrupted"}
    app, session = build_app(args, cache)
    accounts = app.get_accounts()
    out = {"loaded": True, "accounts": [account.get("username") for account in accounts]}
    if not accounts:
        return out
    account = accounts[0]
    scopes = graph_scopes(args)
    before = session.token_requests
    out["silent"] = describe_result(app.acquire_token_silent_with_error(scopes, account=account), session, before)
    if args.force_refresh:
        before = session.token_requests
        out["refresh"] = describe_result(
            app.acquire_token_silent_with_error(scopes, account=account, force_refresh=True), session, before
        )
        out["accounts_after"] = [entry.get("username") for entry in app.get_accounts()]
    if args.write_back and cache.has_state_changed:
        save_cache(args.cache_file, cache)
        out["written"] = True
    return out


def command_start_login(args):
    """initiate_auth_code_flow as the integrations' config flow does (§3.2); the flow goes to a file."""
    app, _ = build_app(args, msal.SerializableTokenCache())
    flow = app.initiate_auth_code_flow(graph_scopes(args), redirect_uri=args.redirect_uri)
    with open(args.flow_file, "w", encoding="utf-8") as handle:
        json.dump(flow, handle)
    return {"auth_uri": flow["auth_uri"]}


def command_finish_login(args):
    """acquire_token_by_auth_code_flow with the address the browser landed on, then the file is saved."""
    cache = msal.SerializableTokenCache()
    app, _ = build_app(args, cache)
    with open(args.flow_file, "r", encoding="utf-8") as handle:
        flow = json.load(handle)
    query = {key: values[0] for key, values in parse_qs(urlsplit(args.response_url).query).items()}
    result = app.acquire_token_by_auth_code_flow(flow, query)
    if "access_token" not in result:
        return {"ok": False, "error": result.get("error"), "error_codes": result.get("error_codes", [])}
    save_cache(args.cache_file, cache)
    return {"ok": True, "username": result.get("id_token_claims", {}).get("preferred_username")}


def token_scopes(cache_dict):
    """python-o365 get_token_scopes: the first refresh token's target, else the first access token's."""
    for section in ("RefreshToken", "AccessToken"):
        entries = list((cache_dict.get(section) or {}).values())
        if entries and entries[0].get("target"):
            return entries[0]["target"].split(" ")
    return None


class IntegrationPermissions:
    """MS365 classes/permissions.py BasePermissions.validate_authorization, as documented (§2.3)."""

    def __init__(self, granted):
        self.permissions = granted

    def validate_authorization(self, permission):
        if permission in self.permissions:
            return True
        if self._check_higher_permissions(permission):
            return True
        parts = permission.split(".")
        resource = parts[0]
        constraint = parts[2] if len(parts) == 3 else None
        if not constraint and resource in ["Calendars", "Contacts", "Mail"]:
            return self._check_higher_permissions(permission + ".Shared")
        if not constraint and resource in ["Presence"]:
            return self._check_higher_permissions(permission + ".All")
        return False

    def _check_higher_permissions(self, permission):
        operation = permission.split(".")[1]
        newops = [operation]
        if operation == "ReadBasic":
            newops += ["Read", "ReadWrite"]
        elif operation == "Read":
            newops += ["ReadWrite"]
        for newop in newops:
            if permission.replace(operation, newop) in self.permissions:
                return True
        return False


def command_check_permissions(args):
    """The integration's setup check: scopes from the file, prefix stripped, every requested one validated."""
    with open(args.cache_file, "r", encoding="utf-8") as handle:
        try:
            cache_dict = json.loads(handle.read())
        except ValueError:
            return {"result": "corrupted"}
    scopes = token_scopes(cache_dict)
    if scopes is None:
        return {"result": "corrupted", "reason": "No permissions"}
    granted = [scope[len(args.graph_prefix):] if scope.startswith(args.graph_prefix) else scope for scope in scopes]
    checker = IntegrationPermissions(granted)
    failed = [p for p in args.required.split() if p != "offline_access" and not checker.validate_authorization(p)]
    return {"result": "permissions" if failed else "ok", "failed": failed, "granted": granted}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["read", "start-login", "finish-login", "check-permissions"])
    parser.add_argument("--cache-file")
    parser.add_argument("--flow-file")
    parser.add_argument("--client-id")
    parser.add_argument("--client-secret")
    parser.add_argument("--login-host", default="login.microsoftonline.com")
    parser.add_argument("--tenant", default="common")
    parser.add_argument("--emulator")
    parser.add_argument("--scopes", default="")
    parser.add_argument("--redirect-uri")
    parser.add_argument("--response-url")
    parser.add_argument("--graph-prefix", default="https://graph.microsoft.com/")
    parser.add_argument("--required", default="")
    parser.add_argument("--force-refresh", action="store_true")
    parser.add_argument("--write-back", action="store_true")
    args = parser.parse_args()
    commands = {
        "read": command_read,
        "start-login": command_start_login,
        "finish-login": command_finish_login,
        "check-permissions": command_check_permissions,
    }
    json.dump(commands[args.command](args), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
