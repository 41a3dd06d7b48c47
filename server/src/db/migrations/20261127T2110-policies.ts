import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- The policy catalogue, one row per version: an edit adds a version and moves is_latest, so an
    -- application keeps pointing at the rules it was judged by.
    CREATE TABLE policies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$'),
      version integer NOT NULL CHECK (version >= 1),
      is_latest boolean NOT NULL DEFAULT true,
      kind text NOT NULL CHECK (kind IN ('social_insurance_relief','guarantee_loan_deferral',
        'job_stabilisation_refund','financing_referral','startup_subsidy','key_group_hiring_subsidy',
        'training_subsidy','public_welfare_post_subsidy','transport_subsidy')),
      applicant_type text NOT NULL CHECK (applicant_type IN ('enterprise','person')),
      name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 2 AND 100),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 2 AND 200),
      summary_zh text NOT NULL DEFAULT '',
      summary_en text NOT NULL DEFAULT '',
      basis_zh text NOT NULL DEFAULT '',
      basis_en text NOT NULL DEFAULT '',
      effective_from date NOT NULL,
      effective_to date,
      eligibility jsonb NOT NULL,
      required_documents jsonb NOT NULL DEFAULT '[]',
      form_fields jsonb NOT NULL DEFAULT '[]',
      amount jsonb,
      amount_cap_fen bigint CHECK (amount_cap_fen >= 0),
      period text NOT NULL CHECK (period IN ('once','year','quarter','month')),
      review_chain text NOT NULL DEFAULT 'district_then_bureau' CHECK (review_chain IN ('district_then_bureau')),
      notice_days integer NOT NULL CHECK (notice_days BETWEEN 0 AND 60),
      dual_approval_threshold_fen bigint CHECK (dual_approval_threshold_fen >= 0),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (code, version),
      CHECK (effective_to IS NULL OR effective_to >= effective_from)
    );
    -- Exactly one current version per code: two concurrent edits of one version cannot both win.
    CREATE UNIQUE INDEX policies_latest_uniq ON policies (code) WHERE is_latest;
    CREATE INDEX policies_kind_idx ON policies (kind, applicant_type) WHERE is_latest;

    CREATE TABLE policy_applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_id uuid NOT NULL REFERENCES policies(id),
      policy_code text NOT NULL,
      policy_version integer NOT NULL,
      subject_type text NOT NULL CHECK (subject_type IN ('enterprise','person')),
      enterprise_id uuid REFERENCES enterprises(id),
      person_id uuid REFERENCES persons(id),
      subject_id uuid GENERATED ALWAYS AS (coalesce(enterprise_id, person_id)) STORED,
      district_code char(6) NOT NULL REFERENCES regions(code),
      status text NOT NULL CHECK (status IN ('draft','submitted','district_review','bureau_review',
        'notice','approved','paid','rejected','returned','withdrawn')),
      period_key text NOT NULL CHECK (period_key ~ '^(once|[0-9]{4}(-Q[1-4]|-[0-9]{2})?)$'),
      form_data jsonb NOT NULL DEFAULT '{}',
      amount_fen bigint CHECK (amount_fen >= 0),
      amount jsonb,
      eligibility jsonb,
      -- The account applying (a clerk of the enterprise, the person's own account); null while a
      -- draft an officer prepared waits for a person without an account.
      applicant_user_id uuid REFERENCES users(id),
      -- Maker-checker: the officer who prepared it, and every officer who took a district step,
      -- may not approve it.
      prepared_by uuid REFERENCES users(id),
      district_reviewer_ids uuid[] NOT NULL DEFAULT '{}',
      approvals_needed smallint NOT NULL DEFAULT 1 CHECK (approvals_needed IN (1, 2)),
      first_approver_id uuid REFERENCES users(id),
      last_note text,
      submitted_at timestamptz,
      notice_starts_at timestamptz,
      notice_ends_at timestamptz,
      approved_at timestamptz,
      paid_at timestamptz,
      -- Set by the payouts module (one payout per application is its table's own unique key).
      payout_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((subject_type = 'enterprise') = (enterprise_id IS NOT NULL)),
      CHECK ((subject_type = 'person') = (person_id IS NOT NULL)),
      CHECK ((status = 'paid') = (payout_id IS NOT NULL)),
      CHECK (status NOT IN ('notice','approved','paid') OR notice_ends_at IS NOT NULL),
      CHECK (first_approver_id IS NULL OR approvals_needed = 2)
    );
    -- One grant per subject, policy and period: whatever the application code does, two applications
    -- that count (submitted … paid) for the same subject, policy and period cannot both exist.
    CREATE UNIQUE INDEX policy_applications_grant_uniq
      ON policy_applications (subject_type, subject_id, policy_code, period_key)
      WHERE status IN ('submitted','district_review','bureau_review','notice','approved','paid');
    CREATE INDEX policy_applications_queue_idx ON policy_applications (status, district_code, created_at);
    CREATE INDEX policy_applications_enterprise_idx ON policy_applications (enterprise_id, created_at DESC)
      WHERE enterprise_id IS NOT NULL;
    CREATE INDEX policy_applications_person_idx ON policy_applications (person_id, created_at DESC)
      WHERE person_id IS NOT NULL;
    CREATE INDEX policy_applications_policy_idx ON policy_applications (policy_code, status);
    CREATE INDEX policy_applications_notice_due_idx ON policy_applications (notice_ends_at) WHERE status = 'notice';

    CREATE TABLE policy_application_documents (
      application_id uuid NOT NULL REFERENCES policy_applications(id) ON DELETE CASCADE,
      file_id uuid NOT NULL REFERENCES files(id),
      doc_code text NOT NULL CHECK (doc_code ~ '^[a-z][a-z0-9_]{1,39}$'),
      PRIMARY KEY (application_id, file_id)
    );

    -- The application's timeline: every transition (and first approvals, objections upheld).
    CREATE TABLE policy_application_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES policy_applications(id),
      action text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      note text,
      actor_user_id uuid REFERENCES users(id),
      actor_kind text NOT NULL CHECK (actor_kind IN ('applicant','district','bureau','staff','system','payouts')),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX policy_application_events_app_idx ON policy_application_events (application_id, id);
    CREATE INDEX policy_application_events_actor_idx ON policy_application_events (actor_user_id)
      WHERE actor_user_id IS NOT NULL;

    -- Objections raised during the public notice (公示).
    CREATE TABLE policy_objections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES policy_applications(id),
      raised_by uuid NOT NULL REFERENCES users(id),
      reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 1000),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','upheld','dismissed')),
      resolution_note text,
      resolved_by uuid REFERENCES users(id),
      resolved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'open') = (resolved_at IS NULL))
    );
    CREATE INDEX policy_objections_app_idx ON policy_objections (application_id);
    CREATE INDEX policy_objections_open_idx ON policy_objections (created_at) WHERE status = 'open';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE policy_objections, policy_application_events, policy_application_documents,
      policy_applications, policies CASCADE;
  `.execute(db);
}
