import type { Knex } from 'knex';

export interface SessionRow {
  id: string;
  tenant_id: string | null;
  user_id: string;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
}

export async function insertSession(knex: Knex, row: SessionRow): Promise<void> {
  await knex('sessions').insert(row);
}

export async function findSession(knex: Knex, id: string): Promise<SessionRow | undefined> {
  return knex<SessionRow>('sessions').where({ id }).first();
}

export async function endSession(knex: Knex, id: string, at: number): Promise<void> {
  await knex('sessions').where({ id }).whereNull('ended_at').update({ ended_at: at });
}
