import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- uuid equality inside a GiST exclusion constraint (no double-booked person).
    CREATE EXTENSION IF NOT EXISTS btree_gist;

    -- Return-to-work travel requests (点对点包车 demand). One open or booked request per person.
    CREATE TABLE travel_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES persons(id),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','booked','completed','cancelled')),
      origin_region_code char(6) NOT NULL REFERENCES regions(code),
      -- Derived from the county (first four digits + 00), stored for grouping and filtering.
      origin_prefecture_code char(6) NOT NULL CHECK (origin_prefecture_code = substr(origin_region_code, 1, 4) || '00'),
      pickup_point text NOT NULL CHECK (length(pickup_point) BETWEEN 2 AND 100),
      destination_district_code char(6) NOT NULL REFERENCES regions(code)
        CHECK (destination_district_code LIKE '4408__'),
      enterprise_id uuid REFERENCES enterprises(id),
      application_id uuid REFERENCES applications(id),
      earliest_date date NOT NULL,
      latest_date date CHECK (latest_date >= earliest_date),
      contact_phone text NOT NULL CHECK (contact_phone ~ '^1[3-9][0-9]{9}$'),
      health jsonb NOT NULL,
      health_attention boolean NOT NULL,
      -- The consent to process the health declaration (PIPL art. 29): a consents row when the person
      -- has an account and gave it themself; else who recorded it (staff, an enterprise clerk).
      consent_id uuid REFERENCES consents(id),
      consent_notice_version text NOT NULL,
      consent_at timestamptz NOT NULL,
      consent_recorded_by uuid REFERENCES users(id),
      CHECK (consent_id IS NOT NULL OR consent_recorded_by IS NOT NULL),
      note text CHECK (length(note) <= 500),
      created_by_kind text NOT NULL CHECK (created_by_kind IN ('self','staff','enterprise')),
      created_by uuid REFERENCES users(id),
      cancelled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX travel_requests_one_open_uniq ON travel_requests (person_id)
      WHERE status IN ('open','booked');
    CREATE INDEX travel_requests_demand_idx ON travel_requests
      (origin_prefecture_code, origin_region_code, destination_district_code, earliest_date) WHERE status = 'open';
    CREATE INDEX travel_requests_person_idx ON travel_requests (person_id, created_at DESC);
    CREATE INDEX travel_requests_enterprise_idx ON travel_requests (enterprise_id, created_at DESC)
      WHERE enterprise_id IS NOT NULL;
    CREATE INDEX travel_requests_destination_idx ON travel_requests (destination_district_code, created_at DESC);

    CREATE SEQUENCE bus_trip_code_seq;

    CREATE TABLE bus_trips (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('planned','open','boarding','departed','arrived','handed_over','cancelled')),
      origin_region_code char(6) NOT NULL REFERENCES regions(code),
      pickup_point text NOT NULL CHECK (length(pickup_point) BETWEEN 2 AND 100),
      -- [{ regionCode, pickupPoint, time? }] in pickup order.
      stops jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(stops) = 'array'),
      destination_district_code char(6) NOT NULL REFERENCES regions(code),
      destination_district_codes text[] NOT NULL
        CHECK (destination_district_code = ANY (destination_district_codes)),
      depart_at timestamptz NOT NULL,
      arrive_by timestamptz NOT NULL CHECK (arrive_by > depart_at),
      capacity integer NOT NULL CHECK (capacity BETWEEN 5 AND 80),
      load_limit_percent integer NOT NULL CHECK (load_limit_percent BETWEEN 1 AND 100),
      -- ⌊capacity × load limit / 100⌋ (integer division truncates), stored so the seat check below is
      -- one comparison; the CHECK keeps it honest.
      seats_for_sale integer NOT NULL CHECK (seats_for_sale >= 1 AND seats_for_sale = (capacity * load_limit_percent) / 100),
      -- Confirmed and boarded bookings. The database has the last word on overbooking.
      seats_taken integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0 AND seats_taken <= seats_for_sale),
      plate text CHECK (length(plate) BETWEEN 5 AND 10),
      driver_name text,
      driver_phone text CHECK (driver_phone ~ '^1[3-9][0-9]{9}$'),
      escort_user_id uuid REFERENCES users(id),
      -- A bus that sells seats or rolls has a plate, a driver and an escort.
      CHECK (status IN ('planned','cancelled') OR (plate IS NOT NULL AND driver_name IS NOT NULL AND escort_user_id IS NOT NULL)),
      note text,
      cancel_reason text,
      CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL),
      -- Cost and who pays (for the support-policy payouts): shares in bus_trip_cost_shares.
      cost_fen bigint CHECK (cost_fen >= 0),
      cost_payer text CHECK (cost_payer IN ('bureau','enterprise','shared')),
      invoice_ref text,
      CHECK ((cost_fen IS NULL) = (cost_payer IS NULL)),
      version integer NOT NULL DEFAULT 1,
      created_by uuid REFERENCES users(id),
      opened_at timestamptz,
      departed_at timestamptz,
      arrived_at timestamptz,
      handed_over_at timestamptz,
      cancelled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX bus_trips_depart_idx ON bus_trips (depart_at DESC);
    CREATE INDEX bus_trips_status_idx ON bus_trips (status, depart_at);
    CREATE INDEX bus_trips_destinations_idx ON bus_trips USING gin (destination_district_codes);
    CREATE INDEX bus_trips_escort_idx ON bus_trips (escort_user_id, depart_at DESC);
    CREATE INDEX bus_trips_origin_idx ON bus_trips (origin_region_code);

    CREATE TABLE bus_trip_cost_shares (
      trip_id uuid NOT NULL REFERENCES bus_trips(id) ON DELETE CASCADE,
      position smallint NOT NULL,
      payer_kind text NOT NULL CHECK (payer_kind IN ('bureau','enterprise')),
      enterprise_id uuid REFERENCES enterprises(id),
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
      CHECK ((payer_kind = 'enterprise') = (enterprise_id IS NOT NULL)),
      PRIMARY KEY (trip_id, position)
    );
    CREATE INDEX bus_trip_cost_shares_enterprise_idx ON bus_trip_cost_shares (enterprise_id)
      WHERE enterprise_id IS NOT NULL;

    -- Which requests the planner meant each trip for (notified to book when the trip opens).
    CREATE TABLE bus_trip_planned_requests (
      trip_id uuid NOT NULL REFERENCES bus_trips(id) ON DELETE CASCADE,
      travel_request_id uuid NOT NULL REFERENCES travel_requests(id),
      PRIMARY KEY (trip_id, travel_request_id)
    );
    CREATE INDEX bus_trip_planned_requests_request_idx ON bus_trip_planned_requests (travel_request_id);

    -- Waitlist order: first come, first served across the whole table (FIFO per trip by this number).
    CREATE SEQUENCE bus_waitlist_seq;

    CREATE TABLE bus_bookings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      trip_id uuid NOT NULL REFERENCES bus_trips(id),
      person_id uuid NOT NULL REFERENCES persons(id),
      travel_request_id uuid REFERENCES travel_requests(id),
      status text NOT NULL CHECK (status IN ('confirmed','waitlisted','boarded','refused','cancelled','moved')),
      -- The trip's [depart_at, arrive_by), copied so that the exclusion constraint below can see it.
      travel_window tstzrange NOT NULL CHECK (NOT isempty(travel_window)),
      waitlist_seq bigint,
      CHECK (status <> 'waitlisted' OR waitlist_seq IS NOT NULL),
      -- Secret input of the HMAC boarding code (the code itself is never stored).
      boarding_salt bytea NOT NULL,
      booked_by uuid REFERENCES users(id),
      moved_from_booking_id uuid REFERENCES bus_bookings(id),
      moved_to_booking_id uuid REFERENCES bus_bookings(id),
      cancel_reason text CHECK (cancel_reason IN
        ('passenger','staff','trip_cancelled','request_cancelled','no_show','trip_departed')),
      CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL),
      confirmed_at timestamptz,
      -- Boarding with a health check (a failed check refuses boarding and says why).
      boarded_at timestamptz,
      boarded_by uuid REFERENCES users(id),
      boarding_method text CHECK (boarding_method IN ('qr','manual')),
      boarding_temperature numeric(3,1),
      boarding_symptoms text[] NOT NULL DEFAULT '{}',
      boarding_health_code text CHECK (boarding_health_code IN ('green','yellow','red')),
      refusal_reasons text[] NOT NULL DEFAULT '{}',
      boarding_note text,
      CHECK (status NOT IN ('boarded','refused') OR boarded_at IS NOT NULL),
      -- Handover to the enterprise (or staff) at arrival.
      handover_status text CHECK (handover_status IN ('pending','received','not_received')),
      CHECK (handover_status IS NULL OR status = 'boarded'),
      handover_note text,
      handover_by uuid REFERENCES users(id),
      handover_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- Nobody holds seats on two buses whose times overlap.
      CONSTRAINT bus_bookings_no_overlap EXCLUDE USING gist (person_id WITH =, travel_window WITH &&)
        WHERE (status IN ('confirmed','boarded'))
    );
    -- One live booking per person and trip, and per travel request.
    CREATE UNIQUE INDEX bus_bookings_trip_person_uniq ON bus_bookings (trip_id, person_id)
      WHERE status IN ('confirmed','waitlisted','boarded');
    CREATE UNIQUE INDEX bus_bookings_request_uniq ON bus_bookings (travel_request_id)
      WHERE status IN ('confirmed','waitlisted','boarded');
    CREATE INDEX bus_bookings_trip_idx ON bus_bookings (trip_id, status, waitlist_seq);
    CREATE INDEX bus_bookings_person_idx ON bus_bookings (person_id, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP TABLE bus_bookings, bus_trip_planned_requests, bus_trip_cost_shares, bus_trips, travel_requests CASCADE;
    DROP SEQUENCE bus_waitlist_seq, bus_trip_code_seq;
  `.execute(db);
}
