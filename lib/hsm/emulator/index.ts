import type { Database } from '@/lib/db/driver';
import { migrate } from '@/lib/db/migrate';
import type { HsmCluster } from '../types';
import { EmulatorAdmin } from './admin';
import { EmulatorClient } from './client';
import { HSM_MIGRATIONS } from './schema';
import { PARTITION_SEARCH_MIGRATION } from './search-schema';
import { SIGNING_MIGRATION } from './signing';

/** The embedded HSM cluster: state lives in schema `hsm` of the database it is given. */
export class HsmEmulator implements HsmCluster {
  readonly backend = 'emulator' as const;
  readonly admin: EmulatorAdmin;
  readonly client: EmulatorClient;

  private constructor(readonly db: Database) {
    this.admin = new EmulatorAdmin(db);
    this.client = new EmulatorClient(db);
  }

  static async open(db: Database): Promise<HsmEmulator> {
    await migrate(db, 'hsm_migrations', [...HSM_MIGRATIONS, SIGNING_MIGRATION, PARTITION_SEARCH_MIGRATION]);
    return new HsmEmulator(db);
  }
}
