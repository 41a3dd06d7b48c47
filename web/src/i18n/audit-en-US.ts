import type { AuditMessages } from './audit-zh-CN';

export const auditEnUS: AuditMessages = {
  audit: {
    areaTitle: 'Audit',
    nav: { trail: 'Audit trail' },
    title: 'Audit trail',
    intro:
      'Every change made on the platform and every look at personal information is recorded here. Records can only be appended, never changed or deleted; each carries the hash of the one before, so any tampering shows up when you verify. Your own searches are recorded too.',
    filters: {
      label: 'Filters',
      actor: 'Actor ID',
      actorHelp: 'The ID (UUID) of a user or API token',
      actorRole: 'Actor role',
      anyRole: 'Any role',
      action: 'Action',
      actionHelp: 'e.g. posting or posting.review',
      entityType: 'Record type',
      entityId: 'Record ID',
      from: 'From',
      to: 'To',
      apply: 'Search',
      reset: 'Clear',
    },
    roles: { api_token: 'API token', anonymous: 'Not signed in', system: 'System' },
    cols: {
      seq: 'No.',
      at: 'Time',
      actor: 'Actor',
      action: 'Action',
      entity: 'Record',
      summary: 'Details',
      ip: 'IP address',
    },
    loadMore: 'Load more',
    end: 'All matching records are shown',
    empty: 'No matching records',
    verify: {
      title: 'Integrity check',
      intro: 'Recomputes the hash chain row by row to find records that were changed, deleted or reordered.',
      button: 'Verify the hash chain',
      running: 'Verifying…',
      ok: 'The hash chain is intact: {{count}} records, head at No. {{seq}}.',
      okHash: 'Head hash (note it down to compare later):',
      broken: 'Break found: {{kind}} at No. {{seq}} (record ID {{id}})',
      brokenNote:
        'Records after the break cannot be proven untouched. Report this to the information security officer at once and keep the database backups.',
      checkedAt: 'Checked at {{at}}',
      kinds: {
        edited: 'a record was changed',
        gap: 'a record was deleted (number missing)',
        reordered: 'records were replaced or reordered',
        unchained: 'records outside the chain',
        tail_missing: 'the last records were deleted',
        head_mismatch: 'the head does not match the last record',
      },
    },
  },
};
