import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
// Issue 8: editable, versioned warning rules. A rule's every version is kept (a trigger writes the
// row), and each alert names the version that raised it, so editing a rule never changes the
// meaning of alerts already raised.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE warning_rules
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      ADD COLUMN created_by uuid REFERENCES users(id),
      ADD COLUMN updated_by uuid REFERENCES users(id);

    CREATE TABLE warning_rule_versions (
      rule_id uuid NOT NULL REFERENCES warning_rules(id),
      version integer NOT NULL CHECK (version >= 1),
      name_zh text NOT NULL,
      name_en text NOT NULL,
      params jsonb NOT NULL,
      severity text NOT NULL,
      effective_from date NOT NULL,
      effective_to date,
      active boolean NOT NULL,
      changed_by uuid REFERENCES users(id),
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (rule_id, version)
    );

    -- A change of meaning must come with a new version; each new version is recorded.
    CREATE FUNCTION warning_rules_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.version = OLD.version AND (
           NEW.params IS DISTINCT FROM OLD.params OR NEW.severity IS DISTINCT FROM OLD.severity
           OR NEW.effective_from IS DISTINCT FROM OLD.effective_from
           OR NEW.effective_to IS DISTINCT FROM OLD.effective_to OR NEW.active IS DISTINCT FROM OLD.active
           OR NEW.kind IS DISTINCT FROM OLD.kind) THEN
        RAISE EXCEPTION 'warning rule % changed without a new version', OLD.code;
      END IF;
      IF TG_OP = 'INSERT' OR NEW.version <> OLD.version THEN
        INSERT INTO warning_rule_versions (rule_id, version, name_zh, name_en, params, severity,
          effective_from, effective_to, active, changed_by, changed_at)
        VALUES (NEW.id, NEW.version, NEW.name_zh, NEW.name_en, NEW.params, NEW.severity,
          NEW.effective_from, NEW.effective_to, NEW.active, NEW.updated_by, NEW.updated_at);
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER warning_rules_versioned AFTER INSERT OR UPDATE ON warning_rules
      FOR EACH ROW EXECUTE FUNCTION warning_rules_versioned();

    INSERT INTO warning_rule_versions (rule_id, version, name_zh, name_en, params, severity,
      effective_from, effective_to, active, changed_by, changed_at)
    SELECT id, version, name_zh, name_en, params, severity, effective_from, effective_to, active,
      NULL, updated_at
    FROM warning_rules;

    -- Alerts raised before versions existed were raised by version 1.
    ALTER TABLE warning_alerts ADD COLUMN rule_version integer NOT NULL DEFAULT 1;
    ALTER TABLE warning_alerts ALTER COLUMN rule_version DROP DEFAULT;
    ALTER TABLE warning_alerts ADD CONSTRAINT warning_alerts_rule_version_fk
      FOREIGN KEY (rule_id, rule_version) REFERENCES warning_rule_versions (rule_id, version);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE warning_alerts DROP CONSTRAINT IF EXISTS warning_alerts_rule_version_fk;
    ALTER TABLE warning_alerts DROP COLUMN IF EXISTS rule_version;
    DROP TRIGGER IF EXISTS warning_rules_versioned ON warning_rules;
    DROP FUNCTION IF EXISTS warning_rules_versioned();
    DROP TABLE IF EXISTS warning_rule_versions;
    ALTER TABLE warning_rules
      DROP COLUMN IF EXISTS updated_by,
      DROP COLUMN IF EXISTS created_by,
      DROP COLUMN IF EXISTS version;
  `.execute(db);
}
