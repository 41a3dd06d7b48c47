import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- ——— Enterprise employment monitoring (失业动态监测) ———
    -- Sample enterprises designated by district staff; one row per enterprise (re-designation
    -- reactivates it).
    CREATE TABLE monitored_enterprises (
      enterprise_id uuid PRIMARY KEY REFERENCES enterprises(id),
      district_code char(6) NOT NULL REFERENCES regions(code),
      active boolean NOT NULL DEFAULT true,
      -- The first month the enterprise owes a report for (first day of a month).
      first_month date NOT NULL CHECK (extract(day FROM first_month) = 1),
      note text CHECK (length(note) <= 500),
      designated_by uuid REFERENCES users(id),
      designated_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz,
      CHECK (active = (ended_at IS NULL))
    );
    CREATE INDEX monitored_enterprises_district_idx ON monitored_enterprises (district_code) WHERE active;

    -- One report per enterprise and month; the balance is the database's last word too:
    -- end = start + hires − separations.
    CREATE TABLE monitoring_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES monitored_enterprises(enterprise_id),
      district_code char(6) NOT NULL REFERENCES regions(code),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      start_headcount integer NOT NULL CHECK (start_headcount BETWEEN 0 AND 1000000),
      end_headcount integer NOT NULL CHECK (end_headcount BETWEEN 0 AND 1000000),
      hires integer NOT NULL CHECK (hires BETWEEN 0 AND 1000000),
      sep_layoff integer NOT NULL CHECK (sep_layoff >= 0),
      sep_resignation integer NOT NULL CHECK (sep_resignation >= 0),
      sep_contract_end integer NOT NULL CHECK (sep_contract_end >= 0),
      sep_retirement integer NOT NULL CHECK (sep_retirement >= 0),
      sep_other integer NOT NULL CHECK (sep_other >= 0),
      CHECK (end_headcount = start_headcount + hires
        - (sep_layoff + sep_resignation + sep_contract_end + sep_retirement + sep_other)),
      note text CHECK (length(note) <= 500),
      late boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      submitted_by uuid REFERENCES users(id),
      submitted_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (enterprise_id, month)
    );
    CREATE INDEX monitoring_reports_month_idx ON monitoring_reports (month, district_code);

    -- ——— Early warning (预警): rules as data, alerts with owners ———
    CREATE TABLE warning_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9_]{2,64}$'),
      kind text NOT NULL CHECK (kind IN ('layoff','supply_demand_ratio','registrations_rising',
        'shortage_unresolved','payout_waiting')),
      name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
      params jsonb NOT NULL DEFAULT '{}',
      severity text NOT NULL CHECK (severity IN ('low','medium','high','critical')),
      effective_from date NOT NULL,
      effective_to date CHECK (effective_to IS NULL OR effective_to >= effective_from),
      active boolean NOT NULL DEFAULT true,
      seed_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE warning_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      rule_id uuid NOT NULL REFERENCES warning_rules(id),
      kind text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('low','medium','high','critical')),
      subject_type text NOT NULL CHECK (subject_type IN ('enterprise','occupation','district',
        'shortage','policy_application')),
      subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 64),
      -- The period the alert is about: a month (2026-10) or 'once' for a record that waits.
      period text NOT NULL CHECK (period ~ '^([0-9]{4}-[0-9]{2}|once)$'),
      district_code char(6) REFERENCES regions(code),
      title_zh text NOT NULL,
      title_en text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','acknowledged','resolved')),
      assignee_user_id uuid REFERENCES users(id),
      raised_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES users(id),
      resolved_at timestamptz,
      resolved_by uuid REFERENCES users(id),
      resolution_note text CHECK (length(resolution_note) <= 1000),
      CHECK ((status = 'resolved') = (resolved_at IS NOT NULL AND resolution_note IS NOT NULL)),
      CHECK (status = 'open' OR acknowledged_at IS NOT NULL),
      -- Raised once per rule, subject and period, however often the evaluation runs.
      UNIQUE (rule_id, subject_type, subject_id, period)
    );
    CREATE INDEX warning_alerts_list_idx ON warning_alerts (status, district_code, raised_at DESC);

    -- ——— Read models for statistics and the postings feed ———
    CREATE INDEX IF NOT EXISTS job_postings_feed_idx ON job_postings (updated_at, id);
    CREATE INDEX IF NOT EXISTS job_postings_published_at_all_idx ON job_postings (published_at, district_code);
    CREATE INDEX IF NOT EXISTS hires_hired_at_idx ON hires (hired_at);
    CREATE INDEX IF NOT EXISTS registrations_registered_on_idx ON registrations (kind, registered_on, district_code);
    CREATE INDEX IF NOT EXISTS resumes_created_at_idx ON resumes (created_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS resumes_created_at_idx;
    DROP INDEX IF EXISTS registrations_registered_on_idx;
    DROP INDEX IF EXISTS hires_hired_at_idx;
    DROP INDEX IF EXISTS job_postings_published_at_all_idx;
    DROP INDEX IF EXISTS job_postings_feed_idx;
    DROP TABLE IF EXISTS warning_alerts;
    DROP TABLE IF EXISTS warning_rules;
    DROP TABLE IF EXISTS monitoring_reports;
    DROP TABLE IF EXISTS monitored_enterprises;
  `.execute(db);
}
