import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Issue 6: officers of partner labour-source regions (柳州, 陇南…) sign in as 'partner'; like
    -- staff, their account names the regions they act for.
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('seeker','employer','college','agency','staff','admin','partner'));
    ALTER TABLE users ADD CONSTRAINT users_partner_region_check
      CHECK (role <> 'partner' OR cardinality(district_codes) > 0);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE users DROP CONSTRAINT users_partner_region_check;
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check
      CHECK (role IN ('seeker','employer','college','agency','staff','admin'));
  `.execute(db);
}
