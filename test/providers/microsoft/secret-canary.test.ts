import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSelfSignedCertificate } from '../../../src/simulators/entra-graph/index.ts';
import type { SimFailure } from '../../../src/simulators/entra-graph/index.ts';
import { healthCheck } from '../../../src/providers/microsoft/operations/health-check.ts';
import { verifyConnection } from '../../../src/providers/microsoft/operations/verification.ts';
import { inventory } from '../../../src/providers/microsoft/operations/inventory.ts';
import { complianceSnapshot } from '../../../src/providers/microsoft/operations/compliance-snapshot.ts';
import { APP, SECRET, withSimulator } from './helpers.ts';

// Whatever goes wrong, nothing Switchboard reports may carry the credential: not the message,
// not the next steps, not the details, not the error's own properties.
describe('secret canary', () => {
  let env: Awaited<ReturnType<typeof withSimulator>>;
  const cert = createSelfSignedCertificate();
  const keyBody = cert.privateKeyPem.split('\n')[5];
  before(async () => (env = await withSimulator()));
  after(() => env.sim.close());

  function assertClean(value: unknown, where: string) {
    const text = JSON.stringify(value, (_k, v) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v));
    assert.ok(!text.includes(SECRET), `client secret leaked in ${where}: ${text}`);
    assert.ok(!text.includes(keyBody), `private key leaked in ${where}`);
  }

  const failures: Array<[string, SimFailure, 'token' | 'graph']> = [
    ...[7000215, 7000222, 700016, 65001, 90094, 90002, 700027].map(
      (code) => [`AADSTS${code}`, { kind: 'aadsts', code } as SimFailure, 'token'] as [string, SimFailure, 'token'],
    ),
    // Even if Entra echoed the secret in its description, it must not come through.
    ['echoing description', { kind: 'aadsts', code: 7000215, description: `Invalid client secret '${SECRET}' provided.` }, 'token'],
    ['token 429', { kind: 'status', status: 429, retryAfterSeconds: 1 }, 'token'],
    ['token 500', { kind: 'status', status: 500 }, 'token'],
    ['graph 403 echoing', { kind: 'status', status: 403, message: `denied for ${SECRET}` }, 'graph'],
    ['graph 503', { kind: 'status', status: 503 }, 'graph'],
    ['graph hang', { kind: 'hang' }, 'graph'],
  ];

  for (const [label, failure, endpoint] of failures) {
    it(`${label}: no operation result or error contains the secret`, async () => {
      const remove = env.sim.setFailure({ endpoint, failure });
      try {
        const ctx = env.context({
          graph: { timeoutMs: 100, retry: { maxRetryWaitMs: 1, baseBackoffMs: 1 } },
          tokenClient: env.tokenClient({ timeoutMs: 100 }),
        });
        assertClean(await healthCheck(ctx), 'health');
        assertClean(await verifyConnection(ctx), 'verification');
        const inv = await inventory(ctx, { sink: async () => {} }).catch((e: unknown) => e);
        assertClean(inv, 'inventory');
        assertClean(await complianceSnapshot(ctx).catch((e: unknown) => e), 'compliance');
        if (inv instanceof Error) assert.ok(!String(inv.stack).includes(SECRET));
      } finally {
        remove();
      }
    });
  }

  it('a plain-looking secret echoed by Microsoft is still removed (literal redaction)', async () => {
    const plain = 'correct horse battery staple';
    env.sim.registerApp({ clientId: APP, clientSecret: plain });
    const ctx = env.context({ credential: { kind: 'client_secret', clientId: APP, clientSecret: plain } });
    const removeToken = env.sim.setFailure({
      endpoint: 'token',
      failure: { kind: 'aadsts', code: 7000215, description: `secret '${plain}' is wrong` },
      times: 1,
    });
    const fromEntra = await healthCheck(ctx);
    removeToken();
    assert.ok(!JSON.stringify(fromEntra).includes(plain), JSON.stringify(fromEntra));
    const removeGraph = env.sim.setFailure({ endpoint: 'organization', failure: { kind: 'status', status: 403, message: `no access for ${plain}` } });
    try {
      const fromGraph = await healthCheck(ctx);
      assert.equal(fromGraph.reasonCode, 'permission_denied');
      assert.ok(!JSON.stringify(fromGraph).includes(plain), JSON.stringify(fromGraph));
    } finally {
      removeGraph();
    }
  });

  it('certificate credential failures do not leak the private key', async () => {
    const ctx = env.context({ credential: { kind: 'certificate', clientId: APP, privateKeyPem: cert.privateKeyPem, certificatePem: cert.certificatePem } });
    assertClean(await healthCheck(ctx), 'health'); // certificate not registered → 700027
    const broken = env.context({
      credential: { kind: 'certificate', clientId: APP, privateKeyPem: cert.privateKeyPem.slice(0, 200), certificatePem: cert.certificatePem },
    });
    const result = await healthCheck(broken);
    assert.equal(result.reasonCode, 'authentication_failed');
    assertClean(result, 'health (unreadable key)');
  });

  it('an unknown tenant is reported without the secret', async () => {
    const other = env.context({ entraTenantId: '00000000-0000-4000-8000-000000000000' });
    const result = await healthCheck(other);
    assert.equal(result.reasonCode, 'invalid_state');
    assertClean(result, 'health (unknown tenant)');
  });
});
