import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- ——— Public-welfare posts (公益性岗位) ———
    -- A sponsoring unit (an enterprise record) publishes posts; the bureau places people with
    -- employment difficulties on them. placed_count counts active placements: the database has the
    -- last word on "never more placements than the post's headcount".
    CREATE TABLE welfare_posts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      district_code char(6) NOT NULL REFERENCES regions(code),
      title text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
      duties text NOT NULL CHECK (length(duties) BETWEEN 1 AND 2000),
      headcount integer NOT NULL CHECK (headcount BETWEEN 1 AND 500),
      placed_count integer NOT NULL DEFAULT 0 CHECK (placed_count >= 0 AND placed_count <= headcount),
      term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 120),
      monthly_subsidy_fen bigint NOT NULL CHECK (monthly_subsidy_fen >= 0),
      weekly_hours integer NOT NULL CHECK (weekly_hours BETWEEN 1 AND 44),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX welfare_posts_district_idx ON welfare_posts (district_code, created_at DESC);
    CREATE INDEX welfare_posts_enterprise_idx ON welfare_posts (enterprise_id, created_at DESC);

    CREATE TABLE welfare_placements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL REFERENCES welfare_posts(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      starts_on date NOT NULL,
      term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 120),
      -- The day before starts_on + term_months (a placement from 2026-01-15 for 12 months ends 2027-01-14).
      planned_end_on date NOT NULL
        CHECK (planned_end_on = (starts_on + make_interval(months => term_months))::date - 1),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','ended')),
      ended_on date CHECK (ended_on >= starts_on AND ended_on <= planned_end_on),
      end_reason text CHECK (end_reason IN ('term_completed','found_job','resigned','dismissed','no_longer_eligible','other')),
      CHECK ((status = 'ended') = (ended_on IS NOT NULL AND end_reason IS NOT NULL)),
      -- Months this placement counts against the person's cumulative limit: the whole term while
      -- active; once ended, the calendar months begun (see welfare-posts.repository.ts).
      months_counted integer NOT NULL CHECK (months_counted BETWEEN 1 AND term_months),
      note text CHECK (length(note) <= 500),
      end_note text CHECK (length(end_note) <= 500),
      created_by uuid REFERENCES users(id),
      ended_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- One public-welfare post at a time per person.
    CREATE UNIQUE INDEX welfare_placements_one_active_uniq ON welfare_placements (person_id) WHERE status = 'active';
    CREATE INDEX welfare_placements_post_idx ON welfare_placements (post_id, status, created_at DESC);
    CREATE INDEX welfare_placements_person_idx ON welfare_placements (person_id, starts_on);

    -- Monthly attendance reported by the sponsoring unit (or staff): one row per placement and month.
    CREATE TABLE welfare_attendance (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      placement_id uuid NOT NULL REFERENCES welfare_placements(id),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      working_days integer NOT NULL CHECK (working_days BETWEEN 1 AND 31),
      days_present integer NOT NULL CHECK (days_present BETWEEN 0 AND working_days),
      recorded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (placement_id, month)
    );

    -- The subsidy each month's attendance produces, for the payouts module (status pending → paid).
    -- amount_fen = floor(rate × days_present / working_days), computed by the repository from the
    -- attendance row in the same statement; a paid record is frozen (its attendance too).
    CREATE TABLE welfare_subsidies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      attendance_id uuid NOT NULL UNIQUE REFERENCES welfare_attendance(id),
      placement_id uuid NOT NULL REFERENCES welfare_placements(id),
      post_id uuid NOT NULL REFERENCES welfare_posts(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      district_code char(6) NOT NULL REFERENCES regions(code),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      monthly_subsidy_fen bigint NOT NULL CHECK (monthly_subsidy_fen >= 0),
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0 AND amount_fen <= monthly_subsidy_fen),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','paid')),
      paid_at timestamptz,
      payout_ref text,
      CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (placement_id, month)
    );
    CREATE INDEX welfare_subsidies_month_idx ON welfare_subsidies (month, status);
    CREATE INDEX welfare_subsidies_district_idx ON welfare_subsidies (district_code, month DESC);
    CREATE INDEX welfare_subsidies_post_idx ON welfare_subsidies (post_id, month DESC);
    CREATE INDEX welfare_subsidies_person_idx ON welfare_subsidies (person_id, month);

    -- ——— Vocational training (职业技能培训) ———
    CREATE TABLE training_providers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
      kind text NOT NULL CHECK (kind IN ('college','agency','enterprise','other')),
      licence_number text NOT NULL UNIQUE CHECK (licence_number ~ '^[0-9A-Z][0-9A-Z-]{4,38}[0-9A-Z]$'),
      district_code char(6) NOT NULL REFERENCES regions(code),
      contact_name text CHECK (length(contact_name) <= 40),
      contact_phone text CHECK (contact_phone ~ '^1[3-9][0-9]{9}$'),
      -- The college/agency account that manages it (one provider per account); staff-registered
      -- providers have none and are managed by staff of their district.
      owner_user_id uuid UNIQUE REFERENCES users(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX training_providers_district_idx ON training_providers (district_code, name);

    -- enrolled_count counts places taken (enrolled, completed, failed; not withdrawn). The conditional
    -- UPDATE in training.repository.ts takes a place; the CHECK is the database's last word.
    CREATE TABLE training_courses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      provider_id uuid NOT NULL REFERENCES training_providers(id),
      occupation_code text NOT NULL REFERENCES occupations(code),
      title text NOT NULL CHECK (length(title) BETWEEN 2 AND 80),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
      hours integer NOT NULL CHECK (hours BETWEEN 1 AND 2000),
      subsidy_per_head_fen bigint NOT NULL CHECK (subsidy_per_head_fen >= 0),
      schedule text NOT NULL CHECK (length(schedule) BETWEEN 1 AND 500),
      capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
      enrolled_count integer NOT NULL DEFAULT 0 CHECK (enrolled_count >= 0 AND enrolled_count <= capacity),
      district_code char(6) NOT NULL REFERENCES regions(code),
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed','finished','cancelled')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX training_courses_district_idx ON training_courses (district_code, starts_on DESC);
    CREATE INDEX training_courses_provider_idx ON training_courses (provider_id, starts_on DESC);
    CREATE INDEX training_courses_status_idx ON training_courses (status, starts_on DESC);
    CREATE INDEX training_courses_occupation_idx ON training_courses (occupation_code text_pattern_ops);

    CREATE TABLE training_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      course_id uuid NOT NULL REFERENCES training_courses(id),
      position integer NOT NULL CHECK (position >= 1),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
      topic text CHECK (length(topic) <= 100),
      UNIQUE (course_id, position)
    );

    CREATE TABLE training_enrollments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      course_id uuid NOT NULL REFERENCES training_courses(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      status text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled','withdrawn','completed','failed')),
      enrolled_via text NOT NULL CHECK (enrolled_via IN ('self','staff','provider')),
      enrolled_by uuid REFERENCES users(id),
      enrolled_at timestamptz NOT NULL,
      withdrawn_at timestamptz,
      withdraw_reason text CHECK (length(withdraw_reason) <= 500),
      CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL)),
      completed_on date,
      CHECK ((status IN ('completed','failed')) = (completed_on IS NOT NULL)),
      certificate_number text CHECK (length(certificate_number) BETWEEN 4 AND 40),
      CHECK ((status = 'completed') = (certificate_number IS NOT NULL)),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- One enrolment per person and course (a withdrawn one does not count: they may enrol again).
    CREATE UNIQUE INDEX training_enrollments_one_uniq ON training_enrollments (course_id, person_id)
      WHERE status <> 'withdrawn';
    CREATE UNIQUE INDEX training_enrollments_certificate_uniq ON training_enrollments (certificate_number)
      WHERE certificate_number IS NOT NULL;
    CREATE INDEX training_enrollments_course_idx ON training_enrollments (course_id, status, enrolled_at);
    CREATE INDEX training_enrollments_person_idx ON training_enrollments (person_id, completed_on);

    CREATE TABLE training_attendance (
      session_id uuid NOT NULL REFERENCES training_sessions(id),
      enrollment_id uuid NOT NULL REFERENCES training_enrollments(id),
      present boolean NOT NULL,
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, enrollment_id)
    );
    CREATE INDEX training_attendance_enrollment_idx ON training_attendance (enrollment_id) WHERE present;

    -- Outcomes look for a platform hire of the person's account after completion.
    CREATE INDEX IF NOT EXISTS hires_seeker_hired_idx ON hires (seeker_user_id, hired_at);

    -- ——— Rural e-commerce projects (农村电商) ———
    CREATE TABLE ecommerce_projects (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 80),
      -- A county (GB/T 2260) or a village (12-digit statistical division code under the county).
      region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}([0-9]{6})?$'),
      county_code char(6) NOT NULL REFERENCES regions(code) CHECK (county_code = substr(region_code, 1, 6)),
      village_name text CHECK (length(village_name) <= 60),
      product text NOT NULL CHECK (length(product) BETWEEN 1 AND 100),
      organiser text NOT NULL CHECK (length(organiser) BETWEEN 1 AND 100),
      organiser_phone text CHECK (organiser_phone ~ '^1[3-9][0-9]{9}$'),
      starts_on date NOT NULL,
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','ended')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ecommerce_projects_county_idx ON ecommerce_projects (county_code, created_at DESC);

    CREATE TABLE ecommerce_participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES ecommerce_projects(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      trained boolean NOT NULL DEFAULT false,
      selling boolean NOT NULL DEFAULT false,
      monthly_income_fen bigint CHECK (monthly_income_fen >= 0),
      income_reported_at timestamptz,
      CHECK ((monthly_income_fen IS NULL) = (income_reported_at IS NULL)),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (project_id, person_id)
    );
    CREATE INDEX ecommerce_participants_person_idx ON ecommerce_participants (person_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS ecommerce_participants, ecommerce_projects,
      training_attendance, training_enrollments, training_sessions, training_courses, training_providers,
      welfare_subsidies, welfare_attendance, welfare_placements, welfare_posts;
    DROP INDEX IF EXISTS hires_seeker_hired_idx;
  `.execute(db);
}
