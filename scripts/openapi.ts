/**
 * Writes the standalone emulator's OpenAPI document, generated from its route table:
 *   npm run openapi            (docs/openapi/hsm-emulator.json)
 * tests/integration/http-server.test.ts fails when the committed copy is out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument } from '../lib/hsm/rest/openapi';

export const OPENAPI_FILE = 'docs/openapi/hsm-emulator.json';

const file = path.resolve(OPENAPI_FILE);
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`wrote ${OPENAPI_FILE}`);
