import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
/**
 * Issue 9: a tamper-evident audit trail. Every audit row gets a gap-free sequence number, the hash
 * of the row before it and its own SHA-256 hash over a canonical serialisation of its fields
 * (see platform/audit.ts `canonicalAuditRow`, which must stay byte-for-byte equal to
 * audit_log_row_hash below). `npm run audit:verify` and GET /api/v1/audit/verify walk the chain.
 *
 * Concurrency: the chain is appended by a DEFERRED constraint trigger, i.e. at COMMIT, under the
 * row lock of the one-row audit_chain_head table. Transactions therefore serialise only for the
 * few statements of their commit (not from their first audit row to their end), and they take the
 * head lock after every other lock they hold, so it cannot join a deadlock cycle with domain rows.
 * A rolled-back transaction never touched the head: the chain stays gap-free.
 *
 * Append-only: UPDATE, DELETE and TRUNCATE are refused by triggers; the only update allowed is the
 * chain trigger's own one-time fill of seq/prev_hash/hash (nested trigger, other columns equal).
 * The table owner or a superuser can still disable triggers (ALTER TABLE … DISABLE TRIGGER);
 * verification then reports the first broken row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE audit_log
      ADD COLUMN seq bigint,
      ADD COLUMN prev_hash text,
      ADD COLUMN hash text;

    CREATE TABLE audit_chain_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      seq bigint NOT NULL,
      hash text NOT NULL
    );

    -- One field of the canonical form: '|-' for NULL, else '|<UTF-8 byte length>:<text>'.
    CREATE FUNCTION audit_log_field(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN t IS NULL THEN '|-' ELSE '|' || octet_length(convert_to(t, 'UTF8')) || ':' || t END
    $$;

    CREATE FUNCTION audit_log_row_hash(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(
        'jiuye-audit-v1'
        || audit_log_field(r.seq::text)
        || audit_log_field(r.id::text)
        || audit_log_field(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        || audit_log_field(r.actor_user_id::text)
        || audit_log_field(r.actor_token_id::text)
        || audit_log_field(r.actor_role)
        || audit_log_field(r.action)
        || audit_log_field(r.entity_type)
        || audit_log_field(r.entity_id)
        || audit_log_field(r.summary::text)
        || audit_log_field(r.ip::text)
        || audit_log_field(r.request_id)
        || audit_log_field(r.prev_hash),
        'UTF8')), 'hex')
    $$;

    -- Backfill existing rows in id order (the order they were inserted in).
    DO $$
    DECLARE
      r audit_log;
      n bigint := 0;
      prev text := repeat('0', 64);
    BEGIN
      ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
      FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        n := n + 1;
        r.seq := n;
        r.prev_hash := prev;
        r.hash := audit_log_row_hash(r);
        UPDATE audit_log SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
        prev := r.hash;
      END LOOP;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
      INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (true, n, prev);
    END $$;

    CREATE UNIQUE INDEX audit_log_seq_idx ON audit_log (seq);
    CREATE INDEX audit_log_at_idx ON audit_log (at);
    CREATE INDEX audit_log_action_idx ON audit_log (action, at);

    -- Chain fields come only from the chain trigger.
    CREATE FUNCTION audit_log_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.seq := NULL;
      NEW.prev_hash := NULL;
      NEW.hash := NULL;
      RETURN NEW;
    END $$;
    CREATE TRIGGER audit_log_clear_chain BEFORE INSERT ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_before_insert();

    -- At commit, under the head's row lock: next seq, previous hash, own hash.
    -- SECURITY DEFINER so that an application role with only INSERT/SELECT on audit_log (the
    -- recommended production grant, see docs) can still have its rows chained.
    CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, public AS $$
    DECLARE
      h record;
      r audit_log;
    BEGIN
      SELECT seq, hash INTO h FROM audit_chain_head WHERE singleton FOR UPDATE;
      r := NEW;
      r.seq := h.seq + 1;
      r.prev_hash := h.hash;
      r.hash := audit_log_row_hash(r);
      UPDATE audit_log SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
      UPDATE audit_chain_head SET seq = r.seq, hash = r.hash WHERE singleton;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER audit_log_chain AFTER INSERT ON audit_log
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

    -- Replace the blanket UPDATE/DELETE refusal: DELETE is always refused; UPDATE only for the
    -- chain trigger's one-time fill.
    DROP TRIGGER audit_log_no_update ON audit_log;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE FUNCTION audit_log_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF pg_trigger_depth() > 1
        AND OLD.seq IS NULL AND OLD.hash IS NULL
        AND NEW.seq IS NOT NULL AND NEW.hash IS NOT NULL
        AND (NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_token_id, NEW.actor_role, NEW.action,
             NEW.entity_type, NEW.entity_id, NEW.summary, NEW.ip, NEW.request_id)
          IS NOT DISTINCT FROM
            (OLD.id, OLD.at, OLD.actor_user_id, OLD.actor_token_id, OLD.actor_role, OLD.action,
             OLD.entity_type, OLD.entity_id, OLD.summary, OLD.ip, OLD.request_id)
      THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_guard_update();

    -- The head moves only inside the chain trigger.
    CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_chain_head is maintained by the audit chain trigger'
        USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE OR DELETE ON audit_chain_head
      FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
    CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();

    -- Statement of intent for deployments that run the application as a role other than the
    -- owner: nobody but the owner may change these tables (the triggers above bind the owner).
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_chain_head FROM PUBLIC;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER audit_log_no_update ON audit_log;
    DROP TRIGGER audit_log_no_delete ON audit_log;
    DROP TRIGGER audit_log_chain ON audit_log;
    DROP TRIGGER audit_log_clear_chain ON audit_log;
    DROP FUNCTION audit_log_guard_update();
    DROP FUNCTION audit_log_chain();
    DROP FUNCTION audit_log_before_insert();
    DROP TABLE audit_chain_head;
    DROP FUNCTION audit_chain_head_guard();
    DROP INDEX audit_log_seq_idx;
    DROP INDEX audit_log_at_idx;
    DROP INDEX audit_log_action_idx;
    DROP FUNCTION audit_log_row_hash(audit_log);
    DROP FUNCTION audit_log_field(text);
    ALTER TABLE audit_log DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  `.execute(db);
}
