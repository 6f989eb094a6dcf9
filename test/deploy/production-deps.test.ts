// The image installs with `npm ci --omit=dev`: every package the service imports at run time
// must be a production dependency, not present by the luck of hoisting. Reads every import of
// src/ (static and dynamic) and the CLI shim.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './context.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mjs|js)$/.test(n) ? [p] : [];
  });
}

/** Bare package names imported by a source file (type-only imports are erased and do not count). */
export function importedPackages(source: string): string[] {
  const specs = [
    ...source.matchAll(/^\s*import\s+(?!type\s)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...source.matchAll(/^\s*export\s+(?!type\s)[^'"]*?\sfrom\s+['"]([^'"]+)['"]/gm),
  ].map((m) => m[1]);
  return specs
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !builtinModules.includes(s))
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]));
}

test('the import scanner sees static, side-effect, dynamic and re-export imports, and skips type-only ones', () => {
  const src =
    "import a from 'alpha';\nimport { b } from '@scope/beta/sub';\nimport 'gamma';\nconst d = await import('delta');\nexport { e } from 'eps';\nimport type { T } from 'typeonly';\nimport x from './local.ts';\nimport fs from 'node:fs';\nimport path from 'path';";
  assert.deepEqual(importedPackages(src).sort(), ['@scope/beta', 'alpha', 'delta', 'eps', 'gamma']);
});

test('every package the service imports is a production dependency', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const missing: string[] = [];
  for (const f of [...files(join(ROOT, 'src')), join(ROOT, 'bin/switchboard.mjs')]) {
    for (const name of importedPackages(readFileSync(f, 'utf8'))) if (!(name in pkg.dependencies)) missing.push(`${relative(ROOT, f)}: ${name}`);
  }
  assert.deepEqual(missing, []);
});
