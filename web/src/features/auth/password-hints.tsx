import { CheckCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { checkPassword, PASSWORD_MIN_LENGTH, PhoneSchema } from '@jiuye/shared';

/**
 * The password policy as a checklist that updates while typing. Each rule says met/not met in
 * words as well as by icon and colour, so it does not rely on colour alone (WCAG 1.4.1).
 */
export function PasswordHints({ id, password, phone }: { id: string; password: string; phone?: string }) {
  const { t } = useTranslation();
  const parsedPhone = PhoneSchema.safeParse(phone ?? '');
  const failing = password
    ? checkPassword(password, parsedPhone.success ? parsedPhone.data : undefined)
    : null;
  const lengthMet = password.length >= PASSWORD_MIN_LENGTH;
  const mixMet = /[A-Za-z]/.test(password) && /\d/.test(password);
  // checkPassword reports the first broken rule only; the later rules count as met only once the
  // earlier ones are, so a three-letter password never shows "not a common password" ticked.
  const basicsMet = lengthMet && mixMet;
  const rules = [
    { key: 'length', met: lengthMet, label: t('auth.passwordHints.length') },
    { key: 'mix', met: mixMet, label: t('auth.passwordHints.mix') },
    {
      key: 'common',
      met: basicsMet && failing !== 'password_common',
      label: t('auth.passwordHints.notCommon'),
    },
    ...(phone !== undefined
      ? [
          {
            key: 'phone',
            met: basicsMet && failing !== 'password_common' && failing !== 'password_contains_phone',
            label: t('auth.passwordHints.noPhone'),
          },
        ]
      : []),
  ];
  return (
    <div id={id} className="password-hints">
      <span className="sr-only">{t('auth.passwordHints.title')}: </span>
      <ul>
        {rules.map((rule) => (
          <li key={rule.key} className={rule.met ? 'is-met' : undefined}>
            {rule.met ? <CheckCircleFilled aria-hidden /> : <MinusCircleOutlined aria-hidden />}
            <span>{rule.label}</span>
            <span className="sr-only">
              ({rule.met ? t('auth.passwordHints.met') : t('auth.passwordHints.unmet')})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
