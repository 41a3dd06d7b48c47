import { Alert } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  checkPassword,
  DisplayNameSchema,
  fieldMessage,
  PhoneSchema,
  type FieldError,
  type Locale,
  type Problem,
} from '@jiuye/shared';
import { isApiError } from './api-client';

/**
 * Puts each problem+json field error on the form field it names (`districtCodes.0` →
 * `districtCodes`) and answers the ones no field of this form shows, for the alert.
 */
export function applyProblemToForm(
  form: FormInstance,
  problem: Problem,
  fieldNames: readonly string[],
  /**
   * Form.List fields whose rows have fields of their own (`experiences.0.from`): their errors go
   * on the row's field rather than on the list.
   */
  listFields: readonly string[] = [],
): FieldError[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: FieldError[] = [];
  for (const error of problem.errors ?? []) {
    const segments = error.path.split('.');
    const field = segments[0] ?? '';
    if (!fieldNames.includes(field)) {
      unmatched.push(error);
      continue;
    }
    const name: (string | number)[] =
      listFields.includes(field) && segments.length >= 3
        ? segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s))
        : [field];
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(error.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return unmatched;
}

/** The alert above a form: the problem's title, its detail and any errors no field could show. */
export function ProblemAlert({ error, fieldNames = [] }: { error: unknown; fieldNames?: readonly string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!isApiError(error)) {
    return <Alert type="error" showIcon title={t('common.networkError')} style={{ marginBottom: 16 }} />;
  }
  const { problem, retryAfter } = error;
  const errors = problem.errors ?? [];
  const rest = errors.filter((e) => !fieldNames.includes(e.path.split('.')[0] ?? ''));
  const lines = [
    // With field errors the server's detail only lists them again ("phone: …"); the fields show
    // their own, and the rest are listed below.
    errors.length === 0 ? problem.detail : undefined,
    retryAfter !== null ? t('auth.login.retryAfter', { seconds: retryAfter }) : undefined,
    ...rest.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
  ].filter((line): line is string => Boolean(line));
  return (
    <Alert
      type="error"
      showIcon
      title={problem.title}
      description={lines.length > 0 ? lines.map((line) => <div key={line}>{line}</div>) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

/*
 * Client-side rules built from the same shared validators the server runs, with the same
 * bilingual messages, so a field says the same thing whether the browser or the API refused it.
 */
/** A rule from a plain check: answers the message to show, or null when the value is fine. */
export function checkRule(check: (value: unknown) => string | null) {
  return {
    validator: (_rule: unknown, value: unknown) => {
      const problem = check(value);
      return problem === null ? Promise.resolve() : Promise.reject(new Error(problem));
    },
  };
}

export function requiredRule(locale: Locale): FormRule {
  return { required: true, message: fieldMessage('required', locale) };
}

export function phoneRules(locale: Locale): FormRule[] {
  return [
    requiredRule(locale),
    checkRule((value) =>
      typeof value === 'string' && value !== '' && !PhoneSchema.safeParse(value).success
        ? fieldMessage('phone_format', locale)
        : null,
    ),
  ];
}

export function passwordPolicyRules(locale: Locale, phone: () => string | undefined): FormRule[] {
  return [
    requiredRule(locale),
    checkRule((value) => {
      if (typeof value !== 'string' || value === '') return null;
      const parsedPhone = PhoneSchema.safeParse(phone() ?? '');
      const code = checkPassword(value, parsedPhone.success ? parsedPhone.data : undefined);
      return code ? fieldMessage(code, locale) : null;
    }),
  ];
}

export function displayNameRules(locale: Locale): FormRule[] {
  return [
    requiredRule(locale),
    checkRule((value) => {
      if (typeof value !== 'string' || value === '') return null;
      const result = DisplayNameSchema.safeParse(value);
      if (result.success) return null;
      // Only whitespace trims to empty (too_small): that is a missing name.
      return fieldMessage(result.error.issues[0]?.code === 'too_big' ? 'too_big' : 'required', locale);
    }),
  ];
}
