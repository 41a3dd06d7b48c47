import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    -- Uploaded files (business licences, later evidence documents). Small, so kept in PostgreSQL:
    -- one backup covers everything.
    CREATE TABLE files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      media_type text NOT NULL CHECK (media_type IN ('application/pdf','image/jpeg','image/png')),
      size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 5242880),
      sha256 text NOT NULL,
      original_name text,
      content bytea NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- Consents (PIPL): what was agreed, under which notice version, and its withdrawal.
    CREATE TABLE consents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      notice_version text NOT NULL,
      context jsonb NOT NULL DEFAULT '{}',
      granted_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz
    );
    CREATE INDEX consents_user_idx ON consents (user_id, kind);

    CREATE TABLE enterprises (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
      credit_code char(18) NOT NULL UNIQUE,
      credit_code_checksum_valid boolean NOT NULL,
      industry_code text NOT NULL REFERENCES industries(code),
      district_code char(6) NOT NULL REFERENCES regions(code),
      size text NOT NULL CHECK (size IN ('micro','small','medium','large')),
      address text NOT NULL,
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','verified','rejected','suspended')),
      status_reason text,
      licence_file_id uuid REFERENCES files(id),
      verified_at timestamptz,
      verified_by uuid REFERENCES users(id),
      owner_user_id uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX enterprises_district_idx ON enterprises (district_code, status);

    -- Clerks of an enterprise, by phone: an invited phone becomes a member when an employer account
    -- with that phone signs in.
    CREATE TABLE enterprise_members (
      enterprise_id uuid NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
      phone text NOT NULL CHECK (phone ~ '^1[3-9][0-9]{9}$'),
      role text NOT NULL CHECK (role IN ('owner','clerk')),
      invited_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      removed_at timestamptz,
      PRIMARY KEY (enterprise_id, phone)
    );
    CREATE INDEX enterprise_members_phone_idx ON enterprise_members (phone) WHERE removed_at IS NULL;

    CREATE TABLE job_postings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      title text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
      occupation_code text NOT NULL REFERENCES occupations(code),
      description text NOT NULL CHECK (length(description) <= 5000),
      district_code char(6) NOT NULL REFERENCES regions(code),
      address text NOT NULL DEFAULT '',
      headcount integer NOT NULL CHECK (headcount BETWEEN 1 AND 10000),
      hired_count integer NOT NULL DEFAULT 0 CHECK (hired_count >= 0 AND hired_count <= headcount),
      salary_min_fen bigint NOT NULL CHECK (salary_min_fen >= 0),
      salary_max_fen bigint NOT NULL,
      salary_period text NOT NULL CHECK (salary_period IN ('month','day','hour')),
      -- Monthly equivalent for sorting and filtering across periods (day × 21.75, hour × 174).
      salary_month_min_fen bigint NOT NULL,
      salary_month_max_fen bigint NOT NULL,
      employment_type text NOT NULL CHECK (employment_type IN ('full_time','part_time','temporary','internship')),
      education_level text REFERENCES education_levels(code),
      experience_years smallint NOT NULL DEFAULT 0 CHECK (experience_years BETWEEN 0 AND 50),
      skills text[] NOT NULL DEFAULT '{}',
      benefits text[] NOT NULL DEFAULT '{}',
      target_region_codes text[] NOT NULL DEFAULT '{}',
      expires_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('draft','pending_review','published','paused','closed','expired','rejected')),
      flags jsonb NOT NULL DEFAULT '[]',
      review_reason text,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      published_at timestamptz,
      closed_reason text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      -- Segmented words (jieba + job-term dictionary + synonyms), built by the application.
      search_vector tsvector NOT NULL DEFAULT ''::tsvector,
      search_text text NOT NULL DEFAULT '',
      CHECK (salary_max_fen >= salary_min_fen)
    );
    CREATE INDEX job_postings_search_idx ON job_postings USING gin (search_vector) WHERE status = 'published';
    CREATE INDEX job_postings_trgm_idx ON job_postings USING gin (search_text gin_trgm_ops) WHERE status = 'published';
    CREATE INDEX job_postings_published_idx ON job_postings (published_at DESC) WHERE status = 'published';
    CREATE INDEX job_postings_district_idx ON job_postings (district_code, published_at DESC) WHERE status = 'published';
    CREATE INDEX job_postings_occupation_idx ON job_postings (occupation_code text_pattern_ops) WHERE status = 'published';
    CREATE INDEX job_postings_salary_idx ON job_postings (salary_month_max_fen DESC) WHERE status = 'published';
    CREATE INDEX job_postings_enterprise_idx ON job_postings (enterprise_id, status);
    CREATE INDEX job_postings_review_idx ON job_postings (created_at) WHERE status = 'pending_review';

    CREATE TABLE resumes (
      user_id uuid PRIMARY KEY REFERENCES users(id),
      full_name text NOT NULL,
      id_number_enc text,
      id_number_hash text UNIQUE,
      id_number_masked text,
      birth_date date,
      gender text CHECK (gender IN ('male','female')),
      household_region_code char(6),
      education_level text REFERENCES education_levels(code),
      skills text[] NOT NULL DEFAULT '{}',
      experiences jsonb NOT NULL DEFAULT '[]',
      certificates jsonb NOT NULL DEFAULT '[]',
      desired_occupation_codes text[] NOT NULL DEFAULT '{}',
      desired_district_codes text[] NOT NULL DEFAULT '{}',
      expected_salary_min_fen bigint CHECK (expected_salary_min_fen >= 0),
      available_from date,
      willing_to_relocate boolean NOT NULL DEFAULT false,
      current_region_code char(6) REFERENCES regions(code),
      experience_years smallint NOT NULL DEFAULT 0,
      key_groups text[] NOT NULL DEFAULT '{}',
      key_group_consent_id uuid REFERENCES consents(id),
      visible_to_employers boolean NOT NULL DEFAULT false,
      visibility_consent_id uuid REFERENCES consents(id),
      search_vector tsvector NOT NULL DEFAULT ''::tsvector,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (cardinality(key_groups) = 0 OR key_group_consent_id IS NOT NULL),
      CHECK (NOT visible_to_employers OR visibility_consent_id IS NOT NULL)
    );
    CREATE INDEX resumes_occupations_idx ON resumes USING gin (desired_occupation_codes);
    CREATE INDEX resumes_districts_idx ON resumes USING gin (desired_district_codes);
    CREATE INDEX resumes_search_idx ON resumes USING gin (search_vector);

    CREATE TABLE applications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      posting_id uuid NOT NULL REFERENCES job_postings(id),
      seeker_user_id uuid NOT NULL REFERENCES users(id),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      status text NOT NULL CHECK (status IN ('submitted','viewed','interview','offer','hired','rejected','withdrawn')),
      note text,
      interview_at timestamptz,
      interview_place text,
      reject_reason text,
      resume_snapshot jsonb NOT NULL,
      consent_id uuid NOT NULL REFERENCES consents(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- One active application per seeker and posting: the database decides under concurrency.
    CREATE UNIQUE INDEX applications_active_uniq ON applications (posting_id, seeker_user_id)
      WHERE status NOT IN ('rejected','withdrawn');
    CREATE INDEX applications_posting_idx ON applications (posting_id, status);
    CREATE INDEX applications_seeker_idx ON applications (seeker_user_id, created_at DESC);

    CREATE TABLE application_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      application_id uuid NOT NULL REFERENCES applications(id),
      from_status text,
      to_status text NOT NULL,
      note text,
      actor_user_id uuid REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX application_events_app_idx ON application_events (application_id, at);

    -- A hire made on the platform (employment registration builds on it later).
    CREATE TABLE hires (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL UNIQUE REFERENCES applications(id),
      posting_id uuid NOT NULL REFERENCES job_postings(id),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      seeker_user_id uuid NOT NULL REFERENCES users(id),
      hired_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE saved_searches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      name text NOT NULL,
      query jsonb NOT NULL,
      frequency text NOT NULL CHECK (frequency IN ('instant','daily')),
      channels text[] NOT NULL DEFAULT '{in_app}',
      unsubscribe_token text NOT NULL UNIQUE,
      active boolean NOT NULL DEFAULT true,
      last_notified_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX saved_searches_user_idx ON saved_searches (user_id);

    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      title_zh text NOT NULL,
      title_en text NOT NULL,
      body jsonb NOT NULL DEFAULT '{}',
      link text,
      dedupe_key text,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, dedupe_key)
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

    -- Transactional outbox for SMS / e-mail adapters: written with the change, sent after commit.
    CREATE TABLE outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      channel text NOT NULL CHECK (channel IN ('sms','email')),
      recipient text NOT NULL,
      template text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      dedupe_key text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    );
    CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE outbox, notifications, saved_searches, hires, application_events, applications,
      resumes, job_postings, enterprise_members, enterprises, consents, files CASCADE;
  `.execute(db);
}
