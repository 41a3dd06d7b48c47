import type { PrivacyMessages } from './privacy-zh-CN';

/** English for the privacy page; typed against zh-CN, so a missing key fails `tsc`. */
export const privacyEnUS: PrivacyMessages = {
  privacy: {
    title: 'Personal information and privacy',
    intro:
      'Here you can see why we process your personal information, manage separate consents, download all your data, correct it or cancel your account (PIPL arts. 44–47).',
    accountLink: 'Personal information and privacy',
    accountLinkDesc: 'Consents, download my data, cancel my account',
    notice: {
      title: 'Personal information rules',
      version: 'Version {{version}}, in force since {{date}}',
      show: 'Read the full text',
    },
    consents: {
      title: 'Consents',
      desc: 'Identity numbers, key-group status and health declarations are sensitive personal information, and showing your résumé to enterprises needs your separate consent. You can withdraw at any time; the processing stops at once.',
      granted: 'Given',
      notGranted: 'Not given',
      withdrawnAt: 'Withdrawn on {{date}}',
      grantedAt: 'Given on {{date}}',
      noticeVersion: 'Notice version: {{version}}',
      sensitive: 'Sensitive',
      grant: 'Give consent',
      withdraw: 'Withdraw',
      grantTitle: 'Consent to “{{purpose}}”?',
      grantBody:
        'You have read version {{version}} of the personal information rules and give your separate consent to this processing. You can withdraw it at any time.',
      withdrawTitle: 'Withdraw your consent to “{{purpose}}”?',
      confirm: 'Confirm',
      cancel: 'Cancel',
      done: 'Saved',
      history: 'Consent history',
      historyEmpty: 'Nothing yet',
      action: { grant: 'Given', withdraw: 'Withdrawn' },
      channel: { web: 'online', desk_paper: 'paper at the desk', system: 'system' },
    },
    basis: {
      consent: 'Basis: your consent',
      contract: 'Basis: necessary for the service (art. 13(2))',
      legal_duty: 'Basis: statutory duty (art. 13(3))',
    },
    purpose: {
      platform_account: {
        name: 'Platform account',
        desc: 'Signing in and using the employment services. Cancel the account to stop it.',
      },
      resume_sharing_with_enterprises: {
        name: 'Show my résumé to enterprises',
        desc: 'Enterprises can see your résumé among recommended candidates.',
        consequence:
          'Enterprises will no longer see your résumé among candidates, starting now; applications you already sent are not affected.',
      },
      identity_number: {
        name: 'Identity number',
        desc: 'To verify your identity and pay subsidies; stored encrypted, shown masked only.',
        consequence:
          'The identity number is deleted from your résumé; records the law requires (registrations, subsidies) keep it.',
      },
      key_group_status: {
        name: 'Key-group status',
        desc: 'For employment assistance and subsidy eligibility (e.g. people with employment difficulties).',
        consequence:
          'Your declared key groups are deleted, you are no longer classified into key groups and current classifications end; this may affect assistance and subsidies.',
      },
      health_declaration: {
        name: 'Health declaration',
        desc: 'Declared before a chartered-bus trip.',
        consequence:
          'Travel requests not yet on a trip (with their declaration) are deleted; a booked trip keeps it for the boarding check.',
      },
      graduate_registry: {
        name: 'Graduate registry',
        desc: 'Graduate details registered by your college or the desk.',
      },
      application_resume_share: {
        name: 'Résumé sent with applications',
        desc: 'Each application gives the enterprise a copy of your résumé. Withdraw the application to stop it.',
      },
    },
    export: {
      title: 'Download my data',
      desc: 'Download everything we hold about you as a JSON file, including who (by role) read your records and when. Identity numbers appear masked; for the full number, bring your ID card to the desk.',
      button: 'Download JSON',
      done: 'Downloaded',
      limited: 'Too many downloads; please try again later',
    },
    correct: {
      title: 'Correct my information',
      desc: 'Correct your name here; edit your résumé under “My résumé”, and your display name and password under “Account”.',
      fullName: 'Name (person record)',
      noPerson: 'You have no person record, so there is no name to correct.',
      save: 'Save',
      saved: 'Corrected',
    },
    cancel: {
      title: 'Cancel my account',
      warning:
        'This cannot be undone: you are signed out, your résumé, saved searches, messages and travel requests not on a trip are deleted, every consent is withdrawn, and your phone number can register again. Records that finance and social-insurance law require (subsidy applications, payments, employment and unemployment registrations) are kept, restricted, for that legal retention only.',
      staffNote: 'Staff accounts are disabled by an administrator, not cancelled by their holder.',
      password: 'Enter your password to confirm',
      understand: 'I understand the consequences',
      button: 'Cancel my account',
      confirmTitle: 'Cancel your account?',
      confirmBody: 'This cannot be undone.',
      done: 'Your account is cancelled',
    },
  },
};
