import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
// Issue 9: TOTP second factor, recovery codes, re-authentication and session state.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- One second factor per user. secret_sealed is the confirmed TOTP secret (AES-GCM sealed, see
    -- platform/crypto.ts); pending_secret_sealed holds a secret being enrolled until a code confirms it.
    CREATE TABLE user_mfa (
      user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
      secret_sealed text,
      pending_secret_sealed text,
      confirmed_at timestamptz,
      -- RFC 6238 time step of the last accepted code: a code is accepted once (replay protection).
      last_used_step integer,
      failed_count integer NOT NULL DEFAULT 0,
      last_failed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Single-use recovery codes: keyed hashes (HMAC-SHA256) of 80-bit random codes.
    CREATE TABLE mfa_recovery_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, code_hash)
    );

    -- mfa_verified_at: when this session passed the second factor (null: pending, for the roles
    -- that need one). reauth_at: when the user last proved their credentials in this session.
    ALTER TABLE sessions ADD COLUMN mfa_verified_at timestamptz;
    ALTER TABLE sessions ADD COLUMN reauth_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE sessions DROP COLUMN reauth_at;
    ALTER TABLE sessions DROP COLUMN mfa_verified_at;
    DROP TABLE mfa_recovery_codes;
    DROP TABLE user_mfa;
  `.execute(db);
}
