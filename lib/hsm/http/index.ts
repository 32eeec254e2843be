import type { HsmCluster } from '../types';
import { HttpAdmin } from './admin';
import { HttpClientApi } from './client';
import { HsmTransport, type TransportOptions } from './transport';

/**
 * The cluster behind a network boundary: the same HsmCluster interface over the standalone
 * emulator's REST API (`npm run hsm-emulator`), or any gateway speaking it. Several console
 * instances can share one cluster this way.
 */
export class HttpHsmCluster implements HsmCluster {
  readonly backend = 'http' as const;
  readonly admin: HttpAdmin;
  readonly client: HttpClientApi;
  readonly transport: HsmTransport;

  constructor(options: TransportOptions) {
    this.transport = new HsmTransport(options);
    this.admin = new HttpAdmin(this.transport);
    this.client = new HttpClientApi(this.transport);
  }
}
