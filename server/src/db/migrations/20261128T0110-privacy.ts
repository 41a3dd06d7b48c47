import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen history */
// Issue 9: PIPL consents with their notice version, restriction after cancellation, retention.

const NOTICE_ZH = `《湛江市就业服务平台个人信息处理规则》
一、我们是谁：湛江市人力资源和社会保障局（个人信息处理者）。
二、处理目的与依据：为您提供就业服务账号（合同必需，《个人信息保护法》第十三条第二项）；履行就业登记、失业登记、就业援助和补贴发放等法定职责（第十三条第三项）；在您单独同意后，向企业展示您的简历、记录身份证号码、重点群体身份和健康申报等敏感信息（第二十八、二十九条）。
三、保存期限：见“个人信息处理登记表”（docs/privacy.md）；财务和社会保险法律要求保存的记录在注销后受限保存。
四、您的权利：查阅、复制（下载我的数据）、更正、删除、撤回同意、注销账号（第四十四至四十七条）。撤回同意不影响撤回前基于同意已进行的处理。
五、联系方式：各区人社部门服务窗口。`;

const NOTICE_EN = `Zhanjiang Employment Service Platform — personal information rules
1. Who we are: Zhanjiang Human Resources and Social Security Bureau (the personal information handler).
2. Purposes and legal bases: your platform account (necessary for the service contract, PIPL art. 13(2)); statutory duties such as employment and unemployment registration, employment assistance and subsidy payments (art. 13(3)); with your separate consent, showing your résumé to enterprises and recording your identity number, key-group status and health declarations (sensitive data, arts. 28–29).
3. Retention: see the register of processing (docs/privacy.md); records that finance and social-insurance law require are kept, restricted, after cancellation.
4. Your rights: access and copy (download my data), correction, deletion, withdrawal of consent, account cancellation (arts. 44–47). Withdrawal does not affect processing already carried out on the basis of the consent.
5. Contact: the service desk of your district's human resources bureau.`;

export async function up(db: Kysely<any>): Promise<void> {
  // Versioned notice texts, kept as data: every consent names the version the person saw.
  await db.schema
    .createTable('privacy_notices')
    .addColumn('version', 'text', (c) =>
      c.primaryKey().check(sql`version ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.[0-9]+)?$'`),
    )
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('privacy_notices')
    .values({
      version: '2026-11-27',
      effective_from: sql`'2026-11-27T00:00:00+08:00'::timestamptz`,
      title_zh: '个人信息处理规则',
      title_en: 'Personal information rules',
      body_zh: NOTICE_ZH,
      body_en: NOTICE_EN,
    })
    .execute();

  // The consent ledger: one row per grant or withdrawal, never updated; the current state of a
  // subject's purpose is its latest row (by seq).
  await db.schema
    .createTable('consent_records')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity().unique())
    .addColumn('subject_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('subject_person_id', 'uuid', (c) => c.references('persons.id'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose ~ '^[a-z_]{2,60}$'`))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('grant', 'withdraw')`))
    .addColumn('notice_version', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('web', 'desk_paper', 'system')`))
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('legacy_consent_id', 'uuid', (c) => c.references('consents.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'consent_records_subject_check',
      sql`subject_user_id is not null or subject_person_id is not null`,
    )
    .execute();
  await db.schema
    .createIndex('consent_records_user_idx')
    .on('consent_records')
    .columns(['subject_user_id', 'purpose', 'seq'])
    .where(sql.ref('subject_user_id'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('consent_records_person_idx')
    .on('consent_records')
    .columns(['subject_person_id', 'purpose', 'seq'])
    .where(sql.ref('subject_person_id'), 'is not', null)
    .execute();
  await sql`
    create function consent_records_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'consent_records is append-only' using errcode = '55000';
    end $$;
    create trigger consent_records_no_update before update on consent_records
      for each row execute function consent_records_immutable();
  `.execute(db);

  // The older per-module consents (résumé, applications, buses, graduates) are mirrored into the
  // ledger by this trigger, so every module that records a consent feeds the one ledger without
  // knowing about it. Kinds are renamed to the ledger's purposes.
  await sql`
    create function consent_purpose_of(kind text) returns text language sql immutable as $$
      select case kind
        when 'resume_visibility' then 'resume_sharing_with_enterprises'
        when 'travel_health' then 'health_declaration'
        when 'resume_share' then 'application_resume_share'
        when 'graduate_registry' then 'graduate_registry'
        when 'key_group_status' then 'key_group_status'
        else left(regexp_replace(lower(kind), '[^a-z_]', '_', 'g'), 60)
      end
    $$;
    create function consents_mirror() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into consent_records (subject_user_id, purpose, action, notice_version, channel, legacy_consent_id, at)
        values (new.user_id, consent_purpose_of(new.kind), 'grant', new.notice_version,
                case when new.context->>'channel' in ('web', 'desk_paper', 'system') then new.context->>'channel' else 'web' end,
                new.id, new.granted_at);
        if new.withdrawn_at is not null then
          insert into consent_records (subject_user_id, purpose, action, notice_version, channel, legacy_consent_id, at)
          values (new.user_id, consent_purpose_of(new.kind), 'withdraw', new.notice_version, 'web', new.id, new.withdrawn_at);
        end if;
      elsif new.withdrawn_at is not null and old.withdrawn_at is null then
        insert into consent_records (subject_user_id, purpose, action, notice_version, channel, legacy_consent_id, at)
        values (new.user_id, consent_purpose_of(new.kind), 'withdraw', new.notice_version, 'web', new.id, new.withdrawn_at);
      end if;
      return new;
    end $$;
    create trigger consents_mirror after insert or update of withdrawn_at on consents
      for each row execute function consents_mirror();
  `.execute(db);
  // Consents given before this migration start the ledger.
  await sql`
    insert into consent_records (subject_user_id, purpose, action, notice_version, channel, legacy_consent_id, at)
    select user_id, consent_purpose_of(kind), 'grant', notice_version, 'web', id, granted_at from consents
    union all
    select user_id, consent_purpose_of(kind), 'withdraw', notice_version, 'web', id, withdrawn_at
      from consents where withdrawn_at is not null
    order by 7
  `.execute(db);

  // Subjects whose data is kept only because a law requires it (after account cancellation):
  // no longer processed except for that legal retention. One row per user and/or person.
  await db.schema
    .createTable('restricted_subjects')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').unique())
    .addColumn('person_id', 'uuid', (c) => c.references('persons.id').unique())
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason in ('account_cancelled', 'erasure_request')`),
    )
    .addColumn('legal_retention', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('restricted_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'restricted_subjects_subject_check',
      sql`user_id is not null or person_id is not null`,
    )
    .execute();

  // A cancelled account frees its phone number: it is replaced by a marker that cannot sign in.
  await sql`alter table users drop constraint users_phone_check`.execute(db);
  await sql`alter table users add constraint users_phone_check
    check (phone ~ '^1[3-9][0-9]{9}$' or phone ~ '^cancelled:[0-9a-f-]{36}$')`.execute(db);
  // An anonymised person keeps the row (other records point at it) without a phone number.
  await sql`alter table persons drop constraint persons_phone_check`.execute(db);
  await sql`alter table persons add constraint persons_phone_check
    check (phone ~ '^1[3-9][0-9]{9}$' or phone = '')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table persons drop constraint persons_phone_check`.execute(db);
  await sql`alter table persons add constraint persons_phone_check check (phone ~ '^1[3-9][0-9]{9}$')`.execute(
    db,
  );
  await sql`alter table users drop constraint users_phone_check`.execute(db);
  await sql`alter table users add constraint users_phone_check check (phone ~ '^1[3-9][0-9]{9}$')`.execute(
    db,
  );
  await db.schema.dropTable('restricted_subjects').execute();
  await sql`drop trigger consents_mirror on consents`.execute(db);
  await sql`drop function consents_mirror()`.execute(db);
  await sql`drop function consent_purpose_of(text)`.execute(db);
  await db.schema.dropTable('consent_records').execute();
  await sql`drop function consent_records_immutable()`.execute(db);
  await db.schema.dropTable('privacy_notices').execute();
}
