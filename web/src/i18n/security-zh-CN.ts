/**
 * 登录安全 (issue 9: second factor, re-authentication, signed-in devices). Kept out of the typed
 * `Messages` union (near TypeScript's instantiation limit); pages look them up through
 * features/auth/security-messages.ts.
 */
export const securityZhCN = {
  security: {
    verify: {
      title: '输入动态验证码',
      intro:
        '为保护群众信息，工作人员账号登录需要第二步验证。请打开手机上的验证器应用（如腾讯身份验证器、Google Authenticator），输入显示的 6 位数字。',
      code: '动态验证码',
      codeHelp: '6 位数字，每 30 秒更新一次',
      submit: '验证',
      useRecovery: '手机不在身边？使用恢复码',
      useCode: '改用动态验证码',
      recoveryCode: '恢复码',
      recoveryHelp: '设置验证器时保存的恢复码之一，每个只能用一次',
      recoveryLeft: '您还剩 {{count}} 个恢复码，请尽快在“账号设置”中重新设置验证器。',
      cancel: '换个账号登录',
    },
    enrol: {
      title: '设置动态验证码',
      intro:
        '您的账号需要第二步验证。请在手机上安装验证器应用，然后扫描下方二维码（或手动输入密钥），再输入应用显示的 6 位数字完成设置。',
      step1: '1. 用验证器应用扫描二维码',
      qrAlt: '动态验证码设置二维码',
      manual: '无法扫码？手动输入以下密钥（基于时间）：',
      step2: '2. 输入验证器显示的 6 位数字',
      submit: '完成设置',
      start: '开始设置',
      reenrolTitle: '更换验证器',
    },
    recovery: {
      title: '请保存恢复码',
      intro:
        '手机丢失或更换时，可用以下恢复码登录，每个只能使用一次。它们只显示这一次，请抄写或下载后妥善保存，不要与他人共享。',
      copy: '复制全部',
      copied: '已复制',
      download: '下载为文本文件',
      fileHeader: '就业平台 恢复码（每个只能使用一次）',
      done: '我已保存，继续',
    },
    reauth: {
      title: '再次验证身份',
      intro: '这是敏感操作（更换手机号、收款账户、密码或验证器），请再次输入密码{{withCode}}。',
      withCode: '和动态验证码',
      password: '登录密码',
      submit: '验证并继续',
      cancel: '取消',
    },
    sessions: {
      title: '我的登录设备',
      intro: '以下是您的账号当前登录着的设备。看到不认识的设备，请立即结束它并修改密码。',
      current: '本设备',
      device: '设备',
      unknownDevice: '未知设备',
      ip: 'IP 地址',
      createdAt: '登录时间',
      lastSeenAt: '最近活动',
      end: '结束',
      endConfirm: '结束这个设备上的登录？',
      endOthers: '结束其他所有设备',
      endOthersConfirm: '结束除本设备以外的所有登录？',
      ended: '已结束 {{count}} 个登录',
      endedOne: '已结束该登录',
      none: '没有其他设备',
    },
    factor: {
      title: '动态验证码（第二步验证）',
      on: '已开启',
      required: '您的角色必须使用动态验证码登录。',
      reenrol: '更换验证器',
      reenrolHelp: '换手机或恢复码用完时使用：旧验证器和旧恢复码将失效。',
    },
    phone: {
      title: '更换手机号',
      help: '手机号是您的登录账号，更换前需要再次验证身份。',
      label: '新手机号',
      submit: '更换',
      done: '手机号已更换',
    },
    admin: {
      mfaOn: '已设动态码',
      mfaOff: '未设动态码',
      sessions: '登录设备',
      sessionsTitle: '{{name}} 的登录设备',
      endAll: '结束全部登录',
      endAllConfirm: '结束 {{name}} 在所有设备上的登录？',
      resetMfa: '重置动态码',
      resetMfaConfirm: '重置 {{name}} 的动态验证码？其所有登录将结束，下次登录时需要重新设置。',
      resetMfaDone: '已重置，对方下次登录时重新设置',
      none: '当前没有登录',
    },
  },
};

export type SecurityMessages = typeof securityZhCN;
