// The console's API types are the server's route schemas (console/src/lib/api-types.ts re-exports
// their Static<> types), and reading them costs the browser nothing. Checked here: every response
// the console names is one of those types; its typecheck reads only schema files from the server
// (no service, no database code, no Node typings that would let browser code use `process`); and
// the built bundle holds no schema, no TypeBox.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { buildConsole } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'console/src');
const API_TYPES = join(SRC, 'lib/api-types.ts');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The names console/src/lib/api-types.ts exports (`export type { A, B as C } from …`, `export type D = …`). */
function exportedTypes(): Set<string> {
  const text = readFileSync(API_TYPES, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const names = new Set<string>();
  for (const m of text.matchAll(/export type \{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) names.add(name);
    }
  }
  for (const m of text.matchAll(/export type (\w+)\s*=/g)) names.add(m[1]);
  return names;
}

describe('the console API types', () => {
  test('every response type the console names comes from api-types.ts (the server schemas)', () => {
    const exported = exportedTypes();
    assert.ok(exported.has('Tenant') && exported.has('Connection') && exported.has('Run'), [...exported].join(', '));
    const uses: string[] = [];
    for (const file of sources(SRC)) {
      if (file.endsWith('/lib/api.ts')) continue; // the client's own generic signatures
      const text = readFileSync(file, 'utf8');
      // api.get<T>(…), api.post<T>(…), getPublic<T>(…), createApi(token).get<T>(…)
      for (const m of text.matchAll(/\b(?:get|post|put|patch|del|getPublic)<([^>]+)>\(/g)) {
        for (const name of m[1].match(/[A-Za-z_]\w*/g) ?? []) {
          uses.push(name);
          assert.ok(exported.has(name), `${relative(ROOT, file)} reads a response as ${m[1]}: ${name} is not a server schema type from lib/api-types.ts`);
        }
      }
    }
    assert.ok(uses.length >= 20, `found ${uses.length} typed calls`);
  });

  test("the console's typecheck reads schema files from the server and nothing that needs Node", async () => {
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    const { stdout } = await promisify(execFile)(tsc, ['--noEmit', '--listFilesOnly', '-p', join(ROOT, 'console/tsconfig.json')], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const files = stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    assert.ok(files.some((f) => f.endsWith('/console/src/lib/api-types.ts')));
    assert.ok(!files.some((f) => f.includes('/@types/node/')), 'Node typings are in the console program');
    const server = files.filter((f) => f.startsWith(join(ROOT, 'src') + '/')).map((f) => relative(ROOT, f));
    assert.ok(server.includes('src/surfaces/integrations/schemas.ts') && server.includes('src/surfaces/management/schemas.ts'), server.join(', '));
    for (const file of server) {
      if (/^src\/surfaces\/[^/]+\/schemas\.ts$/.test(file)) continue;
      // Anything else a schema pulls in imports nothing but TypeBox and files of this same list
      // (each checked here in turn): no service, no database, nothing that needs Node.
      const imports = [...readFileSync(join(ROOT, file), 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gm)].map((m) => m[1]);
      const outside = imports.filter((i) => i !== 'typebox' && !(i.startsWith('.') && server.includes(relative(ROOT, resolve(ROOT, dirname(file), i)))));
      assert.deepEqual(outside, [], `${file}, read by the console's typecheck, imports more than TypeBox and other schema leaves`);
    }
  });

  test('the built bundle contains no schema and no TypeBox', async () => {
    await buildConsole();
    const dir = join(ROOT, 'console/dist/assets');
    const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
    assert.ok(js.length >= 1);
    const bundle = js.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    assert.ok(bundle.includes('createRoot') || bundle.includes('react'), 'not the console bundle');
    // Descriptions from the schemas, and TypeBox's kind marker: none is needed at run time.
    for (const marker of [
      'write-only: never returned',
      'HMAC fingerprint of the stored value',
      'The SCIM 2.0 base URL to give the identity provider',
      '~kind',
    ]) {
      assert.ok(!bundle.includes(marker), `the bundle contains ${JSON.stringify(marker)}: a value import from the server`);
    }
  });
});
