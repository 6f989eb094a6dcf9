// The typed client's types (packages/client/src/schema.d.ts) from the served reference: the app is
// built in-process (never listening) on an in-memory embedded database, /openapi.json is asked of
// it, and openapi-typescript turns the document into TypeScript. `npm run client:generate` writes
// the file; test/client/drift.test.ts fails when the committed one differs from what the served
// document gives.
//
// openapi-typescript prints with the TypeScript compiler API, which the project's TypeScript 7 (the
// native compiler) does not have: its `typescript` import is pointed at TypeScript 5 (the
// `typescript-5` alias) for this process only (docs/decisions.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'typescript' && context.parentURL?.includes('/node_modules/openapi-typescript/')) return next('typescript-5', context);
    return next(specifier, context);
  },
});

export const SCHEMA_FILE = join(import.meta.dirname, '..', 'packages', 'client', 'src', 'schema.d.ts');

const HEADER = `// Generated from Switchboard's /openapi.json by \`npm run client:generate\` (scripts/client-types.ts).
// Do not edit: test/client/drift.test.ts fails when this file and the served document differ.
`;

/** The document the service serves at /openapi.json, from an app built in this process. */
export async function servedDocument(): Promise<Record<string, unknown>> {
  const { loadConfig } = await import('../src/config.ts');
  const { createRuntime } = await import('../src/runtime.ts');
  const { createLogger } = await import('../src/logger.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sb-openapi-'));
  try {
    const config = loadConfig({ SWITCHBOARD_DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const rt = await createRuntime(config, { http: true, work: false, memoryDb: true, logger: createLogger('silent') });
    try {
      const res = await rt.app!.inject({ method: 'GET', url: '/openapi.json' });
      if (res.statusCode !== 200) throw new Error(`/openapi.json answered ${res.statusCode}`);
      return JSON.parse(res.body);
    } finally {
      await rt.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The TypeScript of a document, as committed. */
export async function typesOf(document: Record<string, unknown>): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(document as never, { alphabetize: true });
  return `${HEADER}${astToString(ast)}`;
}
