// The runtime the fuzzer talks to: the real service (every feature module) on a fresh database,
// with the simulated Entra/Graph for Microsoft calls, name resolution switched off (a fuzzed host
// name must never become a DNS query off this machine), private networks refused (a fuzzed URL
// never reaches anything), and the limiters raised (they are proven elsewhere; here they would
// only turn the fuzz into a stream of 429s).
import { startTestRuntime, type TestRuntime } from '../../test/helpers/runtime.ts';
import { startEntraGraphSimulator, type EntraGraphSimulator } from '../../src/simulators/entra-graph/index.ts';
import { buildWorld, type World } from './fuzz-world.ts';
import { installLoopbackOnlyDns } from './no-dns.ts';

export interface FuzzTarget {
  t: TestRuntime;
  sim: EntraGraphSimulator;
  world: World;
  close(): Promise<void>;
}

export async function startFuzzTarget(): Promise<FuzzTarget> {
  installLoopbackOnlyDns();
  const sim = await startEntraGraphSimulator();
  const t = await startTestRuntime({
    env: {
      SWITCHBOARD_AUTH_FAILURE_LIMIT: '0',
      SWITCHBOARD_RATE_LIMIT_PER_MINUTE: '100000000',
      SWITCHBOARD_SCIM_RATE_LIMIT_PER_MINUTE: '100000000',
      SWITCHBOARD_MS_AUTHORITY_HOST: sim.authorityHost,
      SWITCHBOARD_MS_GRAPH_BASE_URL: sim.graphBaseUrl,
      SWITCHBOARD_MS_PLATFORM_CLIENT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      SWITCHBOARD_MS_PLATFORM_CLIENT_SECRET: 'Platform~Fuzz.CANARY-7hQ2-Zk7vLr4TtYp0WmN3',
      SWITCHBOARD_MS_TIMEOUT_MS: '1000',
      SWITCHBOARD_OUTBOUND_TIMEOUT_MS: '1000',
      SWITCHBOARD_ALLOW_PRIVATE_NETWORKS: 'false',
      SWITCHBOARD_HEALTH_CHECK_INTERVAL_SECONDS: '0',
    },
  });
  const world = await buildWorld(t.rt.app!, t.vendorToken);
  world.credentials.push('Platform~Fuzz.CANARY-7hQ2-Zk7vLr4TtYp0WmN3');
  return {
    t,
    sim,
    world,
    async close() {
      await t.close();
      await sim.close();
    },
  };
}
