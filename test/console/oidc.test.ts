// Console sign-in through the configured OIDC issuer: authorization code + PKCE against a local
// issuer (authorize endpoint that redirects back with a code, token endpoint that checks the
// verifier and issues JWTs signed by a key whose JWKS it serves). The service then verifies the
// access token like any other OIDC bearer.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { setupWorkspace } from '../helpers/api.ts';
import { openConsole, screenshot, startConsoleEnv, type ConsoleEnv } from './helpers.ts';

const CLIENT_ID = 'switchboard-console';
let env: ConsoleEnv;
let issuer: string;
let server: Server;
let workspaceId: string;
const codes = new Map<string, { challenge: string; redirectUri: string; nonce: string; used: boolean }>();
const seen = { authorize: 0, tokenOk: 0, tokenRefused: [] as string[] };

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });

before(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'console-key', alg: 'RS256', use: 'sig' };
  const sign = (claims: Record<string, unknown>, aud: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'console-key' })
      .setIssuer(issuer)
      .setAudience(aud)
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, v: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(v));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      seen.authorize++;
      const p = url.searchParams;
      // A real issuer would show its login page here; this one approves alice at once.
      if (p.get('client_id') !== CLIENT_ID || p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: p.get('code_challenge')!, redirectUri: p.get('redirect_uri')!, nonce: p.get('nonce') ?? '', used: false });
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const cors = { 'access-control-allow-origin': env.base, vary: 'origin' };
      const form = new URLSearchParams(await body(req));
      const entry = codes.get(form.get('code') ?? '');
      const challenge = createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      const refuse = (why: string) => {
        seen.tokenRefused.push(why);
        return json(400, { error: 'invalid_grant', error_description: why }, cors);
      };
      if (!entry || entry.used) return refuse('unknown or used code');
      if (form.get('grant_type') !== 'authorization_code' || form.get('client_id') !== CLIENT_ID) return refuse('bad client or grant');
      if (form.get('redirect_uri') !== entry.redirectUri) return refuse('redirect_uri differs');
      if (challenge !== entry.challenge) return refuse('PKCE verifier does not match');
      entry.used = true;
      seen.tokenOk++;
      const access = await sign({ switchboard_workspace: workspaceId, switchboard_role: 'owner', email: 'alice@example.test' }, 'switchboard');
      const id = await sign({ nonce: entry.nonce, email: 'alice@example.test' }, CLIENT_ID);
      return json(200, { access_token: access, id_token: id, token_type: 'Bearer', expires_in: 600 }, cors);
    }
    json(404, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  env = await startConsoleEnv({
    work: false,
    env: { SWITCHBOARD_OIDC_ISSUER: issuer, SWITCHBOARD_OIDC_AUDIENCE: 'switchboard', SWITCHBOARD_OIDC_CONSOLE_CLIENT_ID: CLIENT_ID },
  });
  workspaceId = (await setupWorkspace(env.vendor, 'Single Sign-On')).workspaceId;
});
after(async () => {
  await env?.close();
  server?.close();
});

describe('OIDC sign-in', () => {
  test('the console config names the issuer, client and endpoints; the CSP allows the token endpoint', async () => {
    const r = await env.t.rt.app!.inject({ method: 'GET', url: '/console/api/config' });
    assert.deepEqual(JSON.parse(r.body), {
      oidc: { issuer, clientId: CLIENT_ID, scopes: 'openid email', authorizationEndpoint: `${issuer}/authorize`, tokenEndpoint: `${issuer}/token` },
    });
    const page = await env.t.rt.app!.inject({ method: 'GET', url: '/console/' });
    assert.match(String(page.headers['content-security-policy']), new RegExp(`connect-src 'self' ${issuer.replace(/\./g, '\\.')}(;|$)`));
  });

  test('authorization code + PKCE: sign in, act as the OIDC user, audited as such', async () => {
    const cp = await openConsole(env);
    const { page } = cp;
    await page.goto('/console/tenants');
    const button = page.getByRole('button', { name: `Sign in with ${new URL(issuer).host}` });
    await button.waitFor();
    await screenshot(page, 'sign-in-oidc');
    await button.click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('heading', { name: 'Tenants', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/console/tenants', 'back where the sign-in started');
    assert.equal(new URL(page.url()).search, '', 'the code is not kept in the address bar');
    assert.equal(seen.tokenOk, 1);
    await page.locator('.workspace-name', { hasText: 'Single Sign-On' }).waitFor();
    await page.getByText('owner (member)').waitFor();

    await page.getByLabel('Tenant name').fill('Made via SSO');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByRole('link', { name: 'Made via SSO' }).waitFor();
    const audit = await env.vendor.get(`/api/v1/workspaces/${workspaceId}/audit-events?action=tenant.created&actor=oidc:alice`);
    assert.equal(audit.body.items.length, 1, 'the OIDC subject is the audited actor');
    const stored = (await page.evaluate('({ ...sessionStorage })')) as Record<string, string>;
    assert.equal(JSON.parse(stored['switchboard.console.session']).via, 'oidc');
    assert.equal(stored['switchboard.console.pkce'], undefined, 'the verifier is gone once used');
    assert.equal(await page.evaluate('localStorage.length'), 0);
    await cp.done();
  });

  test('an answer that does not match a sign-in started in this tab is refused', async () => {
    const cp = await openConsole(env);
    const { page } = cp;
    await page.goto('/console/oidc/callback?code=forged&state=not-ours');
    await page.getByText('This sign-in answer does not match a sign-in started here; start again.').waitFor();
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    // The refused answer has moved the tab to the sign-in page; only then load the next answer,
    // so the two never overlap (on a loaded machine the move can lag the message).
    await page.waitForURL('**/console/sign-in');
    await page.goto('/console/oidc/callback?error=access_denied&error_description=User+cancelled', { waitUntil: 'networkidle' });
    // On a timeout, say what the page shows instead: the cause of a rare failure under load.
    await page
      .getByText('The identity provider refused the sign-in: User cancelled')
      .waitFor({ timeout: 60_000 })
      .catch(async (err: Error) => {
        const shown = await page
          .locator('body')
          .textContent()
          .then((text) => `${page.url()} | ${text}`)
          .catch((e: Error) => `unreadable: ${e.message}`);
        throw new Error(`${err.message}\npage shows: ${shown}`);
      });
    assert.equal(seen.tokenRefused.length, 0, 'nothing reached the token endpoint');
    await cp.done();
  });
});
