import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- The bank account a subject's payouts go to (one per enterprise or person). The number is sealed
    -- (AES-GCM, platform/crypto.ts); only its last four digits are kept in the clear, for masking.
    CREATE TABLE payee_accounts (
      subject_type text NOT NULL CHECK (subject_type IN ('enterprise', 'person')),
      subject_id uuid NOT NULL,
      account_name text NOT NULL CHECK (length(account_name) BETWEEN 2 AND 100),
      bank_name text NOT NULL CHECK (length(bank_name) BETWEEN 2 AND 100),
      account_number_enc text NOT NULL,
      account_tail text NOT NULL CHECK (account_tail ~ '^[0-9]{4}$'),
      updated_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (subject_type, subject_id)
    );

    CREATE SEQUENCE payout_batch_seq;

    CREATE TABLE payout_batches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      batch_no text NOT NULL UNIQUE,
      note text CHECK (note IS NULL OR length(note) <= 500),
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX payout_batches_created_idx ON payout_batches (created_at DESC, id);

    -- One row per attempt to pay one approved policy application. The payee and bank account are
    -- copied at batching time: the finance system is sent exactly what is recorded here.
    CREATE TABLE payouts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      batch_id uuid NOT NULL REFERENCES payout_batches(id),
      application_id uuid NOT NULL REFERENCES policy_applications(id),
      policy_code text NOT NULL,
      period_key text NOT NULL,
      subject_type text NOT NULL CHECK (subject_type IN ('enterprise', 'person')),
      subject_id uuid NOT NULL,
      district_code char(6),
      payee_name text NOT NULL,
      payee_id_masked text,
      bank_name text NOT NULL,
      account_number_enc text NOT NULL,
      account_tail text NOT NULL CHECK (account_tail ~ '^[0-9]{4}$'),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'failed')),
      bank_reference text CHECK (bank_reference IS NULL OR length(bank_reference) BETWEEN 1 AND 64),
      failure_reason text CHECK (failure_reason IS NULL OR length(failure_reason) BETWEEN 1 AND 500),
      paid_at timestamptz,
      failed_at timestamptz,
      result_by uuid REFERENCES users(id),
      retry_of_payout_id uuid REFERENCES payouts(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'paid') = (bank_reference IS NOT NULL AND paid_at IS NOT NULL)),
      CHECK ((status = 'failed') = (failure_reason IS NOT NULL AND failed_at IS NOT NULL))
    );
    -- Never pay an application twice: at most one payout per application that is pending or paid.
    -- A failed payout does not count, so the application can enter a later batch (a retry).
    CREATE UNIQUE INDEX payouts_one_live_per_application
      ON payouts (application_id) WHERE status <> 'failed';
    -- One grant per subject, policy and period, here too (the policies module has its own on
    -- applications): two different applications of one subject and period are never both paid.
    CREATE UNIQUE INDEX payouts_one_grant_per_period
      ON payouts (policy_code, subject_type, subject_id, period_key) WHERE status <> 'failed';
    CREATE INDEX payouts_batch_idx ON payouts (batch_id, created_at);
    CREATE INDEX payouts_district_idx ON payouts (district_code, batch_id);

    -- The last word on "a paid payout cannot change": only pending → paid | failed is an update, and
    -- payouts are never deleted (they are the money trail).
    CREATE FUNCTION payouts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'payouts are never deleted' USING ERRCODE = 'P0001', CONSTRAINT = 'payouts_immutable';
      END IF;
      IF OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'payout % is % and cannot change', OLD.id, OLD.status
          USING ERRCODE = 'P0001', CONSTRAINT = 'payouts_immutable';
      END IF;
      IF NEW.application_id <> OLD.application_id OR NEW.amount_fen <> OLD.amount_fen
        OR NEW.batch_id <> OLD.batch_id OR NEW.account_number_enc <> OLD.account_number_enc THEN
        RAISE EXCEPTION 'payout % may only change its status', OLD.id
          USING ERRCODE = 'P0001', CONSTRAINT = 'payouts_immutable';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER payouts_guard BEFORE UPDATE OR DELETE ON payouts
      FOR EACH ROW EXECUTE FUNCTION payouts_guard();

    -- Start-ups of returned workers (返乡创业). A company or cooperative has a credit code; an
    -- individual business (个体工商户) may have none. returned_worker is derived from the evidence and
    -- the person's household region when the record is written (for listing and narrowing scans).
    CREATE TABLE startups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      business_name text NOT NULL CHECK (length(business_name) BETWEEN 2 AND 100),
      business_type text NOT NULL CHECK (business_type IN ('company', 'individual', 'cooperative')),
      credit_code text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
      credit_code_checksum_valid boolean,
      district_code char(6) NOT NULL CHECK (district_code IN
        ('440802', '440803', '440804', '440811', '440823', '440825', '440881', '440882', '440883')),
      address text CHECK (address IS NULL OR length(address) <= 200),
      industry_code text NOT NULL REFERENCES industries(code),
      start_date date NOT NULL,
      jobs_created integer NOT NULL CHECK (jobs_created BETWEEN 0 AND 10000),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
      return_evidence jsonb,
      returned_worker boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (business_type = 'individual' OR credit_code IS NOT NULL),
      CHECK ((credit_code IS NULL) = (credit_code_checksum_valid IS NULL))
    );
    CREATE UNIQUE INDEX startups_credit_code_uniq ON startups (credit_code) WHERE credit_code IS NOT NULL;
    CREATE INDEX startups_person_idx ON startups (person_id, start_date DESC);
    CREATE INDEX startups_district_idx ON startups (district_code, returned_worker, created_at DESC);

    -- Referrals for entrepreneurship guarantee loans (创业担保贷款).
    CREATE TABLE guarantee_loans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      startup_id uuid NOT NULL REFERENCES startups(id),
      amount_requested_fen bigint NOT NULL CHECK (amount_requested_fen > 0),
      amount_granted_fen bigint CHECK (amount_granted_fen > 0),
      bank_name text NOT NULL CHECK (length(bank_name) BETWEEN 2 AND 100),
      term_months integer NOT NULL CHECK (term_months BETWEEN 1 AND 60),
      purpose text,
      status text NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'referred', 'granted', 'declined', 'repaid', 'withdrawn')),
      note text,
      granted_on date,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status NOT IN ('granted', 'repaid') OR (amount_granted_fen IS NOT NULL AND granted_on IS NOT NULL))
    );
    -- One open referral per start-up at a time.
    CREATE UNIQUE INDEX guarantee_loans_one_open
      ON guarantee_loans (startup_id) WHERE status IN ('requested', 'referred');
    CREATE INDEX guarantee_loans_status_idx ON guarantee_loans (status, created_at DESC);

    -- Requests to defer repayments of a granted loan, reviewed by staff.
    CREATE TABLE loan_deferrals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      loan_id uuid NOT NULL REFERENCES guarantee_loans(id),
      months integer NOT NULL CHECK (months BETWEEN 1 AND 12),
      reason text NOT NULL CHECK (length(reason) BETWEEN 2 AND 1000),
      status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn')),
      review_note text,
      reviewed_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status <> 'rejected' OR review_note IS NOT NULL),
      CHECK ((status IN ('approved', 'rejected')) = (reviewed_at IS NOT NULL))
    );
    CREATE UNIQUE INDEX loan_deferrals_one_open ON loan_deferrals (loan_id) WHERE status = 'submitted';
    CREATE INDEX loan_deferrals_status_idx ON loan_deferrals (status, created_at DESC);

    -- Proactive eligibility (免申即享): each outreach run, who ran it and what it did to whom.
    CREATE TABLE outreach_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      policy_code text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('notify', 'prepare')),
      as_of date NOT NULL,
      requested integer NOT NULL CHECK (requested >= 0),
      notified integer NOT NULL CHECK (notified >= 0),
      prepared integer NOT NULL CHECK (prepared >= 0),
      skipped integer NOT NULL CHECK (skipped >= 0),
      results jsonb NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (notified + prepared + skipped = requested)
    );
    CREATE INDEX outreach_runs_policy_idx ON outreach_runs (policy_code, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE outreach_runs;
    DROP TABLE loan_deferrals;
    DROP TABLE guarantee_loans;
    DROP TABLE startups;
    DROP TABLE payouts;
    DROP FUNCTION payouts_guard();
    DROP TABLE payout_batches;
    DROP SEQUENCE payout_batch_seq;
    DROP TABLE payee_accounts;
  `.execute(db);
}
