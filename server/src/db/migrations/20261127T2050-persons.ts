import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- One row per person the bureau serves, with or without an account: travellers on chartered
    -- buses, policy beneficiaries, and (issue 7) registered unemployed people and key groups.
    -- The identity number is sealed (AES-GCM) with an HMAC lookup hash; birth date, gender and the
    -- household-registration region are derived from it when it is known.
    CREATE TABLE persons (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid UNIQUE REFERENCES users(id),
      full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 60),
      phone text NOT NULL CHECK (phone ~ '^1[3-9][0-9]{9}$'),
      id_number_enc text,
      id_number_hash text UNIQUE,
      id_number_masked text,
      birth_date date,
      gender text CHECK (gender IN ('male', 'female')),
      household_region_code char(6),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((id_number_enc IS NULL) = (id_number_hash IS NULL))
    );
    CREATE INDEX persons_phone_idx ON persons (phone);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE persons`.execute(db);
}
