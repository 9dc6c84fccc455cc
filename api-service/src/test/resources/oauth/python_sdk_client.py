"""The official Python MCP SDK's OAuth client against our server, as an assistant would use it.

Usage: python_sdk_client.py API_BASE_URL MCP_TOKEN
The listener's part (sign-in with a pasted MCP token, then Allow on the consent page) is played
by a cookie-keeping HTTP client in redirect_handler; everything else - 401 discovery, metadata,
dynamic registration, PKCE, the code exchange - is the SDK's own. Prints "total_plays=N".
"""
import asyncio
import html
import json
import re
import sys
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import httpx2
from mcp import Client
from mcp.client.auth import OAuthClientProvider, TokenStorage
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

APP, MCP_TOKEN = sys.argv[1], sys.argv[2]
REDIRECT = "http://localhost:6274/oauth/callback"


class MemoryStorage(TokenStorage):
    def __init__(self):
        self.tokens = None
        self.client = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client = client_info


answer = {}


async def redirect_handler(authorization_url: str) -> None:
    with httpx2.Client(follow_redirects=False, timeout=30) as browser:
        response = browser.get(authorization_url)
        assert response.status_code == 302, response.text
        page = browser.get(urljoin(APP, "/oauth2/signin"))
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
        signed_in = browser.post(urljoin(APP, "/oauth2/signin/token"), data={"token": MCP_TOKEN, "_csrf": csrf})
        assert signed_in.status_code == 302, signed_in.text
        to_consent = browser.get(urljoin(APP, signed_in.headers["location"]))
        consent = browser.get(urljoin(APP, to_consent.headers["location"]))
        allow = re.search(r'<form method="post" action="/oauth2/authorize"[^>]*>(.*?)</form>', consent.text, re.S)
        fields = [(name, html.unescape(value)) for name, value in
                  re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', allow.group(1))]
        # repeated scope fields, so the form is encoded by hand
        decided = browser.post(urljoin(APP, "/oauth2/authorize"), content=urlencode(fields),
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
        location = decided.headers["location"]
        assert location.startswith(REDIRECT), location
        query = parse_qs(urlparse(location).query)
        answer["code"] = query["code"][0]
        answer["state"] = query.get("state", [None])[0]
        answer["iss"] = query.get("iss", [None])[0]


async def callback_handler() -> AuthorizationCodeResult:
    return AuthorizationCodeResult(code=answer["code"], state=answer["state"], iss=answer["iss"])


async def main() -> None:
    provider = OAuthClientProvider(
        server_url=APP + "/mcp",
        client_metadata=OAuthClientMetadata(
            client_name="python-sdk-e2e",
            redirect_uris=[REDIRECT],
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
            token_endpoint_auth_method="none",
            scope="history:read",
        ),
        storage=MemoryStorage(),
        redirect_handler=redirect_handler,
        callback_handler=callback_handler,
    )
    async with httpx2.AsyncClient(auth=provider, timeout=30) as http:
        async with Client(streamable_http_client(APP + "/mcp", http_client=http)) as client:
            result = await client.call_tool("history_top_tracks", {"start": "2024-03-01", "end": "2024-03-31"})
            structured = result.structured_content
            if structured is None:
                structured = json.loads(result.content[0].text)
            print("total_plays=" + str(structured["total_plays"]))


asyncio.run(main())
