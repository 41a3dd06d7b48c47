import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- What the registration desk records about a person beyond persons (20261127T2050): where they
    -- live (decides the serving district), education and the evidence flags key-group rules read.
    -- One row per person at most; persons created by other modules have none until a desk edit.
    CREATE TABLE person_profiles (
      person_id uuid PRIMARY KEY REFERENCES persons(id),
      residence_district_code char(6) CHECK (residence_district_code ~ '^4408[0-9]{2}$'),
      address text CHECK (length(address) <= 200),
      education_level text,
      school text CHECK (length(school) <= 100),
      major text CHECK (length(major) <= 100),
      graduation_date date,
      rural_household boolean NOT NULL DEFAULT false,
      veteran boolean NOT NULL DEFAULT false,
      poor_household boolean NOT NULL DEFAULT false,
      disability boolean NOT NULL DEFAULT false,
      evidence_note text CHECK (length(evidence_note) <= 500),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX person_profiles_district_idx ON person_profiles (residence_district_code);
    CREATE INDEX persons_full_name_trgm_idx ON persons USING gin (full_name gin_trgm_ops);
    CREATE INDEX persons_id_tail_idx ON persons (right(id_number_masked, 4));

    -- 就业创业证: one certificate per person for life, numbered district (6) + year (4) + sequence
    -- (6) from a per-district, per-year counter (e.g. 4408032026000123).
    CREATE TABLE certificate_sequences (
      district_code char(6) NOT NULL,
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2999),
      last_value int NOT NULL CHECK (last_value BETWEEN 1 AND 999999),
      PRIMARY KEY (district_code, year)
    );
    CREATE TABLE employment_certificates (
      person_id uuid PRIMARY KEY REFERENCES persons(id),
      certificate_no char(16) NOT NULL UNIQUE CHECK (certificate_no ~ '^[0-9]{16}$'),
      district_code char(6) NOT NULL,
      issued_on date NOT NULL,
      issued_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- Unemployment (失业登记) and employment (就业登记) registrations.
    CREATE TABLE registrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      kind text NOT NULL CHECK (kind IN ('unemployment', 'employment')),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'employed', 'deregistered')),
      district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
      source text NOT NULL CHECK (source IN ('self', 'staff', 'employer', 'platform_hire')),
      registered_on date NOT NULL,
      certificate_no char(16) REFERENCES employment_certificates(certificate_no),
      unemployed_since date,
      cause text,
      seeking_work boolean,
      enterprise_id uuid REFERENCES enterprises(id),
      hired_on date,
      job_title text CHECK (length(job_title) <= 60),
      contract_type text CHECK (contract_type IN ('fixed_term', 'open_ended', 'task_based', 'part_time', 'flexible')),
      contract_end_on date,
      -- A platform hire is filed once: the unique key makes the sweep idempotent.
      hire_id uuid UNIQUE REFERENCES hires(id),
      late boolean NOT NULL DEFAULT false,
      note text CHECK (length(note) <= 1000),
      ended_on date,
      end_reason text,
      end_note text CHECK (length(end_note) <= 1000),
      closed_by_registration_id uuid REFERENCES registrations(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind <> 'unemployment' OR (certificate_no IS NOT NULL AND unemployed_since IS NOT NULL
        AND enterprise_id IS NULL AND hired_on IS NULL)),
      CHECK (kind <> 'employment' OR (enterprise_id IS NOT NULL AND hired_on IS NOT NULL
        AND job_title IS NOT NULL AND status <> 'employed')),
      CHECK ((status = 'active') = (ended_on IS NULL)),
      CHECK (status <> 'employed' OR closed_by_registration_id IS NOT NULL),
      CHECK (contract_end_on IS NULL OR contract_end_on >= hired_on)
    );
    -- One active unemployment registration per person: the database decides concurrent requests.
    CREATE UNIQUE INDEX registrations_unemployment_active_uniq ON registrations (person_id)
      WHERE kind = 'unemployment' AND status = 'active';
    CREATE INDEX registrations_person_idx ON registrations (person_id, created_at);
    CREATE INDEX registrations_district_idx ON registrations (district_code, kind, status, created_at DESC);
    CREATE INDEX registrations_enterprise_idx ON registrations (enterprise_id, created_at DESC)
      WHERE enterprise_id IS NOT NULL;

    -- A person's status history (timeline), written with each change.
    CREATE TABLE person_events (
      id bigserial PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES persons(id),
      at timestamptz NOT NULL,
      kind text NOT NULL,
      registration_id uuid REFERENCES registrations(id),
      case_id uuid,
      detail jsonb NOT NULL DEFAULT '{}',
      actor_user_id uuid REFERENCES users(id)
    );
    CREATE INDEX person_events_person_idx ON person_events (person_id, at, id);

    -- Key-group classification rules kept as data, one version in force per group and day.
    CREATE TABLE key_group_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      group_code text NOT NULL CHECK (group_code IN ('college_graduate', 'migrant_worker', 'retired_soldier',
        'middle_aged_4050', 'poor_household', 'employment_difficulty')),
      name_zh text NOT NULL,
      name_en text NOT NULL,
      description_zh text NOT NULL DEFAULT '',
      description_en text NOT NULL DEFAULT '',
      rule jsonb NOT NULL,
      effective_from date NOT NULL,
      effective_to date,
      validity_months int NOT NULL DEFAULT 12 CHECK (validity_months BETWEEN 1 AND 60),
      -- Rules seeded at boot carry a key so seeding is idempotent.
      seed_key text UNIQUE,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (effective_to IS NULL OR effective_to >= effective_from)
    );
    CREATE INDEX key_group_rules_group_idx ON key_group_rules (group_code, effective_from);

    CREATE TABLE key_group_memberships (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      group_code text NOT NULL,
      rule_id uuid NOT NULL REFERENCES key_group_rules(id),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
      since date NOT NULL,
      valid_until date,
      evidence jsonb NOT NULL DEFAULT '[]',
      confirmed_by uuid REFERENCES users(id),
      confirmed_at timestamptz,
      ended_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'ended') = (ended_on IS NOT NULL)),
      CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL))
    );
    CREATE UNIQUE INDEX key_group_memberships_active_uniq ON key_group_memberships (person_id, group_code)
      WHERE status = 'active';
    CREATE INDEX key_group_memberships_group_idx ON key_group_memberships (group_code, status);
    CREATE INDEX key_group_memberships_valid_idx ON key_group_memberships (valid_until) WHERE status = 'active';

    -- Assistance cases: one open case per person, with a responsible officer of its district.
    CREATE TABLE cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      district_code char(6) NOT NULL,
      officer_user_id uuid REFERENCES users(id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      open_reason text NOT NULL CHECK (open_reason IN ('unemployment_registration', 'key_group', 'graduate', 'manual')),
      opened_at timestamptz NOT NULL,
      -- The 30-day "no service yet" clock starts here (registration day or opening day).
      service_clock_from date NOT NULL,
      closed_at timestamptz,
      outcome text CHECK (outcome IN ('employed', 'self_employed', 'training', 'moved_away', 'retired',
        'declined', 'no_longer_eligible', 'other')),
      outcome_note text CHECK (length(outcome_note) <= 1000),
      closed_by_registration_id uuid REFERENCES registrations(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
      CHECK (status = 'open' OR outcome IS NOT NULL)
    );
    CREATE UNIQUE INDEX cases_open_uniq ON cases (person_id) WHERE status = 'open';
    CREATE INDEX cases_district_idx ON cases (district_code, status, opened_at DESC);
    CREATE INDEX cases_officer_idx ON cases (officer_user_id, status);
    ALTER TABLE person_events ADD FOREIGN KEY (case_id) REFERENCES cases(id);

    CREATE TABLE case_services (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id),
      kind text NOT NULL CHECK (kind IN ('job_referral', 'training_referral', 'policy_referral', 'counselling')),
      posting_id uuid REFERENCES job_postings(id),
      course_id uuid,
      policy_code text CHECK (length(policy_code) <= 64),
      note text CHECK (length(note) <= 1000),
      provided_at timestamptz NOT NULL,
      provided_by uuid REFERENCES users(id),
      follow_up_due date,
      follow_up_done_at timestamptz,
      outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'interviewed', 'hired', 'rejected',
        'enrolled', 'completed', 'applied', 'granted', 'declined', 'no_show', 'other')),
      outcome_note text CHECK (length(outcome_note) <= 1000),
      -- Services logged by other modules (training enrolments…) once per source event.
      dedupe_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind <> 'job_referral' OR posting_id IS NOT NULL)
    );
    CREATE INDEX case_services_case_idx ON case_services (case_id, provided_at DESC);
    CREATE INDEX case_services_due_idx ON case_services (follow_up_due) WHERE follow_up_done_at IS NULL;

    -- The college graduate registry (item 8): one entry per person (the latest school).
    CREATE TABLE graduates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL UNIQUE REFERENCES persons(id),
      school text NOT NULL CHECK (length(school) BETWEEN 1 AND 100),
      major text NOT NULL CHECK (length(major) BETWEEN 1 AND 100),
      education_level text NOT NULL,
      graduation_date date NOT NULL,
      residence_district_code char(6) NOT NULL,
      source text NOT NULL CHECK (source IN ('college', 'self', 'staff')),
      registered_by uuid REFERENCES users(id),
      consent_id uuid REFERENCES consents(id),
      consent_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX graduates_registered_by_idx ON graduates (registered_by, created_at DESC);
    CREATE INDEX graduates_district_idx ON graduates (residence_district_code, graduation_date);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE graduates, case_services, person_events, cases, key_group_memberships, key_group_rules,
      registrations, employment_certificates, certificate_sequences, person_profiles CASCADE;
    DROP INDEX IF EXISTS persons_full_name_trgm_idx;
    DROP INDEX IF EXISTS persons_id_tail_idx;
  `.execute(db);
}
