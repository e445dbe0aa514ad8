import { AppError } from '../../common/errors.js';
import type { Lang } from '../../common/i18n/index.js';
import type { settingsChangeData } from '../../common/protocol/sync.js';
import type { z } from 'zod';
import { openStore, storeExists, type StoreDb } from '../store/connection.js';
import { readSettings } from '../store/queries/catalog.js';
import { readIdentity, type Identity } from '../store/queries/identity.js';

export type StoreSettings = z.infer<typeof settingsChangeData>;

/** The register's open store and who it is: what every cashier action needs. */
export interface RegisterContext {
  db: StoreDb;
  identity: Identity;
  dataDir: string;
  lang: Lang;
}

/** Until the first pull brings the store's settings: no rounding, scale labels 20–29 by weight, 10% cashier cap. */
export function defaultSettings(identity: Identity): StoreSettings {
  return {
    storeName: identity.storeName,
    currency: identity.currency,
    defaultVatRate: 1200,
    cashRounding: 0,
    scaleBarcode: {
      prefixes: ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'],
      itemDigits: 5,
      value: 'weight',
    },
    receiptHeader: null,
    maxCashierDiscount: 1000,
  };
}

export function settingsOf(ctx: RegisterContext): StoreSettings {
  return readSettings<StoreSettings>(ctx.db) ?? defaultSettings(ctx.identity);
}

/** Opens an activated register's data dir; never creates one (that is pos-activate's job). */
export function openRegister(dataDir: string, lang: Lang = 'uz'): RegisterContext {
  if (!storeExists(dataDir)) throw new AppError('REGISTER_NOT_ACTIVATED', { params: { dataDir } });
  const db = openStore(dataDir);
  const identity = readIdentity(db);
  if (!identity) {
    db.close();
    throw new AppError('REGISTER_NOT_ACTIVATED', { params: { dataDir } });
  }
  return { db, identity, dataDir, lang };
}

export function closeRegister(ctx: RegisterContext): void {
  ctx.db.close();
}
