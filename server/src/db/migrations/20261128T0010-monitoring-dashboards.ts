import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
/*
 * Issue 8, dashboards: monthly rollups of the indicators that read the big tables (postings,
 * résumés, registrations, applications and their events, hires), kept up to date incrementally.
 *
 *  - Row triggers on those tables write the change's contribution (old row −, new row +) to
 *    stats_monthly_deltas, in the same transaction as the change: append-only, so concurrent
 *    writers never wait on a hot counter row.
 *  - stats_monthly_fold() moves the deltas into stats_monthly (the app folds every few seconds).
 *  - Readers add stats_monthly and the deltas not folded yet, so a figure is exact at any moment.
 *  - stats_monthly_expected() is the from-scratch computation (plain GROUP BYs, written apart from
 *    the triggers); stats_monthly_rebuild() replaces the rollups with it (bulk loads, repairs). A
 *    property test compares the two.
 *
 * Months are China months (UTC+8, no daylight saving): stats_month(). `occupation_code` is '' for
 * the metrics that have no occupation. The metrics (district = the posting's district for
 * applications, events and hires; the résumé's current region for résumés):
 *   postings_in, vacancies (Σ headcount)      by published_at, district, occupation
 *   postings_out                              closed/expired postings by updated_at
 *   resumes_new                               résumés by created_at, current region
 *   resume_occupations                        résumés × desired occupation, by created_at
 *   unemployment_in / unemployment_ended      unemployment registrations by registered_on / ended_on
 *   unemployment_out_stock                    … by greatest(registered_on, ended_on): the stock at
 *                                             the end of month M is Σ(in − out_stock) over months ≤ M
 *   employment_other                          employment registrations not from a platform hire
 *   applications, hires                       by created_at, hired_at
 *   interviews                                events into 'interview' (a reschedule is not another)
 *   offers                                    events into 'offer', or into 'hired' straight from
 *                                             before an offer
 * Setting `jiuye.stats_off = on` in a session skips the triggers (bulk loads; rebuild after).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The first build reads every posting, résumé and application: no statement timeout for it.
  await sql`SET LOCAL statement_timeout = 0`.execute(db);
  await sql`
    CREATE TABLE stats_monthly (
      metric text NOT NULL,
      month date NOT NULL,
      district_code text NOT NULL,
      occupation_code text NOT NULL DEFAULT '',
      value bigint NOT NULL,
      PRIMARY KEY (metric, month, district_code, occupation_code)
    );
    CREATE TABLE stats_monthly_deltas (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      metric text NOT NULL,
      month date NOT NULL,
      district_code text NOT NULL,
      occupation_code text NOT NULL DEFAULT '',
      delta bigint NOT NULL
    );

    CREATE FUNCTION stats_month(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $f$ SELECT date_trunc('month', (t AT TIME ZONE 'UTC') + interval '8 hours')::date $f$;

    CREATE FUNCTION stats_delta(m text, mo date, d text, o text, n bigint) RETURNS void LANGUAGE sql AS $f$
      INSERT INTO stats_monthly_deltas (metric, month, district_code, occupation_code, delta)
      SELECT m, mo, trim(d), coalesce(trim(o), ''), n WHERE n <> 0 AND mo IS NOT NULL AND d IS NOT NULL
    $f$;

    CREATE FUNCTION stats_posting_contrib(p job_postings, s int) RETURNS void LANGUAGE plpgsql AS $f$
    BEGIN
      IF p.published_at IS NOT NULL THEN
        PERFORM stats_delta('postings_in', stats_month(p.published_at), p.district_code, p.occupation_code, s);
        PERFORM stats_delta('vacancies', stats_month(p.published_at), p.district_code, p.occupation_code,
          s * p.headcount);
      END IF;
      IF p.status IN ('closed', 'expired') THEN
        PERFORM stats_delta('postings_out', stats_month(p.updated_at), p.district_code, '', s);
      END IF;
    END $f$;

    -- A posting's applications, events and hires by metric and month (they follow its district).
    CREATE FUNCTION stats_posting_children(pid uuid) RETURNS TABLE (metric text, month date, n bigint)
    LANGUAGE sql STABLE AS $f$
      SELECT 'applications', stats_month(a.created_at), count(*) FROM applications a
        WHERE a.posting_id = pid GROUP BY 2
      UNION ALL
      SELECT 'hires', stats_month(h.hired_at), count(*) FROM hires h WHERE h.posting_id = pid GROUP BY 2
      UNION ALL
      SELECT 'interviews', stats_month(e.at), count(*) FROM application_events e
        JOIN applications a ON a.id = e.application_id
        WHERE a.posting_id = pid AND e.to_status = 'interview' AND e.from_status IS DISTINCT FROM 'interview'
        GROUP BY 2
      UNION ALL
      SELECT 'offers', stats_month(e.at), count(*) FROM application_events e
        JOIN applications a ON a.id = e.application_id
        WHERE a.posting_id = pid AND (e.to_status = 'offer'
          OR (e.to_status = 'hired' AND e.from_status IS DISTINCT FROM 'offer'))
        GROUP BY 2
    $f$;

    CREATE FUNCTION stats_job_postings_trg() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF current_setting('jiuye.stats_off', true) = 'on' THEN RETURN NULL; END IF;
      IF TG_OP <> 'INSERT' THEN PERFORM stats_posting_contrib(OLD, -1); END IF;
      IF TG_OP <> 'DELETE' THEN PERFORM stats_posting_contrib(NEW, 1); END IF;
      IF TG_OP = 'UPDATE' AND OLD.district_code IS DISTINCT FROM NEW.district_code THEN
        PERFORM stats_delta(c.metric, c.month, OLD.district_code, '', -c.n),
                stats_delta(c.metric, c.month, NEW.district_code, '', c.n)
          FROM stats_posting_children(NEW.id) c;
      END IF;
      RETURN NULL;
    END $f$;
    CREATE TRIGGER stats_job_postings_ins_del AFTER INSERT OR DELETE ON job_postings
      FOR EACH ROW EXECUTE FUNCTION stats_job_postings_trg();
    CREATE TRIGGER stats_job_postings_upd AFTER UPDATE ON job_postings FOR EACH ROW
      WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at OR OLD.district_code IS DISTINCT FROM NEW.district_code
        OR OLD.occupation_code IS DISTINCT FROM NEW.occupation_code OR OLD.headcount IS DISTINCT FROM NEW.headcount
        OR OLD.status IS DISTINCT FROM NEW.status
        OR (NEW.status IN ('closed', 'expired') AND OLD.updated_at IS DISTINCT FROM NEW.updated_at))
      EXECUTE FUNCTION stats_job_postings_trg();

    CREATE FUNCTION stats_resume_contrib(r resumes, s int) RETURNS void LANGUAGE plpgsql AS $f$
    BEGIN
      IF r.current_region_code IS NULL THEN RETURN; END IF;
      PERFORM stats_delta('resumes_new', stats_month(r.created_at), r.current_region_code, '', s);
      PERFORM stats_delta('resume_occupations', stats_month(r.created_at), r.current_region_code, o, s)
        FROM unnest(r.desired_occupation_codes) AS o;
    END $f$;
    CREATE FUNCTION stats_resumes_trg() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF current_setting('jiuye.stats_off', true) = 'on' THEN RETURN NULL; END IF;
      IF TG_OP <> 'INSERT' THEN PERFORM stats_resume_contrib(OLD, -1); END IF;
      IF TG_OP <> 'DELETE' THEN PERFORM stats_resume_contrib(NEW, 1); END IF;
      RETURN NULL;
    END $f$;
    CREATE TRIGGER stats_resumes_ins_del AFTER INSERT OR DELETE ON resumes
      FOR EACH ROW EXECUTE FUNCTION stats_resumes_trg();
    CREATE TRIGGER stats_resumes_upd AFTER UPDATE ON resumes FOR EACH ROW
      WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at
        OR OLD.current_region_code IS DISTINCT FROM NEW.current_region_code
        OR OLD.desired_occupation_codes IS DISTINCT FROM NEW.desired_occupation_codes)
      EXECUTE FUNCTION stats_resumes_trg();

    CREATE FUNCTION stats_registration_contrib(r registrations, s int) RETURNS void LANGUAGE plpgsql AS $f$
    BEGIN
      IF r.kind = 'unemployment' THEN
        PERFORM stats_delta('unemployment_in', date_trunc('month', r.registered_on)::date, r.district_code, '', s);
        IF r.ended_on IS NOT NULL THEN
          PERFORM stats_delta('unemployment_ended', date_trunc('month', r.ended_on)::date, r.district_code, '', s);
          PERFORM stats_delta('unemployment_out_stock',
            date_trunc('month', greatest(r.registered_on, r.ended_on))::date, r.district_code, '', s);
        END IF;
      ELSIF r.kind = 'employment' AND r.source <> 'platform_hire' THEN
        PERFORM stats_delta('employment_other', date_trunc('month', r.registered_on)::date, r.district_code, '', s);
      END IF;
    END $f$;
    CREATE FUNCTION stats_registrations_trg() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF current_setting('jiuye.stats_off', true) = 'on' THEN RETURN NULL; END IF;
      IF TG_OP <> 'INSERT' THEN PERFORM stats_registration_contrib(OLD, -1); END IF;
      IF TG_OP <> 'DELETE' THEN PERFORM stats_registration_contrib(NEW, 1); END IF;
      RETURN NULL;
    END $f$;
    CREATE TRIGGER stats_registrations_ins_del AFTER INSERT OR DELETE ON registrations
      FOR EACH ROW EXECUTE FUNCTION stats_registrations_trg();
    CREATE TRIGGER stats_registrations_upd AFTER UPDATE ON registrations FOR EACH ROW
      WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.source IS DISTINCT FROM NEW.source
        OR OLD.district_code IS DISTINCT FROM NEW.district_code OR OLD.registered_on IS DISTINCT FROM NEW.registered_on
        OR OLD.ended_on IS DISTINCT FROM NEW.ended_on)
      EXECUTE FUNCTION stats_registrations_trg();

    CREATE FUNCTION stats_posting_district(pid uuid) RETURNS text LANGUAGE sql STABLE AS
      $f$ SELECT district_code::text FROM job_postings WHERE id = pid $f$;

    CREATE FUNCTION stats_applications_trg() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF current_setting('jiuye.stats_off', true) = 'on' THEN RETURN NULL; END IF;
      IF TG_OP <> 'INSERT' THEN
        PERFORM stats_delta('applications', stats_month(OLD.created_at), stats_posting_district(OLD.posting_id), '', -1);
      END IF;
      IF TG_OP <> 'DELETE' THEN
        PERFORM stats_delta('applications', stats_month(NEW.created_at), stats_posting_district(NEW.posting_id), '', 1);
      END IF;
      RETURN NULL;
    END $f$;
    CREATE TRIGGER stats_applications_ins_del AFTER INSERT OR DELETE ON applications
      FOR EACH ROW EXECUTE FUNCTION stats_applications_trg();
    CREATE TRIGGER stats_applications_upd AFTER UPDATE ON applications FOR EACH ROW
      WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.posting_id IS DISTINCT FROM NEW.posting_id)
      EXECUTE FUNCTION stats_applications_trg();

    CREATE FUNCTION stats_hires_trg() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF current_setting('jiuye.stats_off', true) = 'on' THEN RETURN NULL; END IF;
      IF TG_OP <> 'INSERT' THEN
        PERFORM stats_delta('hires', stats_month(OLD.hired_at), stats_posting_district(OLD.posting_id), '', -1);
      END IF;
      IF TG_OP <> 'DELETE' THEN
        PERFORM stats_delta('hires', stats_month(NEW.hired_at), stats_posting_district(NEW.posting_id), '', 1);
      END IF;
      RETURN NULL;
    END $f$;
    CREATE TRIGGER stats_hires_ins_del AFTER INSERT OR DELETE ON hires
      FOR EACH ROW EXECUTE FUNCTION stats_hires_trg();
    CREATE TRIGGER stats_hires_upd AFTER UPDATE ON hires FOR EACH ROW
      WHEN (OLD.hired_at IS DISTINCT FROM NEW.hired_at OR OLD.posting_id IS DISTINCT FROM NEW.posting_id)
      EXECUTE FUNCTION stats_hires_trg();

    CREATE FUNCTION stats_event_contrib(e application_events, s int) RETURNS void LANGUAGE plpgsql AS $f$
    DECLARE d text;
    BEGIN
      IF NOT ((e.to_status = 'interview' AND e.from_status IS DISTINCT FROM 'interview')
        OR e.to_status = 'offer' OR (e.to_status = 'hired' AND e.from_status IS DISTINCT FROM 'offer')) THEN
        RETURN;
      END IF;
      SELECT p.district_code INTO d FROM applications a JOIN job_postings p ON p.id = a.posting_id
        WHERE a.id = e.application_id;
      PERFORM stats_delta(CASE WHEN e.to_status = 'interview' THEN 'interviews' ELSE 'offers' END,
        stats_month(e.at), d, '', s);
    END $f$;
    CREATE FUNCTION stats_application_events_trg() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN
      IF current_setting('jiuye.stats_off', true) = 'on' THEN RETURN NULL; END IF;
      IF TG_OP <> 'INSERT' THEN PERFORM stats_event_contrib(OLD, -1); END IF;
      IF TG_OP <> 'DELETE' THEN PERFORM stats_event_contrib(NEW, 1); END IF;
      RETURN NULL;
    END $f$;
    CREATE TRIGGER stats_application_events_ins_del AFTER INSERT OR DELETE ON application_events
      FOR EACH ROW EXECUTE FUNCTION stats_application_events_trg();
    CREATE TRIGGER stats_application_events_upd AFTER UPDATE ON application_events FOR EACH ROW
      WHEN (OLD.at IS DISTINCT FROM NEW.at OR OLD.to_status IS DISTINCT FROM NEW.to_status
        OR OLD.from_status IS DISTINCT FROM NEW.from_status OR OLD.application_id IS DISTINCT FROM NEW.application_id)
      EXECUTE FUNCTION stats_application_events_trg();

    -- From scratch, written apart from the triggers (the property test compares the two).
    CREATE FUNCTION stats_monthly_expected()
    RETURNS TABLE (metric text, month date, district_code text, occupation_code text, value bigint)
    LANGUAGE sql STABLE AS $f$
      SELECT 'postings_in', stats_month(published_at), trim(district_code), trim(occupation_code), count(*)
        FROM job_postings WHERE published_at IS NOT NULL GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'vacancies', stats_month(published_at), trim(district_code), trim(occupation_code), sum(headcount)
        FROM job_postings WHERE published_at IS NOT NULL GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'postings_out', stats_month(updated_at), trim(district_code), '', count(*)
        FROM job_postings WHERE status IN ('closed', 'expired') GROUP BY 2, 3
      UNION ALL
      SELECT 'resumes_new', stats_month(created_at), trim(current_region_code), '', count(*)
        FROM resumes WHERE current_region_code IS NOT NULL GROUP BY 2, 3
      UNION ALL
      SELECT 'resume_occupations', stats_month(r.created_at), trim(r.current_region_code), trim(o), count(*)
        FROM resumes r, unnest(r.desired_occupation_codes) AS o WHERE r.current_region_code IS NOT NULL
        GROUP BY 2, 3, 4
      UNION ALL
      SELECT 'unemployment_in', date_trunc('month', registered_on)::date, trim(district_code), '', count(*)
        FROM registrations WHERE kind = 'unemployment' GROUP BY 2, 3
      UNION ALL
      SELECT 'unemployment_ended', date_trunc('month', ended_on)::date, trim(district_code), '', count(*)
        FROM registrations WHERE kind = 'unemployment' AND ended_on IS NOT NULL GROUP BY 2, 3
      UNION ALL
      SELECT 'unemployment_out_stock', date_trunc('month', greatest(registered_on, ended_on))::date,
          trim(district_code), '', count(*)
        FROM registrations WHERE kind = 'unemployment' AND ended_on IS NOT NULL GROUP BY 2, 3
      UNION ALL
      SELECT 'employment_other', date_trunc('month', registered_on)::date, trim(district_code), '', count(*)
        FROM registrations WHERE kind = 'employment' AND source <> 'platform_hire' GROUP BY 2, 3
      UNION ALL
      SELECT 'applications', stats_month(a.created_at), trim(p.district_code), '', count(*)
        FROM applications a JOIN job_postings p ON p.id = a.posting_id GROUP BY 2, 3
      UNION ALL
      SELECT 'hires', stats_month(h.hired_at), trim(p.district_code), '', count(*)
        FROM hires h JOIN job_postings p ON p.id = h.posting_id GROUP BY 2, 3
      UNION ALL
      SELECT 'interviews', stats_month(e.at), trim(p.district_code), '', count(*)
        FROM application_events e JOIN applications a ON a.id = e.application_id
        JOIN job_postings p ON p.id = a.posting_id
        WHERE e.to_status = 'interview' AND e.from_status IS DISTINCT FROM 'interview' GROUP BY 2, 3
      UNION ALL
      SELECT 'offers', stats_month(e.at), trim(p.district_code), '', count(*)
        FROM application_events e JOIN applications a ON a.id = e.application_id
        JOIN job_postings p ON p.id = a.posting_id
        WHERE e.to_status = 'offer' OR (e.to_status = 'hired' AND e.from_status IS DISTINCT FROM 'offer')
        GROUP BY 2, 3
    $f$;

    -- Moves the deltas into the rollups (one folder at a time; a busy folder makes this a no-op).
    CREATE FUNCTION stats_monthly_fold() RETURNS bigint LANGUAGE plpgsql AS $f$
    DECLARE n bigint;
    BEGIN
      IF NOT pg_try_advisory_xact_lock(hashtext('stats_monthly_fold')) THEN RETURN 0; END IF;
      WITH d AS (
        DELETE FROM stats_monthly_deltas RETURNING metric, month, district_code, occupation_code, delta
      ), g AS (
        SELECT d.metric, d.month, d.district_code, d.occupation_code, sum(d.delta) AS v, count(*) AS c
        FROM d GROUP BY 1, 2, 3, 4
      ), ins AS (
        INSERT INTO stats_monthly AS s (metric, month, district_code, occupation_code, value)
        SELECT g.metric, g.month, g.district_code, g.occupation_code, g.v FROM g ORDER BY 1, 2, 3, 4
        ON CONFLICT (metric, month, district_code, occupation_code) DO UPDATE SET value = s.value + excluded.value
        RETURNING 1
      )
      SELECT coalesce(sum(c), 0) INTO n FROM g;
      RETURN n;
    END $f$;

    CREATE FUNCTION stats_monthly_rebuild() RETURNS void LANGUAGE plpgsql AS $f$
    BEGIN
      LOCK TABLE stats_monthly, stats_monthly_deltas IN EXCLUSIVE MODE;
      DELETE FROM stats_monthly_deltas;
      DELETE FROM stats_monthly;
      INSERT INTO stats_monthly (metric, month, district_code, occupation_code, value)
      SELECT x.metric, x.month, x.district_code, x.occupation_code, x.value FROM stats_monthly_expected() x
      WHERE x.value <> 0 AND x.month IS NOT NULL AND x.district_code IS NOT NULL;
    END $f$;

    SELECT stats_monthly_rebuild();

    -- Live indicators over the smaller tables (the month's range, then the area).
    CREATE INDEX IF NOT EXISTS job_fairs_starts_idx ON job_fairs (starts_at, district_code);
    CREATE INDEX IF NOT EXISTS warning_alerts_open_idx ON warning_alerts (district_code, severity)
      WHERE status = 'open';
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS warning_alerts_open_idx;
    DROP INDEX IF EXISTS job_fairs_starts_idx;
    DROP TRIGGER IF EXISTS stats_job_postings_ins_del ON job_postings;
    DROP TRIGGER IF EXISTS stats_job_postings_upd ON job_postings;
    DROP TRIGGER IF EXISTS stats_resumes_ins_del ON resumes;
    DROP TRIGGER IF EXISTS stats_resumes_upd ON resumes;
    DROP TRIGGER IF EXISTS stats_registrations_ins_del ON registrations;
    DROP TRIGGER IF EXISTS stats_registrations_upd ON registrations;
    DROP TRIGGER IF EXISTS stats_applications_ins_del ON applications;
    DROP TRIGGER IF EXISTS stats_applications_upd ON applications;
    DROP TRIGGER IF EXISTS stats_hires_ins_del ON hires;
    DROP TRIGGER IF EXISTS stats_hires_upd ON hires;
    DROP TRIGGER IF EXISTS stats_application_events_ins_del ON application_events;
    DROP TRIGGER IF EXISTS stats_application_events_upd ON application_events;
    DROP FUNCTION IF EXISTS stats_monthly_rebuild();
    DROP FUNCTION IF EXISTS stats_monthly_fold();
    DROP FUNCTION IF EXISTS stats_monthly_expected();
    DROP FUNCTION IF EXISTS stats_application_events_trg();
    DROP FUNCTION IF EXISTS stats_event_contrib(application_events, int);
    DROP FUNCTION IF EXISTS stats_hires_trg();
    DROP FUNCTION IF EXISTS stats_applications_trg();
    DROP FUNCTION IF EXISTS stats_posting_district(uuid);
    DROP FUNCTION IF EXISTS stats_registrations_trg();
    DROP FUNCTION IF EXISTS stats_registration_contrib(registrations, int);
    DROP FUNCTION IF EXISTS stats_resumes_trg();
    DROP FUNCTION IF EXISTS stats_resume_contrib(resumes, int);
    DROP FUNCTION IF EXISTS stats_job_postings_trg();
    DROP FUNCTION IF EXISTS stats_posting_children(uuid);
    DROP FUNCTION IF EXISTS stats_posting_contrib(job_postings, int);
    DROP FUNCTION IF EXISTS stats_delta(text, date, text, text, bigint);
    DROP FUNCTION IF EXISTS stats_month(timestamptz);
    DROP TABLE IF EXISTS stats_monthly_deltas;
    DROP TABLE IF EXISTS stats_monthly;
  `.execute(db);
}
