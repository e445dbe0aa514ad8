import type { Db } from './db/connection.js';
import type { ServerConfig } from './config.js';
import type { Logger } from './logger.js';
import type { Role } from '../common/protocol/auth.js';

/** What every service gets: the database, the frozen config and a logger. */
export interface AppDeps {
  db: Db;
  config: ServerConfig;
  logger: Logger;
}

export interface UserActor {
  kind: 'user';
  userId: string;
  sessionId: string;
  role: Role;
  tenantId: string | null;
}

export interface DeviceActor {
  kind: 'device';
  deviceId: string;
  tenantId: string;
  storeId: string;
  /** The store's change version, committed when the request was authenticated (read with the device row). */
  storeVersion?: number;
  /**
   * Set when the token is the one a revoke or reset-key retired (epoch ms): only a push is allowed with it, so
   * the events the register made before then still arrive.
   */
  retiredAt?: number;
  /** Why the token was retired, as the register must learn it. */
  retiredBy?: 'revoked' | 'reset';
  /** When the register was activated (epoch ms): nothing it did can be older. */
  activatedAt?: number;
}

export type Actor = UserActor | DeviceActor;

/** A tenant member acting on their own tenant: owner/admin routes get this. */
export interface TenantContext extends AppDeps {
  tenantId: string;
  actor: UserActor;
}
