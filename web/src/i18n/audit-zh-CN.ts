/**
 * 审计 (issue 9: the auditor's view of the tamper-evident audit trail). Kept out of the typed
 * `Messages` union (near TypeScript's instantiation limit); pages look them up through
 * features/audit/messages.ts.
 */
export const auditZhCN = {
  audit: {
    areaTitle: '审计',
    nav: { trail: '审计日志' },
    title: '审计日志',
    intro:
      '平台上的每一次业务变更和对个人信息的查看都记录在这里。记录只能追加，不能修改或删除；每条记录带有前一条的哈希值，任何篡改都会在“校验”时被发现。您的每次查询也会被记录。',
    filters: {
      label: '筛选条件',
      actor: '操作人 ID',
      actorHelp: '用户或接口令牌的 ID（UUID）',
      actorRole: '操作人身份',
      anyRole: '全部身份',
      action: '操作',
      actionHelp: '如 posting 或 posting.review',
      entityType: '对象类型',
      entityId: '对象 ID',
      from: '开始日期',
      to: '结束日期',
      apply: '查询',
      reset: '清空',
    },
    roles: { api_token: '接口令牌', anonymous: '未登录', system: '系统' },
    cols: {
      seq: '序号',
      at: '时间',
      actor: '操作人',
      action: '操作',
      entity: '对象',
      summary: '内容',
      ip: 'IP 地址',
    },
    loadMore: '加载更多',
    end: '已显示全部符合条件的记录',
    empty: '没有符合条件的记录',
    verify: {
      title: '完整性校验',
      intro: '逐条重新计算哈希链，检查是否有记录被修改、删除或调换顺序。',
      button: '校验哈希链',
      running: '正在校验…',
      ok: '哈希链完整：共 {{count}} 条记录，链头序号 {{seq}}。',
      okHash: '链头哈希（可抄录留存，用于日后比对）：',
      broken: '发现断点：{{kind}}，序号 {{seq}}（记录 ID {{id}}）',
      brokenNote: '断点之后的记录无法证明未被篡改。请立即上报信息安全负责人，并保留数据库备份。',
      checkedAt: '校验时间：{{at}}',
      kinds: {
        edited: '记录内容被修改',
        gap: '记录被删除（序号缺失）',
        reordered: '记录被替换或调换顺序',
        unchained: '存在未入链的记录',
        tail_missing: '末尾记录被删除',
        head_mismatch: '链头与最后一条记录不符',
      },
    },
  },
};
export type AuditMessages = typeof auditZhCN;
