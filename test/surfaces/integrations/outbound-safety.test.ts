// Outbound safety through the surface, since base URLs come from users: no redirect is followed
// with a credential attached, a credential only goes to the host it was stored for, and
// private/loopback addresses are refused unless the operator allows them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { requestText } from '../../providers/integrations/fixtures.ts';
import { type IntegrationsWorld, registerProjects, startWorld } from './helpers.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const JIRA_TOKEN = 'jira-token-0123456789-safety';

describe('private networks not allowed (the default)', () => {
  let w: IntegrationsWorld;
  before(async () => {
    w = await startWorld({ allowPrivateNetworks: false });
  });
  after(() => w.close());

  test('a user-supplied loopback URL is refused before any request is sent', async () => {
    w.sim.setValid('jira', { username: 'ops@example.com', api_token: JIRA_TOKEN });
    const res = await w.owner.post('/sfp/api/integrations?verify=true', {
      provider: 'jira',
      authType: 'basic_auth',
      credentials: { base_url: w.sim.baseUrls.jira, username: 'ops@example.com', api_token: JIRA_TOKEN },
      isGlobal: true,
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.verification.status, 'failed');
    assert.equal(res.body.verification.reasonCode, 'ext.jira.private_address_refused');
    assert.equal(w.sim.requests.length, 0, 'nothing reached the loopback server');
  });

  test('platform health is refused the same way', async () => {
    w.sim.setValid('github', { token: 'ghp_private_0123456789' });
    await registerProjects(w.owner, [{ identifier: 'acme/widgets', platform: 'github' }]);
    await w.owner.post('/sfp/api/integrations', {
      provider: 'github',
      authType: 'pat',
      credentials: { token: 'ghp_private_0123456789' },
      isGlobal: true,
      isDefault: true,
    });
    const res = await w.owner.get('/sfp/api/integrations/platforms/health');
    assert.equal(res.body.platforms[0].status, 'unhealthy');
    assert.equal(res.body.platforms[0].reasonCode, 'ext.github.private_address_refused');
    assert.equal(w.sim.requests.length, 0);
  });
});

describe('private networks allowed (tests)', () => {
  let w: IntegrationsWorld;
  before(async () => {
    w = await startWorld();
  });
  after(() => w.close());

  test('a redirect from a user-supplied host is not followed; the credential never reaches the redirect target', async () => {
    w.sim.reset();
    w.sim.setValid('jira', { username: 'ops@example.com', api_token: JIRA_TOKEN });
    w.sim.setFailure('jira', 'redirect');
    const res = await w.owner.post('/sfp/api/integrations?verify=true', {
      provider: 'jira',
      authType: 'basic_auth',
      credentials: { base_url: w.sim.baseUrls.jira, username: 'ops@example.com', api_token: JIRA_TOKEN },
      isGlobal: true,
    });
    assert.equal(res.body.verification.reasonCode, 'ext.jira.redirect_refused');
    assert.equal(w.sim.requestsTo('jira').length, 1);
    assert.equal(w.sim.requestsTo('trap').length, 0);
  });

  test('the credential is bound to the origins it was stored for', async () => {
    w.sim.reset();
    w.sim.setValid('jira', { username: 'ops@example.com', api_token: JIRA_TOKEN });
    const created = await w.owner.post('/sfp/api/integrations', {
      provider: 'jira',
      authType: 'basic_auth',
      credentials: { base_url: `${w.sim.baseUrls.jira}/`, username: 'ops@example.com', api_token: JIRA_TOKEN },
      isGlobal: true,
    });
    assert.deepEqual(created.body.credentialOrigins, [new URL(w.sim.baseUrls.jira).origin]);
    // As if the binding had been made for another host (for example before an operator changed a base URL).
    await w.t.rt.db.query(`UPDATE integrations SET credential_origins = '{https://jira.elsewhere.example}' WHERE id = $1`, [created.body.id]);
    const started = await w.owner.post(`/sfp/api/integrations/${created.body.id}/verify`, {});
    const run = await waitFor(async () => {
      const r = await w.owner.get(`/api/v1/operation-runs/${started.body.run.id}`);
      return r.body.status === 'completed' ? r.body : null;
    });
    assert.equal(run.reason_code, 'ext.jira.host_mismatch');
    assert.equal(w.sim.requests.length, 0, 'the credential went nowhere');
  });

  test('a service principal secret goes only to the Entra authority, the Entra token only to the organization', async () => {
    w.sim.reset();
    const sp = { client_id: 'ado-client', client_secret: 'ado-sp-secret-0123456789', tenant_id: 'contoso.onmicrosoft.com' };
    w.sim.setValid('azure-devops', sp);
    const res = await w.owner.post('/sfp/api/integrations?verify=true', {
      provider: 'azure-devops',
      authType: 'service_principal',
      credentials: { organization_url: `${w.sim.baseUrls['azure-devops']}/acme`, entra_authority_url: w.sim.baseUrls.entra, ...sp },
      isGlobal: true,
    });
    assert.equal(res.body.verification.status, 'verified', res.body.verification.message);
    assert.deepEqual(res.body.credentialOrigins, [new URL(w.sim.baseUrls['azure-devops']).origin, new URL(w.sim.baseUrls.entra).origin].sort());
    for (const r of w.sim.requests) {
      if (requestText(r).includes(sp.client_secret)) assert.equal(r.target, 'entra');
    }
  });
});
