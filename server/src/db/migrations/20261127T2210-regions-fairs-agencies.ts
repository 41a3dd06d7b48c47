import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- ——— Cross-regional recruitment (跨区域劳务协作) ———
    -- A labour-source region the bureau has a cooperation agreement with (柳州 450200, 陇南 621200):
    -- a prefecture or a county outside Zhanjiang, one record per code.
    CREATE TABLE partner_regions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_code char(6) NOT NULL UNIQUE REFERENCES regions(code),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 60),
      agreement_starts_on date NOT NULL,
      agreement_ends_on date CHECK (agreement_ends_on >= agreement_starts_on),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','ended')),
      contacts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(contacts) = 'array'),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Partner officers (role partner) attached to the region they act for.
    CREATE TABLE partner_region_officers (
      partner_region_id uuid NOT NULL REFERENCES partner_regions(id),
      user_id uuid NOT NULL REFERENCES users(id),
      attached_by uuid REFERENCES users(id),
      attached_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (partner_region_id, user_id)
    );
    CREATE INDEX partner_region_officers_user_idx ON partner_region_officers (user_id);

    -- Postings promoted in a partner region (the postings module's own target_region_codes is the
    -- employer's free wish list; this is the bureau's targeting that partner officers act on).
    CREATE TABLE posting_region_targets (
      posting_id uuid NOT NULL REFERENCES job_postings(id) ON DELETE CASCADE,
      partner_region_id uuid NOT NULL REFERENCES partner_regions(id),
      targeted_by uuid REFERENCES users(id),
      targeted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (posting_id, partner_region_id)
    );
    CREATE INDEX posting_region_targets_region_idx ON posting_region_targets (partner_region_id, targeted_at DESC);

    -- A partner officer refers one of their region's seekers to a targeted posting: once per
    -- seeker and posting (whichever region referred them first).
    CREATE TABLE partner_referrals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partner_region_id uuid NOT NULL REFERENCES partner_regions(id),
      seeker_user_id uuid NOT NULL REFERENCES users(id),
      posting_id uuid NOT NULL REFERENCES job_postings(id),
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
      referred_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (posting_id, seeker_user_id)
    );
    CREATE INDEX partner_referrals_region_idx ON partner_referrals (partner_region_id, created_at DESC);
    CREATE INDEX partner_referrals_seeker_idx ON partner_referrals (seeker_user_id, created_at DESC);

    -- A region's seekers and figures by origin match résumé regions by code prefix (4502% for
    -- 柳州 450200); resumes_current_region_idx (bpchar_pattern_ops) already serves the current region.
    CREATE INDEX resumes_household_region_idx ON resumes (household_region_code bpchar_pattern_ops);

    -- ——— Job fairs (网络/现场招聘会) ———
    -- Stored status: draft, published, cancelled, closed (the sweep's mark after the window).
    -- live/closed as the API shows them follow from the window and the clock.
    CREATE TABLE job_fairs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      theme text NOT NULL CHECK (length(theme) BETWEEN 2 AND 60),
      title_zh text NOT NULL CHECK (length(title_zh) BETWEEN 2 AND 80),
      title_en text NOT NULL CHECK (length(title_en) BETWEEN 2 AND 120),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      mode text NOT NULL CHECK (mode IN ('online','on_site')),
      venue text CHECK (length(venue) <= 200),
      district_code char(6) NOT NULL REFERENCES regions(code),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      target_groups text[] NOT NULL DEFAULT '{general}',
      target_region_codes text[] NOT NULL DEFAULT '{}',
      booth_capacity integer CHECK (booth_capacity BETWEEN 1 AND 1000),
      -- Approved booths: raised by a conditional UPDATE; the CHECK is the last word on capacity.
      approved_booths integer NOT NULL DEFAULT 0
        CHECK (approved_booths >= 0 AND (booth_capacity IS NULL OR approved_booths <= booth_capacity)),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','cancelled','closed')),
      published_at timestamptz,
      closed_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      CHECK (mode <> 'on_site' OR (venue IS NOT NULL AND venue <> ''))
    );
    CREATE INDEX job_fairs_window_idx ON job_fairs (status, starts_at DESC);
    CREATE INDEX job_fairs_district_idx ON job_fairs (district_code, starts_at DESC);
    CREATE INDEX job_fairs_target_regions_idx ON job_fairs USING gin (target_region_codes);

    -- Live counters kept incrementally: each is raised by one UPDATE … SET n = n + 1 in the
    -- transaction that inserted the event row (visit, registration, check-in) for the first time.
    CREATE TABLE job_fair_counters (
      fair_id uuid PRIMARY KEY REFERENCES job_fairs(id),
      visitors integer NOT NULL DEFAULT 0 CHECK (visitors >= 0),
      registrations integer NOT NULL DEFAULT 0 CHECK (registrations >= 0),
      check_ins integer NOT NULL DEFAULT 0 CHECK (check_ins >= 0 AND check_ins <= registrations)
    );

    CREATE TABLE job_fair_booths (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      fair_id uuid NOT NULL REFERENCES job_fairs(id),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      booth_name text NOT NULL CHECK (length(booth_name) BETWEEN 1 AND 100),
      introduction text NOT NULL DEFAULT '' CHECK (length(introduction) <= 2000),
      contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 60),
      contact_phone text NOT NULL,
      status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending','approved','rejected','withdrawn','closed')),
      review_reason text CHECK (length(review_reason) <= 500),
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- One live booth per enterprise and fair (a rejected or withdrawn one may register again).
    CREATE UNIQUE INDEX job_fair_booths_enterprise_uniq ON job_fair_booths (fair_id, enterprise_id)
      WHERE status IN ('pending','approved','closed');
    CREATE INDEX job_fair_booths_fair_idx ON job_fair_booths (fair_id, status, created_at);
    CREATE INDEX job_fair_booths_enterprise_idx ON job_fair_booths (enterprise_id, created_at DESC);

    CREATE TABLE job_fair_booth_postings (
      booth_id uuid NOT NULL REFERENCES job_fair_booths(id),
      posting_id uuid NOT NULL REFERENCES job_postings(id),
      fair_id uuid NOT NULL REFERENCES job_fairs(id),
      PRIMARY KEY (booth_id, posting_id)
    );
    CREATE INDEX job_fair_booth_postings_fair_idx ON job_fair_booth_postings (fair_id, posting_id);

    -- A seeker entered the fair (once per fair: the visitors counter).
    CREATE TABLE job_fair_visits (
      fair_id uuid NOT NULL REFERENCES job_fairs(id),
      seeker_user_id uuid NOT NULL REFERENCES users(id),
      first_at timestamptz NOT NULL,
      PRIMARY KEY (fair_id, seeker_user_id)
    );

    -- A seeker opened a booth's posting through the fair: their application to that posting, sent
    -- after this moment and before the fair ends, counts as the fair's (attribution).
    CREATE TABLE job_fair_attributions (
      fair_id uuid NOT NULL REFERENCES job_fairs(id),
      booth_id uuid NOT NULL REFERENCES job_fair_booths(id),
      posting_id uuid NOT NULL REFERENCES job_postings(id),
      seeker_user_id uuid NOT NULL REFERENCES users(id),
      opened_at timestamptz NOT NULL,
      PRIMARY KEY (fair_id, posting_id, seeker_user_id)
    );
    CREATE INDEX job_fair_attributions_booth_idx ON job_fair_attributions (booth_id);
    CREATE INDEX job_fair_attributions_seeker_idx ON job_fair_attributions (posting_id, seeker_user_id);

    -- On-site registration: the check-in QR code is JYF1.<id>.<HMAC(id, salt)>.
    CREATE TABLE job_fair_registrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      fair_id uuid NOT NULL REFERENCES job_fairs(id),
      seeker_user_id uuid NOT NULL REFERENCES users(id),
      code_salt bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (fair_id, seeker_user_id)
    );
    CREATE INDEX job_fair_registrations_seeker_idx ON job_fair_registrations (seeker_user_id, created_at DESC);

    -- A scan at the door: one row per registration, ever.
    CREATE TABLE job_fair_check_ins (
      registration_id uuid PRIMARY KEY REFERENCES job_fair_registrations(id),
      fair_id uuid NOT NULL REFERENCES job_fairs(id),
      checked_in_by uuid NOT NULL REFERENCES users(id),
      checked_in_at timestamptz NOT NULL
    );
    CREATE INDEX job_fair_check_ins_fair_idx ON job_fair_check_ins (fair_id, checked_in_at);

    -- ——— HR service agencies and purchased services (政府购买服务) ———
    CREATE TABLE agencies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_user_id uuid NOT NULL UNIQUE REFERENCES users(id),
      name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
      licence_number text NOT NULL UNIQUE CHECK (length(licence_number) BETWEEN 4 AND 40),
      credit_code char(18),
      district_code char(6) NOT NULL REFERENCES regions(code),
      address text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
      contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 60),
      contact_phone text NOT NULL,
      services text[] NOT NULL CHECK (cardinality(services) >= 1),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','verified','rejected','suspended')),
      status_reason text CHECK (length(status_reason) <= 500),
      verified_at timestamptz,
      verified_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX agencies_status_idx ON agencies (status, district_code, created_at DESC);

    CREATE TABLE service_contracts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agency_id uuid NOT NULL REFERENCES agencies(id),
      title text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
      kind text NOT NULL CHECK (kind IN ('recruitment','training','other')),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      occupation_codes text[] NOT NULL DEFAULT '{}',
      target_count integer NOT NULL CHECK (target_count BETWEEN 1 AND 100000),
      price_fen bigint NOT NULL CHECK (price_fen >= 0),
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','completed','terminated')),
      closed_reason text CHECK (length(closed_reason) <= 500),
      closed_by uuid REFERENCES users(id),
      closed_at timestamptz,
      -- Verified units: raised by a conditional UPDATE; never beyond what the contract buys.
      verified_count integer NOT NULL DEFAULT 0 CHECK (verified_count >= 0 AND verified_count <= target_count),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX service_contracts_agency_idx ON service_contracts (agency_id, created_at DESC);
    CREATE INDEX service_contracts_status_idx ON service_contracts (status, created_at DESC);

    CREATE TABLE service_contract_enterprises (
      contract_id uuid NOT NULL REFERENCES service_contracts(id),
      enterprise_id uuid NOT NULL REFERENCES enterprises(id),
      PRIMARY KEY (contract_id, enterprise_id)
    );
    CREATE INDEX service_contract_enterprises_enterprise_idx ON service_contract_enterprises (enterprise_id);

    CREATE TABLE service_deliverables (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      contract_id uuid NOT NULL REFERENCES service_contracts(id),
      kind text NOT NULL CHECK (kind IN ('worker_placed','service_delivered')),
      enterprise_id uuid REFERENCES enterprises(id),
      hire_id uuid REFERENCES hires(id),
      person_id uuid REFERENCES persons(id),
      occupation_code text,
      placed_on date,
      quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 10000),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','verified','rejected')),
      review_reason text CHECK (length(review_reason) <= 500),
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      reported_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind <> 'worker_placed' OR (enterprise_id IS NOT NULL AND placed_on IS NOT NULL
        AND quantity = 1 AND (hire_id IS NOT NULL OR person_id IS NOT NULL)))
    );
    -- A worker (or a hire) is claimed once per contract unless the claim was rejected.
    CREATE UNIQUE INDEX service_deliverables_hire_uniq ON service_deliverables (contract_id, hire_id)
      WHERE hire_id IS NOT NULL AND status <> 'rejected';
    CREATE UNIQUE INDEX service_deliverables_person_uniq ON service_deliverables (contract_id, person_id)
      WHERE person_id IS NOT NULL AND status <> 'rejected';
    CREATE INDEX service_deliverables_contract_idx ON service_deliverables (contract_id, status, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE service_deliverables;
    DROP TABLE service_contract_enterprises;
    DROP TABLE service_contracts;
    DROP TABLE agencies;
    DROP TABLE job_fair_check_ins;
    DROP TABLE job_fair_registrations;
    DROP TABLE job_fair_attributions;
    DROP TABLE job_fair_visits;
    DROP TABLE job_fair_booth_postings;
    DROP TABLE job_fair_booths;
    DROP TABLE job_fair_counters;
    DROP TABLE job_fairs;
    DROP INDEX resumes_household_region_idx;
    DROP TABLE partner_referrals;
    DROP TABLE posting_region_targets;
    DROP TABLE partner_region_officers;
    DROP TABLE partner_regions;
  `.execute(db);
}
