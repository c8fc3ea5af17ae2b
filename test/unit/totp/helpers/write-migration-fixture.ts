/** Regenerates test/fixtures/totp/migration-mixed.txt: `npx tsx test/unit/totp/helpers/write-migration-fixture.ts` */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MIXED_FIXTURE, migrationUri } from './migration-encoder';

const target = fileURLToPath(new URL('../../../fixtures/totp/migration-mixed.txt', import.meta.url));
writeFileSync(target, `${migrationUri(MIXED_FIXTURE)}\n`);
console.log(`wrote ${target}`);
