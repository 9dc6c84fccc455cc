// The official TypeScript MCP SDK's OAuth client against our server, as an assistant uses it.
// Usage: node ts_sdk_client.mjs API_BASE_URL MCP_TOKEN (next to a node_modules with the SDK).
// The listener's part (sign-in with a pasted MCP token, then Allow) is played with fetch in
// redirectToAuthorization; discovery, registration, PKCE and the code exchange are the SDK's.
// Prints "total_plays=N".
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const [APP, MCP_TOKEN] = process.argv.slice(2);
const REDIRECT = 'http://localhost:6274/oauth/callback';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// a browser's cookie jar for this one site (the session cookie, whatever its name)
const cookies = new Map();
async function browse(url, init = {}) {
  const cookie = [...cookies].map(([name, value]) => name + '=' + value).join('; ');
  const headers = { ...(init.headers || {}), ...(cookie ? { cookie } : {}) };
  const response = await fetch(new URL(url, APP), { ...init, headers, redirect: 'manual' });
  for (const set of response.headers.getSetCookie()) {
    const pair = set.split(';')[0];
    const split = pair.indexOf('=');
    cookies.set(pair.slice(0, split), pair.slice(split + 1));
  }
  return response;
}

function unescapeHtml(text) {
  return text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

const stored = {};
let code;
const provider = {
  get redirectUrl() { return REDIRECT; },
  get clientMetadata() {
    return {
      client_name: 'typescript-sdk-e2e', redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'], token_endpoint_auth_method: 'none', scope: 'history:read',
    };
  },
  clientInformation() { return stored.client; },
  saveClientInformation(client) { stored.client = client; },
  tokens() { return stored.tokens; },
  saveTokens(tokens) { stored.tokens = tokens; },
  saveCodeVerifier(verifier) { stored.verifier = verifier; },
  codeVerifier() { return stored.verifier; },
  async redirectToAuthorization(authorizationUrl) {
    const start = await browse(authorizationUrl.toString());
    if (start.status !== 302) throw new Error('authorize answered ' + start.status + ': ' + await start.text());
    const page = await (await browse('/oauth2/signin')).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)[1];
    const signedIn = await browse('/oauth2/signin/token',
      { method: 'POST', headers: FORM, body: new URLSearchParams({ token: MCP_TOKEN, _csrf: csrf }).toString() });
    const toConsent = await browse(signedIn.headers.get('location'));
    const consent = await (await browse(toConsent.headers.get('location'))).text();
    const allow = /<form method="post" action="\/oauth2\/authorize"[^>]*>(.*?)<\/form>/s.exec(consent)[1];
    const body = new URLSearchParams();
    for (const field of allow.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      body.append(field[1], unescapeHtml(field[2]));
    }
    const decided = await browse('/oauth2/authorize', { method: 'POST', headers: FORM, body: body.toString() });
    const location = new URL(decided.headers.get('location'));
    if (!location.href.startsWith(REDIRECT)) throw new Error('redirected to ' + location.href);
    code = location.searchParams.get('code');
  },
};

const mcpUrl = new URL('/mcp', APP);
const client = new Client({ name: 'typescript-sdk-e2e', version: '1.0.0' });
try {
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }));
} catch (error) {
  if (!(error instanceof UnauthorizedError)) throw error;
  const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
  await transport.finishAuth(code);
  await client.connect(transport);
}
const result = await client.callTool({ name: 'history_top_tracks', arguments: { start: '2024-03-01', end: '2024-03-31' } });
const structured = result.structuredContent ?? JSON.parse(result.content[0].text);
console.log('total_plays=' + structured.total_plays);
await client.close();
