import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
/**
 * Issue 10: the audit chain without a serialisation point (decision 0013). Audited transactions
 * append rows without chain fields and never touch audit_chain_head; one sealer at a time
 * (`audit_log_seal`, guarded by an advisory lock, run every second by whichever app instance gets
 * the lock, and on demand before verification) assigns seq, prev_hash and hash to the committed
 * unsealed rows in one batch, in the order transactions became visible to it (within a batch by
 * inserting transaction, then id, so a transaction's rows stay adjacent), and moves the head.
 *
 * Append-only stays enforced by the database: DELETE and TRUNCATE are refused as before; UPDATE is
 * refused except the sealing of an unsealed row — only while the sealing function runs (its
 * transaction-local flag), only seq/prev_hash/hash, only from unsealed to sealed, only with the
 * row's true hash and prev_hash equal to the hash of the row at seq - 1. The head moves only to a
 * sealed row's seq and hash, forward. Whoever fakes the flag can therefore only do the sealer's
 * job, correctly; anything else shows up in verification.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TRIGGER audit_log_chain ON audit_log;
    DROP FUNCTION audit_log_chain();

    -- The inserting transaction (the top-level one, also inside savepoints): orders a batch.
    ALTER TABLE audit_log ADD COLUMN tx xid8;
    ALTER TABLE audit_log ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
    CREATE INDEX audit_log_unsealed_idx ON audit_log (tx, id) WHERE seq IS NULL;

    -- Chain fields come only from the sealer; the transaction id only from the database.
    CREATE OR REPLACE FUNCTION audit_log_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.seq := NULL;
      NEW.prev_hash := NULL;
      NEW.hash := NULL;
      NEW.tx := pg_current_xact_id();
      RETURN NEW;
    END $$;

    CREATE OR REPLACE FUNCTION audit_log_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      expected_prev text;
    BEGIN
      IF NEW.seq = 1 THEN
        expected_prev := repeat('0', 64);
      ELSE
        SELECT a.hash INTO expected_prev FROM audit_log a WHERE a.seq = NEW.seq - 1;
      END IF;
      IF current_setting('jiuye.audit_sealing', true) = 'on'
        AND OLD.seq IS NULL
        AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
        AND (NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_token_id, NEW.actor_role, NEW.action,
             NEW.entity_type, NEW.entity_id, NEW.summary, NEW.ip, NEW.request_id, NEW.tx)
          IS NOT DISTINCT FROM
            (OLD.id, OLD.at, OLD.actor_user_id, OLD.actor_token_id, OLD.actor_role, OLD.action,
             OLD.entity_type, OLD.entity_id, OLD.summary, OLD.ip, OLD.request_id, OLD.tx)
        AND NEW.hash = audit_log_row_hash(NEW)
        AND NEW.prev_hash = expected_prev
      THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$;

    CREATE OR REPLACE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE'
        AND current_setting('jiuye.audit_sealing', true) = 'on'
        AND NEW.seq >= OLD.seq
        AND NEW.hash = (SELECT a.hash FROM audit_log a WHERE a.seq = NEW.seq)
      THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_chain_head is maintained by the audit sealer'
        USING ERRCODE = 'insufficient_privilege';
    END $$;

    -- The sealer. Returns the number of rows sealed, or -1 when another sealer holds the lock and
    -- wait is false. SECURITY DEFINER: an application role with only INSERT/SELECT on audit_log
    -- (the recommended production grant) can run it, and it can do nothing but seal.
    CREATE FUNCTION audit_log_seal(wait boolean) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = pg_catalog, public AS $$
    DECLARE
      h record;
      r audit_log;
      n bigint := 0;
      prev text;
    BEGIN
      IF wait THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('jiuye.audit_log_seal', 0));
      ELSIF NOT pg_try_advisory_xact_lock(hashtextextended('jiuye.audit_log_seal', 0)) THEN
        RETURN -1;
      END IF;
      SELECT seq, hash INTO STRICT h FROM audit_chain_head WHERE singleton FOR UPDATE;
      prev := h.hash;
      PERFORM set_config('jiuye.audit_sealing', 'on', true);
      -- A fresh snapshot, taken after the locks: every row committed so far, none sealed twice.
      FOR r IN SELECT * FROM audit_log WHERE seq IS NULL ORDER BY tx, id LOOP
        n := n + 1;
        r.seq := h.seq + n;
        r.prev_hash := prev;
        r.hash := audit_log_row_hash(r);
        UPDATE audit_log SET seq = r.seq, prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
        prev := r.hash;
      END LOOP;
      IF n > 0 THEN
        UPDATE audit_chain_head SET seq = h.seq + n, hash = prev WHERE singleton;
      END IF;
      PERFORM set_config('jiuye.audit_sealing', 'off', true);
      RETURN n;
    END $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    SELECT audit_log_seal(true);
    DROP FUNCTION audit_log_seal(boolean);
    DROP INDEX audit_log_unsealed_idx;
    CREATE OR REPLACE FUNCTION audit_log_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.seq := NULL;
      NEW.prev_hash := NULL;
      NEW.hash := NULL;
      RETURN NEW;
    END $$;
    ALTER TABLE audit_log DROP COLUMN tx;
    CREATE OR REPLACE FUNCTION audit_log_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
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
    CREATE OR REPLACE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_chain_head is maintained by the audit chain trigger'
        USING ERRCODE = 'insufficient_privilege';
    END $$;
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
  `.execute(db);
}
