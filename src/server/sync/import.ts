import { AppError } from '../../common/errors.js';
import type { ImportBody, PushResponse } from '../../common/protocol/sync.js';
import { verifyToken } from '../auth/tokens.js';
import type { TenantContext } from '../context.js';
import { authenticateDevice } from '../devices/service.js';
import { pushEvents } from './push.js';

/**
 * An owner brings in the events a register exported (`pos export-unsent`) because its PC cannot reach the server.
 * The file's device token says which register made them; once it is known to be a register of the owner's shop
 * (revoked or re-keyed ones included, as their last token still delivers), the events go through the push
 * itself: the same checks, the same exactly-once record, so importing a file twice, or the register sending the
 * same events later, adds nothing.
 */
export async function importEvents(ctx: TenantContext, body: ImportBody): Promise<PushResponse> {
  const device = await verifyToken(ctx.config.jwtSecret, body.deviceToken)
    .then((claims) => (claims.typ === 'device' ? authenticateDevice(ctx, claims) : null))
    .catch((error: unknown) => {
      if (error instanceof AppError) return null;
      throw error;
    });
  if (!device || device.tenantId !== ctx.tenantId) throw new AppError('UNSENT_FILE_FOREIGN');
  return pushEvents(ctx, device, { events: body.events });
}
