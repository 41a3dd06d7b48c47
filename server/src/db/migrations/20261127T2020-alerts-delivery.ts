import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Retries with backoff: a failed send waits until next_attempt_at; a claimed row is leased by
    -- moving it forward, so two workers never send the same message at once.
    ALTER TABLE outbox
      ADD COLUMN user_id uuid REFERENCES users(id),
      ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE status = 'pending';

    -- Where e-mail alerts go: users have no e-mail address of their own (phones identify them).
    ALTER TABLE saved_searches
      ADD COLUMN email text CHECK (email IS NULL OR length(email) <= 254);
    CREATE INDEX saved_searches_active_idx ON saved_searches (frequency) WHERE active;

    -- One daily digest per user and day: the key decides, so a rerun of the digest job sends nothing twice.
    CREATE TABLE alert_digests (
      user_id uuid NOT NULL REFERENCES users(id),
      digest_on date NOT NULL,
      match_count integer NOT NULL CHECK (match_count > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, digest_on)
    );

    CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX notifications_unread_idx;
    DROP TABLE alert_digests;
    DROP INDEX saved_searches_active_idx;
    ALTER TABLE saved_searches DROP COLUMN email;
    DROP INDEX outbox_due_idx;
    ALTER TABLE outbox DROP COLUMN next_attempt_at, DROP COLUMN user_id;
  `.execute(db);
}
