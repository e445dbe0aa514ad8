import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../../common/errors.js';
import type { Role } from '../../common/protocol/auth.js';
import { authenticateUser } from '../auth/service.js';
import { verifyToken } from '../auth/tokens.js';
import type { Actor, AppDeps, DeviceActor, TenantContext, UserActor } from '../context.js';
import { authenticateDevice } from '../devices/service.js';

export const SESSION_COOKIE = 'posapp_session';

/** The CLI sends a bearer token; the web panel an HttpOnly cookie. */
export function tokenFromRequest(req: Request): string | null {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? match[1]! : null;
  }
  const cookies = req.get('cookie');
  if (!cookies) return null;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

async function resolveActor(deps: AppDeps, req: Request): Promise<Actor> {
  const token = tokenFromRequest(req);
  if (!token) throw new AppError('UNAUTHENTICATED');
  const claims = await verifyToken(deps.config.jwtSecret, token);
  return claims.typ === 'device' ? authenticateDevice(deps, claims) : authenticateUser(deps, claims);
}

export function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}

export function userOf(res: Response): UserActor {
  return res.locals.actor as UserActor;
}

export function deviceOf(res: Response): DeviceActor {
  return res.locals.actor as DeviceActor;
}

/** Any logged-in person whose role is listed. */
export function requireUser(deps: AppDeps, ...allowed: Role[]): RequestHandler {
  return async (req, res, next) => {
    const actor = await resolveActor(deps, req);
    if (actor.kind !== 'user' || (allowed.length > 0 && !allowed.includes(actor.role))) {
      throw new AppError('FORBIDDEN');
    }
    res.locals.actor = actor;
    next();
  };
}

/** Owners and admins acting on their own tenant; the tenant comes from the token, never from the request. */
export function requireTenantManager(deps: AppDeps): RequestHandler {
  return requireUser(deps, 'owner', 'admin');
}

export function tenantContext(deps: AppDeps, res: Response): TenantContext {
  const actor = userOf(res);
  if (actor.tenantId === null) throw new AppError('FORBIDDEN');
  return { ...deps, tenantId: actor.tenantId, actor };
}

export function requireDevice(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    const actor = await resolveActor(deps, req);
    if (actor.kind !== 'device') throw new AppError('FORBIDDEN');
    res.locals.actor = actor;
    next();
  };
}
