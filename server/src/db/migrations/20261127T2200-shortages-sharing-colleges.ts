import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- ——— Labour shortages (用工缺口) ———
    -- An enterprise reports a shortage; staff of its district resolve it. headcount_filled never
    -- exceeds the headcount, and a resolved shortage always says how it was resolved.
    CREATE TABLE labour_shortages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      title text CHECK (length(title) BETWEEN 1 AND 60),
      occupation_code text NOT NULL REFERENCES occupations(code),
      headcount integer NOT NULL CHECK (headcount BETWEEN 1 AND 10000),
      headcount_filled integer NOT NULL DEFAULT 0 CHECK (headcount_filled >= 0 AND headcount_filled <= headcount),
      deadline date NOT NULL,
      needed_until date CHECK (needed_until >= deadline),
      district_code char(6) NOT NULL REFERENCES regions(code),
      wage_min_fen bigint NOT NULL CHECK (wage_min_fen >= 0),
      wage_max_fen bigint NOT NULL CHECK (wage_max_fen >= wage_min_fen),
      wage_period text NOT NULL CHECK (wage_period IN ('month','day','hour')),
      urgency text NOT NULL CHECK (urgency IN ('low','normal','high','critical')),
      cause text NOT NULL CHECK (cause IN ('workers_not_returned','new_orders','expansion','turnover','seasonal','other')),
      cause_note text CHECK (length(cause_note) <= 500),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','resolved','cancelled')),
      resolution_method text CHECK (resolution_method IN ('referral','college','cross_regional','shared_employment','other')),
      resolution_note text CHECK (length(resolution_note) <= 1000),
      resolved_at timestamptz,
      CHECK ((status = 'resolved') = (resolution_method IS NOT NULL AND resolved_at IS NOT NULL)),
      cancelled_at timestamptz,
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      reported_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX labour_shortages_enterprise_idx ON labour_shortages (enterprise_id, created_at DESC);
    CREATE INDEX labour_shortages_district_idx ON labour_shortages (district_code, status, created_at DESC);
    -- The board: unresolved shortages by district, occupation and urgency.
    CREATE INDEX labour_shortages_board_idx ON labour_shortages (district_code, occupation_code, urgency)
      WHERE status IN ('open','in_progress');

    CREATE TABLE labour_shortage_postings (
      shortage_id uuid NOT NULL REFERENCES labour_shortages(id) ON DELETE CASCADE,
      posting_id uuid NOT NULL REFERENCES job_postings(id),
      PRIMARY KEY (shortage_id, posting_id)
    );
    CREATE INDEX labour_shortage_postings_posting_idx ON labour_shortage_postings (posting_id);

    -- ——— Shared employment (共享用工) ———
    -- reserved_count: workers in pending or active agreements. The conditional UPDATE that reserves
    -- them and this CHECK are what keep agreements from lending more workers than were declared.
    CREATE TABLE idle_workforce (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      district_code char(6) NOT NULL REFERENCES regions(code),
      worker_count integer NOT NULL CHECK (worker_count BETWEEN 1 AND 10000),
      reserved_count integer NOT NULL DEFAULT 0 CHECK (reserved_count >= 0 AND reserved_count <= worker_count),
      occupation_codes text[] NOT NULL CHECK (cardinality(occupation_codes) BETWEEN 1 AND 10),
      skills text[] NOT NULL DEFAULT '{}' CHECK (cardinality(skills) <= 20),
      available_from date NOT NULL,
      available_until date NOT NULL CHECK (available_until >= available_from),
      note text CHECK (length(note) <= 1000),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','withdrawn')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX idle_workforce_enterprise_idx ON idle_workforce (enterprise_id, created_at DESC);
    CREATE INDEX idle_workforce_district_idx ON idle_workforce (district_code, status, created_at DESC);
    -- Matching candidates: open declarations still available.
    CREATE INDEX idle_workforce_open_idx ON idle_workforce (available_until) WHERE status = 'open';

    -- A tripartite agreement: lender (idle), borrower (shortage), and the listed workers. It becomes
    -- active only when both enterprises signed and every one of worker_count workers consented.
    CREATE TABLE sharing_agreements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      shortage_id uuid NOT NULL REFERENCES labour_shortages(id),
      idle_workforce_id uuid NOT NULL REFERENCES idle_workforce(id),
      lender_enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      borrower_enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      CHECK (lender_enterprise_id <> borrower_enterprise_id),
      worker_count integer NOT NULL CHECK (worker_count BETWEEN 1 AND 10000),
      listed_count integer NOT NULL DEFAULT 0 CHECK (listed_count >= 0 AND listed_count <= worker_count),
      consented_count integer NOT NULL DEFAULT 0 CHECK (consented_count >= 0 AND consented_count <= listed_count),
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      wage_fen bigint NOT NULL CHECK (wage_fen >= 0),
      wage_period text NOT NULL CHECK (wage_period IN ('month','day','hour')),
      wage_payer text NOT NULL CHECK (wage_payer IN ('lender','borrower')),
      injury_insurance_carrier text NOT NULL CHECK (injury_insurance_carrier IN ('lender','borrower')),
      terms text CHECK (length(terms) <= 4000),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','active','ended','returned','cancelled')),
      lender_signed_at timestamptz,
      lender_signed_by uuid REFERENCES users(id),
      borrower_signed_at timestamptz,
      borrower_signed_by uuid REFERENCES users(id),
      activated_at timestamptz,
      CHECK (status IN ('pending','cancelled') OR (
        lender_signed_at IS NOT NULL AND borrower_signed_at IS NOT NULL
        AND consented_count = worker_count AND activated_at IS NOT NULL)),
      started_on date,
      ended_on date,
      returned_on date,
      CHECK (status NOT IN ('ended','returned') OR ended_on IS NOT NULL),
      CHECK (status <> 'returned' OR returned_on IS NOT NULL),
      cancel_reason text CHECK (length(cancel_reason) <= 500),
      CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sharing_agreements_lender_idx ON sharing_agreements (lender_enterprise_id, created_at DESC);
    CREATE INDEX sharing_agreements_borrower_idx ON sharing_agreements (borrower_enterprise_id, created_at DESC);
    CREATE INDEX sharing_agreements_shortage_idx ON sharing_agreements (shortage_id);
    CREATE INDEX sharing_agreements_idle_idx ON sharing_agreements (idle_workforce_id);

    -- The listed workers and their consent. is_open: the agreement is pending or active; a worker
    -- is on one open agreement at a time.
    CREATE TABLE sharing_agreement_workers (
      agreement_id uuid NOT NULL REFERENCES sharing_agreements(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      consent text NOT NULL DEFAULT 'pending' CHECK (consent IN ('pending','consented','declined')),
      consent_method text CHECK (consent_method IN ('app','paper')),
      consent_at timestamptz,
      consent_signed_on date,
      consent_file_id uuid REFERENCES files(id),
      consent_recorded_by uuid REFERENCES users(id),
      CHECK ((consent = 'pending') = (consent_method IS NULL AND consent_at IS NULL)),
      CHECK (consent_method IS DISTINCT FROM 'paper' OR (consent_file_id IS NOT NULL AND consent_signed_on IS NOT NULL)),
      is_open boolean NOT NULL DEFAULT true,
      added_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (agreement_id, person_id)
    );
    CREATE UNIQUE INDEX sharing_agreement_workers_open_uniq ON sharing_agreement_workers (person_id) WHERE is_open;
    CREATE INDEX sharing_agreement_workers_person_idx ON sharing_agreement_workers (person_id);

    -- ——— Colleges (院校): cohorts, students with consent, enterprise demand, agreements ———
    CREATE TABLE colleges (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_user_id uuid NOT NULL UNIQUE REFERENCES users(id),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
      district_code char(6) NOT NULL REFERENCES regions(code),
      contact_name text CHECK (length(contact_name) <= 60),
      contact_phone text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- reserved_count: students in pending or signed agreements; listed_count: students on file.
    CREATE TABLE college_cohorts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      college_id uuid NOT NULL REFERENCES colleges(id),
      major text NOT NULL CHECK (length(major) BETWEEN 1 AND 60),
      occupation_codes text[] NOT NULL CHECK (cardinality(occupation_codes) BETWEEN 1 AND 10),
      student_count integer NOT NULL CHECK (student_count BETWEEN 1 AND 5000),
      reserved_count integer NOT NULL DEFAULT 0 CHECK (reserved_count >= 0 AND reserved_count <= student_count),
      listed_count integer NOT NULL DEFAULT 0 CHECK (listed_count >= 0 AND listed_count <= student_count),
      graduation_date date NOT NULL,
      district_code char(6) NOT NULL REFERENCES regions(code),
      education_level text REFERENCES education_levels(code),
      description text CHECK (length(description) <= 2000),
      status text NOT NULL DEFAULT 'published' CHECK (status IN ('published','closed')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX college_cohorts_college_idx ON college_cohorts (college_id, created_at DESC);
    CREATE INDEX college_cohorts_published_idx ON college_cohorts (graduation_date) WHERE status = 'published';

    -- Only students whose consent was recorded are on file (PIPL art. 13, 23).
    CREATE TABLE cohort_students (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      cohort_id uuid NOT NULL REFERENCES college_cohorts(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      consent_signed_on date NOT NULL,
      consent_file_id uuid REFERENCES files(id),
      share_with_enterprises boolean NOT NULL DEFAULT false,
      added_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (cohort_id, person_id)
    );

    CREATE TABLE enterprise_demands (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      district_code char(6) NOT NULL REFERENCES regions(code),
      kind text NOT NULL CHECK (kind IN ('internship','order_training')),
      occupation_codes text[] NOT NULL CHECK (cardinality(occupation_codes) BETWEEN 1 AND 10),
      count integer NOT NULL CHECK (count BETWEEN 1 AND 5000),
      reserved_count integer NOT NULL DEFAULT 0 CHECK (reserved_count >= 0 AND reserved_count <= count),
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      description text CHECK (length(description) <= 2000),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX enterprise_demands_enterprise_idx ON enterprise_demands (enterprise_id, created_at DESC);
    CREATE INDEX enterprise_demands_open_idx ON enterprise_demands (starts_on) WHERE status = 'open';

    CREATE TABLE college_agreements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      cohort_id uuid NOT NULL REFERENCES college_cohorts(id),
      demand_id uuid NOT NULL REFERENCES enterprise_demands(id),
      college_id uuid NOT NULL REFERENCES colleges(id),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      kind text NOT NULL CHECK (kind IN ('internship','order_training')),
      student_count integer NOT NULL CHECK (student_count BETWEEN 1 AND 5000),
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      terms text CHECK (length(terms) <= 4000),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','signed','completed','cancelled')),
      college_signed_at timestamptz,
      college_signed_by uuid REFERENCES users(id),
      enterprise_signed_at timestamptz,
      enterprise_signed_by uuid REFERENCES users(id),
      signed_at timestamptz,
      CHECK (status NOT IN ('signed','completed') OR (
        college_signed_at IS NOT NULL AND enterprise_signed_at IS NOT NULL AND signed_at IS NOT NULL)),
      completed_at timestamptz,
      CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
      hired_count integer CHECK (hired_count >= 0 AND hired_count <= student_count),
      outcome_note text CHECK (length(outcome_note) <= 1000),
      cancel_reason text CHECK (length(cancel_reason) <= 1000),
      CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX college_agreements_cohort_idx ON college_agreements (cohort_id, created_at DESC);
    CREATE INDEX college_agreements_college_idx ON college_agreements (college_id, created_at DESC);
    CREATE INDEX college_agreements_enterprise_idx ON college_agreements (enterprise_id, created_at DESC);
    CREATE INDEX college_agreements_demand_idx ON college_agreements (demand_id);

    -- ——— Key enterprises (重点企业): service officers, service log, problems with deadlines ———
    CREATE TABLE key_enterprises (
      enterprise_id uuid PRIMARY KEY REFERENCES enterprises(id),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      officer_user_id uuid REFERENCES users(id),
      is_active boolean NOT NULL DEFAULT true,
      marked_by uuid REFERENCES users(id),
      marked_at timestamptz NOT NULL DEFAULT now(),
      unmarked_at timestamptz,
      CHECK (is_active = (unmarked_at IS NULL)),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX key_enterprises_officer_idx ON key_enterprises (officer_user_id) WHERE is_active;

    CREATE TABLE enterprise_service_logs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      officer_user_id uuid NOT NULL REFERENCES users(id),
      served_on date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('visit','phone','online','meeting')),
      notes text NOT NULL CHECK (length(notes) BETWEEN 1 AND 4000),
      -- Staff only: never shown to the enterprise.
      internal_note text CHECK (length(internal_note) <= 2000),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX enterprise_service_logs_enterprise_idx ON enterprise_service_logs (enterprise_id, served_on DESC, created_at DESC);

    CREATE TABLE enterprise_service_problems (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      service_log_id uuid NOT NULL REFERENCES enterprise_service_logs(id),
      category text NOT NULL CHECK (category IN ('labour_shortage','recruitment','policy','social_insurance','training','transport','financing','epidemic_prevention','other')),
      description text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
      deadline date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
      resolution_note text CHECK (length(resolution_note) <= 2000),
      resolved_at timestamptz,
      resolved_by uuid REFERENCES users(id),
      CHECK ((status = 'resolved') = (resolved_at IS NOT NULL AND resolution_note IS NOT NULL)),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX enterprise_service_problems_enterprise_idx ON enterprise_service_problems (enterprise_id, created_at DESC);
    CREATE INDEX enterprise_service_problems_log_idx ON enterprise_service_problems (service_log_id);
    -- The overdue list: open problems by deadline.
    CREATE INDEX enterprise_service_problems_open_idx ON enterprise_service_problems (deadline) WHERE status = 'open';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS enterprise_service_problems, enterprise_service_logs, key_enterprises,
      college_agreements, enterprise_demands, cohort_students, college_cohorts, colleges,
      sharing_agreement_workers, sharing_agreements, idle_workforce,
      labour_shortage_postings, labour_shortages;
  `.execute(db);
}
