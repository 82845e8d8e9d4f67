import { DataSource } from 'typeorm';

import { postgresOptions } from '@mcp-fleet/api/shared/database';

import { MIGRATIONS } from './index';

/**
 * Data source for the TypeORM CLI (`npm run migration:show` / `migration:revert`).
 * The CLI is a tool run by hand, so it reads DATABASE_URL itself.
 */
const url = process.env['DATABASE_URL'];
if (!url) {
  throw new Error('DATABASE_URL must be set to use the migration CLI');
}

export default new DataSource(postgresOptions({ url, poolSize: 1 }, MIGRATIONS));
