import 'i18next';
import type { Messages } from './zh-CN';

// Types `t('…')` keys against the zh-CN message tree, so a misspelt key fails `tsc`.
declare module 'i18next' {
  // Module augmentation only merges into an interface; a type alias would not.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
    returnNull: false;
    nsSeparator: false;
  }
}
