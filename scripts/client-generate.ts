// npm run client:generate — rewrites packages/client/src/schema.d.ts from the served /openapi.json.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { SCHEMA_FILE, servedDocument, typesOf } from './client-types.ts';

const types = await typesOf(await servedDocument());
writeFileSync(SCHEMA_FILE, types);
console.log(`wrote ${relative(process.cwd(), SCHEMA_FILE)} (${types.split('\n').length} lines)`);
