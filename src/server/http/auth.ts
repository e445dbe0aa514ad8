import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import { AppError } from '../../common/errors.js';
import type { Role } from '../../common/protocol/auth.js';
import { authenticateUser } from '../auth/service.js';
import { verifyToken } from '../auth/tokens.js';
import type { Actor, AppDeps, DeviceActor, TenantContext, UserActor } from '../context.js';
import { authenticateDevice } from '../devices/service.js';

export const SESSION_COOKIE = 'posapp_session';
export const CLIENT_HEADER = 'x-posapp-client';

/** The web panel marks every request with `X-Posapp-Client: web`. */
export function isWebClient(req: Request): boolean {
  return req.get(CLIENT_HEADER) === 'web';
}

export interface Credential {
  token: string;
  from: 'bearer' | 'cookie';
}

/** The CLI sends a bearer token; the web panel an HttpOnly cookie. */
export function credentialFromRequest(req: Request): Credential | null {
  const header = req.get('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? { token: match[1]!, from: 'bearer' } : null;
  }
  const cookies = req.get('cookie');
  if (!cookies) return null;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return { token: decodeURIComponent(value.join('=')), from: 'cookie' };
  }
  return null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function resolveActor(deps: AppDeps, req: Request): Promise<Actor> {
  const credential = credentialFromRequest(req);
  if (!credential) throw new AppError('UNAUTHENTICATED');
  // The browser attaches the cookie on its own; a custom header cannot be sent cross-site without a CORS
  // preflight we never grant, so requiring it (beside SameSite=Strict) stops forged state changes.
  if (credential.from === 'cookie' && !SAFE_METHODS.has(req.method) && !isWebClient(req)) {
    throw new AppError('FORBIDDEN');
  }
  const token = credential.token;
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

/** A register; `allowRetired` lets a revoked or re-keyed register's last token deliver what it made before. */
export function requireDevice(deps: AppDeps, options: { allowRetired?: boolean } = {}): RequestHandler {
  return async (req, res, next) => {
    const actor = await resolveActor(deps, req);
    if (actor.kind !== 'device') throw new AppError('FORBIDDEN');
    if (actor.retiredAt !== undefined && !options.allowRetired)
      throw new AppError(actor.retiredBy === 'revoked' ? 'DEVICE_REVOKED' : 'INVALID_DEVICE_TOKEN');
    res.locals.actor = actor;
    next();
  };
}

/**
 * The panel's session lives in an HttpOnly cookie so page scripts never hold the token. No Max-Age: it ends
 * with the browser, which suits shared shop PCs; the server-side session still expires on its own.
 */
function sessionCookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure };
}

export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(req));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
}
