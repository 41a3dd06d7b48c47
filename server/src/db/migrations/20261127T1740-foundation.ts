import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history: they must not
   depend on today's typed schema. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE app_settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      phone text NOT NULL UNIQUE CHECK (phone ~ '^1[3-9][0-9]{9}$'),
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 60),
      role text NOT NULL CHECK (role IN ('seeker','employer','college','agency','staff','admin')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT false,
      district_codes text[] NOT NULL DEFAULT '{}',
      failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
      last_failed_login_at timestamptz,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (role <> 'staff' OR cardinality(district_codes) > 0)
    );
    CREATE INDEX users_role_idx ON users (role, status);

    -- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash bytea NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      idle_timeout_seconds integer NOT NULL CHECK (idle_timeout_seconds > 0),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text,
      ip inet,
      user_agent text
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      token_hash bytea NOT NULL UNIQUE,
      scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      revoked_at timestamptz,
      last_used_at timestamptz
    );

    -- Append-only audit trail, written in the same transaction as the change it records.
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_user_id uuid,
      actor_token_id uuid,
      actor_role text,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      summary jsonb NOT NULL DEFAULT '{}',
      ip inet,
      request_id text
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at);
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

    -- Idempotency-Key store: the first answer to (caller, key) is replayed; another body is a 409.
    CREATE TABLE idempotency_keys (
      caller text NOT NULL,
      key text NOT NULL,
      method text NOT NULL,
      path text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response_body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      PRIMARY KEY (caller, key)
    );

    CREATE TABLE reference_datasets (
      name text PRIMARY KEY,
      version text NOT NULL,
      checksum text NOT NULL,
      row_count integer NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE regions (
      code char(6) PRIMARY KEY,
      parent_code char(6) REFERENCES regions(code),
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
      name text NOT NULL
    );
    CREATE INDEX regions_parent_idx ON regions (parent_code);
    CREATE TABLE occupations (
      code text PRIMARY KEY,
      parent_code text REFERENCES occupations(code),
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
      name_zh text NOT NULL,
      name_en text NOT NULL,
      isco08 text,
      keywords text[] NOT NULL DEFAULT '{}'
    );
    CREATE INDEX occupations_parent_idx ON occupations (parent_code);
    CREATE TABLE industries (
      code text PRIMARY KEY,
      name_zh text NOT NULL,
      name_en text NOT NULL
    );
    CREATE TABLE education_levels (
      code text PRIMARY KEY,
      name_zh text NOT NULL,
      name_en text NOT NULL,
      rank smallint NOT NULL UNIQUE
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE education_levels, industries, occupations, regions, reference_datasets,
      idempotency_keys, audit_log, api_tokens, sessions, users, app_settings CASCADE;
    DROP FUNCTION audit_log_append_only();
  `.execute(db);
}
