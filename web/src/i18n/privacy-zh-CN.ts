/**
 * 个人信息与隐私 (issue 9) messages. Kept out of the typed `Messages` union (near TypeScript's
 * instantiation limit); pages look them up through features/privacy/messages.ts.
 */
export const privacyZhCN = {
  privacy: {
    title: '个人信息与隐私',
    intro:
      '您可以在这里查看我们为何处理您的个人信息、管理单独同意、下载您的全部数据、更正信息或注销账号（《个人信息保护法》第四十四至四十七条）。',
    accountLink: '个人信息与隐私',
    accountLinkDesc: '同意管理、下载我的数据、注销账号',
    notice: {
      title: '个人信息处理规则',
      version: '版本 {{version}}，自 {{date}} 起施行',
      show: '阅读全文',
    },
    consents: {
      title: '同意管理',
      desc: '身份证号码、重点群体身份、健康申报属于敏感个人信息，向企业提供简历需要您的单独同意。您可以随时撤回，撤回后相应处理立即停止。',
      granted: '已同意',
      notGranted: '未同意',
      withdrawnAt: '已于 {{date}} 撤回',
      grantedAt: '同意时间：{{date}}',
      noticeVersion: '规则版本：{{version}}',
      sensitive: '敏感信息',
      grant: '同意',
      withdraw: '撤回同意',
      grantTitle: '同意“{{purpose}}”？',
      grantBody: '您已阅读版本 {{version}} 的个人信息处理规则，并单独同意此项处理。您可以随时撤回。',
      withdrawTitle: '撤回“{{purpose}}”的同意？',
      confirm: '确认',
      cancel: '取消',
      done: '已保存',
      history: '同意记录',
      historyEmpty: '暂无记录',
      action: { grant: '同意', withdraw: '撤回' },
      channel: { web: '网上', desk_paper: '窗口纸质', system: '系统' },
    },
    basis: {
      consent: '依据：您的同意',
      contract: '依据：提供服务所必需（第十三条第二项）',
      legal_duty: '依据：履行法定职责（第十三条第三项）',
    },
    purpose: {
      platform_account: { name: '平台账号', desc: '登录和使用就业服务。注销账号即可停止。' },
      resume_sharing_with_enterprises: {
        name: '向企业展示简历',
        desc: '企业可以在人才推荐中看到您的简历。',
        consequence: '撤回后，企业将立即无法在人才推荐中看到您的简历；已投递的申请不受影响。',
      },
      identity_number: {
        name: '身份证号码',
        desc: '用于核验身份和办理补贴；只以加密方式保存，页面上只显示打码号码。',
        consequence: '撤回后，简历上的身份证号码将被删除；如果您办理过登记或补贴，依法保存的记录不受影响。',
      },
      key_group_status: {
        name: '重点群体身份',
        desc: '用于就业援助和补贴资格（如就业困难人员、脱贫人口）。',
        consequence:
          '撤回后，简历上的重点群体身份将被删除，系统不再为您认定重点群体，现有认定随即终止；可能影响您享受相关帮扶和补贴。',
      },
      health_declaration: {
        name: '健康申报',
        desc: '乘坐点对点包车前的健康申报。',
        consequence: '撤回后，尚未安排车次的乘车申请（含健康申报）将被删除；已订座的行程保留到乘车时核验。',
      },
      graduate_registry: { name: '高校毕业生登记', desc: '学校或窗口登记的毕业生信息。' },
      application_resume_share: {
        name: '投递时提供简历',
        desc: '每次投递时，企业收到一份简历副本。撤回投递即可停止。',
      },
    },
    export: {
      title: '下载我的数据',
      desc: '以 JSON 文件下载我们保存的关于您的全部信息，包括谁（按岗位）在何时查阅过您的记录。身份证号码以打码形式出现；如需完整号码，请携带证件到窗口办理。',
      button: '下载 JSON',
      done: '已下载',
      limited: '下载过于频繁，请稍后再试',
    },
    correct: {
      title: '更正我的信息',
      desc: '姓名可在此更正；简历内容请在“我的简历”中修改，显示名称和密码请在“账号”中修改。',
      fullName: '姓名（人员档案）',
      noPerson: '您还没有人员档案，无需更正姓名。',
      save: '保存',
      saved: '已更正',
    },
    cancel: {
      title: '注销账号',
      warning:
        '注销后无法恢复：您将立即退出登录，简历、订阅、消息和未安排的乘车申请将被删除，所有同意将被撤回，手机号可以重新注册。财务和社会保险法律要求保存的记录（补贴申请、发放记录、就业失业登记等）将被限制保存，只用于依法留存。',
      staffNote: '工作人员账号由管理员停用，不能自行注销。',
      password: '请输入密码确认',
      understand: '我已了解以上后果',
      button: '注销账号',
      confirmTitle: '确定要注销账号吗？',
      confirmBody: '此操作无法撤销。',
      done: '账号已注销',
    },
  },
};
export type PrivacyMessages = typeof privacyZhCN;
