import { AppError } from '../../common/errors.js';
import { QUICK_KEY_LABELS } from '../../common/protocol/settings.js';
import { getProduct, type LocalProduct } from '../store/queries/catalog.js';
import { settingsOf, type RegisterContext } from './context.js';

export { QUICK_KEY_LABELS };

export interface QuickKey {
  label: string;
  /** Null when the product is not (or no longer) sold here: the cell stays empty, the others keep their keys. */
  product: LocalProduct | null;
}

/** The store's quick-key grid (pulled with the settings), in the owner's order. */
export function quickKeys(ctx: RegisterContext): QuickKey[] {
  const ids = (settingsOf(ctx).quickKeys ?? []).slice(0, QUICK_KEY_LABELS.length);
  return ids.map((id, i) => {
    const product = getProduct(ctx.db, id);
    return { label: QUICK_KEY_LABELS[i]!, product };
  });
}

/** A grid product as it is now in the catalog (it may have left it since the grid was drawn). */
export function quickKeyProduct(ctx: RegisterContext, id: string): LocalProduct {
  const product = getProduct(ctx.db, id);
  if (!product) throw new AppError('UNKNOWN_BARCODE', { params: { barcode: id } });
  return product;
}
