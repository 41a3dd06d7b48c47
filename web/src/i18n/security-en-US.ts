import type { SecurityMessages } from './security-zh-CN';

export const securityEnUS: SecurityMessages = {
  security: {
    verify: {
      title: 'Enter your authenticator code',
      intro:
        'Staff accounts sign in with a second step, to protect residents’ data. Open the authenticator app on your phone (e.g. Google Authenticator) and enter the 6 digits it shows.',
      code: 'Authenticator code',
      codeHelp: '6 digits, renewed every 30 seconds',
      submit: 'Verify',
      useRecovery: 'No phone at hand? Use a recovery code',
      useCode: 'Use the authenticator code instead',
      recoveryCode: 'Recovery code',
      recoveryHelp: 'One of the recovery codes you saved at setup; each works once',
      recoveryLeft:
        '{{count}} recovery codes left: set up your authenticator again from your account page soon.',
      cancel: 'Sign in with another account',
    },
    enrol: {
      title: 'Set up your authenticator',
      intro:
        'Your account needs a second sign-in step. Install an authenticator app on your phone, scan the QR code below (or type the key), then enter the 6 digits the app shows.',
      step1: '1. Scan the QR code with the authenticator app',
      qrAlt: 'QR code to set up the authenticator',
      manual: 'Cannot scan? Type this key (time-based):',
      step2: '2. Enter the 6 digits the app shows',
      submit: 'Finish setup',
      start: 'Start setup',
      reenrolTitle: 'Replace the authenticator',
    },
    recovery: {
      title: 'Save your recovery codes',
      intro:
        'If you lose or replace your phone, sign in with one of these codes; each works once. They are shown only now: write them down or download them and keep them safe. Never share them.',
      copy: 'Copy all',
      copied: 'Copied',
      download: 'Download as a text file',
      fileHeader: 'Jiuye recovery codes (each works once)',
      done: 'I have saved them, continue',
    },
    reauth: {
      title: 'Confirm it is you',
      intro:
        'This is a sensitive change (phone number, payout account, password or authenticator): enter your password{{withCode}} again.',
      withCode: ' and authenticator code',
      password: 'Password',
      submit: 'Confirm and continue',
      cancel: 'Cancel',
    },
    sessions: {
      title: 'Signed-in devices',
      intro:
        'Where your account is signed in now. If you see a device you do not know, end it and change your password.',
      current: 'This device',
      device: 'Device',
      unknownDevice: 'Unknown device',
      ip: 'IP address',
      createdAt: 'Signed in',
      lastSeenAt: 'Last active',
      end: 'End',
      endConfirm: 'Sign out this device?',
      endOthers: 'Sign out all other devices',
      endOthersConfirm: 'Sign out everywhere except this device?',
      ended: '{{count}} sessions ended',
      endedOne: 'Session ended',
      none: 'No other devices',
    },
    factor: {
      title: 'Authenticator (second sign-in step)',
      on: 'On',
      required: 'Your role must sign in with an authenticator code.',
      reenrol: 'Replace the authenticator',
      reenrolHelp:
        'For a new phone, or when the recovery codes run out: the old authenticator and codes stop working.',
    },
    phone: {
      title: 'Change phone number',
      help: 'Your phone number is your sign-in name: confirm it is you before changing it.',
      label: 'New phone number',
      submit: 'Change',
      done: 'Phone number changed',
    },
    admin: {
      mfaOn: 'Authenticator on',
      mfaOff: 'No authenticator',
      sessions: 'Devices',
      sessionsTitle: 'Devices of {{name}}',
      endAll: 'Sign out everywhere',
      endAllConfirm: 'Sign {{name}} out on every device?',
      resetMfa: 'Reset authenticator',
      resetMfaConfirm:
        'Reset the authenticator of {{name}}? All their sessions end; they set up a new one at next sign-in.',
      resetMfaDone: 'Reset: they set up a new authenticator at next sign-in',
      none: 'Not signed in anywhere',
    },
  },
};
