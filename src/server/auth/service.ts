import { AppError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type {
  LoginBody,
  LoginResponse,
  MeResponse,
  UpdateMeBody,
  UserClaims,
} from '../../common/protocol/auth.js';
import type { AppDeps, UserActor } from '../context.js';
import { findLoginAccount, findUserById, setUserLang } from '../users/service.js';
import { verifyAgainstDummy, verifySecret } from '../../node/secret-hash.js';
import { endSession, findSession, insertSession } from './queries.js';
import { signUserToken } from './tokens.js';

/** Cashiers sell with a PIN at a register; they are never server credentials. */
export async function login(deps: AppDeps, body: LoginBody): Promise<LoginResponse> {
  const account = await findLoginAccount(deps.db.knex, body.email);
  const ok =
    account &&
    account.passwordHash &&
    account.active &&
    account.user.role !== 'cashier' &&
    account.user.role !== 'supervisor'
      ? await verifySecret(body.password, account.passwordHash)
      : await verifyAgainstDummy(body.password, deps.config.passwordHashCost);
  if (!ok || !account) throw new AppError('INVALID_CREDENTIALS');

  const now = Date.now();
  const sessionId = newId();
  const expiresAt = now + deps.config.sessionTtlMs;
  await insertSession(deps.db.knex, {
    id: sessionId,
    tenant_id: account.user.tenantId,
    user_id: account.user.id,
    created_at: now,
    expires_at: expiresAt,
    ended_at: null,
  });
  const token = await signUserToken(
    deps.config.jwtSecret,
    { sub: account.user.id, sid: sessionId, tid: account.user.tenantId, role: account.user.role },
    expiresAt,
  );
  deps.logger.info({ userId: account.user.id, role: account.user.role }, 'login');
  return { token, user: account.user };
}

/** A user token is good while its session is open and its user is still active. */
export async function authenticateUser(deps: AppDeps, claims: UserClaims): Promise<UserActor> {
  // Both are keyed by the token's claims, so they are asked at once: a request waits for one round trip, not two.
  const [session, account] = await Promise.all([
    findSession(deps.db.knex, claims.sid),
    findUserById(deps.db.knex, claims.tid, claims.sub),
  ]);
  if (!session || session.user_id !== claims.sub) throw new AppError('UNAUTHENTICATED');
  if (session.ended_at !== null || session.expires_at <= Date.now()) throw new AppError('SESSION_EXPIRED');
  if (!account || !account.active) throw new AppError('UNAUTHENTICATED');
  return { kind: 'user', userId: claims.sub, sessionId: claims.sid, role: claims.role, tenantId: claims.tid };
}

export async function logout(deps: AppDeps, actor: UserActor): Promise<void> {
  await endSession(deps.db.knex, actor.sessionId, Date.now());
}

export async function currentUser(deps: AppDeps, actor: UserActor): Promise<MeResponse> {
  const account = await findUserById(deps.db.knex, actor.tenantId, actor.userId);
  if (!account) throw new AppError('UNAUTHENTICATED');
  return { user: account.user, lang: account.lang };
}

/** What a person changes about themselves: for now the panel's language. */
export async function updateCurrentUser(
  deps: AppDeps,
  actor: UserActor,
  body: UpdateMeBody,
): Promise<MeResponse> {
  await setUserLang(deps.db.knex, actor.tenantId, actor.userId, body.lang);
  return currentUser(deps, actor);
}
