// A Switchboard process for multi-process tests: the real runtime plus the test-runs module.
// Prints `LISTENING <port>` (or `WORKING`) once ready. Env: the usual SWITCHBOARD_* and DATABASE_URL.
import { loadConfig } from '../../src/config.ts';
import { createRuntime } from '../../src/runtime.ts';
import { testRunsModule } from './test-runs-module.ts';

const mode = process.argv[2] ?? 'serve';
const config = loadConfig();
const rt = await createRuntime(config, {
  http: mode === 'serve',
  work: mode === 'worker' || config.workerMode === 'inline',
  extraModules: (core) => [testRunsModule(core)],
  pollingIntervalSeconds: 0.5,
});
if (rt.app) {
  await rt.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = rt.app.server.address();
  console.log(`LISTENING ${typeof addr === 'object' && addr ? addr.port : 0}`);
} else {
  console.log(`WORKING ${rt.engine.workerId}`);
}
process.on('SIGTERM', () => rt.close().then(() => process.exit(0)));
