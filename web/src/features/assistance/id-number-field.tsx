import type { Ref } from 'react';
import { Form, Input } from 'antd';
import type { InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldMessage, parseIdNumber, SEEKER_MIN_AGE, type ParsedIdNumber } from '@jiuye/shared';
import { checkRule, requiredRule } from '../../app/form-errors';
import { useLabels } from '../../app/labels';
import { useLocale } from '../../i18n';
import { regionPathLabel, useRegionAncestors } from '../reference/api';

const ID_LENGTH = 18;

/** Spaces and dashes people type between digit groups go; a trailing x becomes X. */
export function normalizeIdNumber(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\s-]/g, '').toUpperCase() : '';
}

/** The parsed number once all 18 characters are there (the shared validator, as the server runs it). */
export function useParsedIdNumber(value: string, minAge = SEEKER_MIN_AGE): ParsedIdNumber | null {
  if (value.length !== ID_LENGTH) return null;
  const parsed = parseIdNumber(value, { minAge });
  return parsed.ok ? parsed : null;
}

/** Birth date, gender, age and household region read from a valid number, for the clerk to check aloud. */
export function DerivedFacts({ parsed }: { parsed: ParsedIdNumber }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const names = useRegionAncestors([parsed.regionCode]);
  return (
    <span className="derived-facts">
      <span>{t('assistance.id.birthDate', { date: parsed.birthDate })}</span>
      <span>{t('assistance.id.gender', { gender: labels.gender(parsed.gender) })}</span>
      <span>{t('assistance.id.age', { age: parsed.age })}</span>
      <span>{t('assistance.id.household', { region: regionPathLabel(parsed.regionCode, names) })}</span>
    </span>
  );
}

/**
 * The identity-number field: validated as it is typed with the shared validator (format, birth date,
 * check character, age 16+), each problem in the field in the UI language; once valid, what the
 * number tells is shown under it. An incomplete number is only called wrong when the field is left,
 * so the clerk is not told off for every digit.
 */
export function IdNumberField({
  name = 'idNumber',
  label,
  help,
  autoFocus = false,
  required = true,
  inputRef,
}: {
  name?: string | (string | number)[];
  label: string;
  /** Shown under the field until a valid number is there. */
  help?: string;
  autoFocus?: boolean;
  required?: boolean;
  inputRef?: Ref<InputRef>;
}) {
  const locale = useLocale();
  const form = Form.useFormInstance();
  const value = normalizeIdNumber(Form.useWatch(name, form));
  const parsed = useParsedIdNumber(value);
  return (
    <Form.Item
      name={name}
      label={label}
      normalize={normalizeIdNumber}
      validateTrigger={['onChange', 'onBlur']}
      validateFirst
      rules={[
        ...(required ? [{ ...requiredRule(locale), validateTrigger: 'onBlur' }] : []),
        {
          validateTrigger: 'onBlur',
          ...checkRule((v) =>
            typeof v === 'string' && v !== '' && v.length !== ID_LENGTH
              ? fieldMessage('id_format', locale)
              : null,
          ),
        },
        checkRule((v) => {
          if (typeof v !== 'string' || v.length < ID_LENGTH) return null;
          const result = parseIdNumber(v, { minAge: SEEKER_MIN_AGE });
          return result.ok ? null : fieldMessage(result.code, locale);
        }),
      ]}
      extra={<span aria-live="polite">{parsed ? <DerivedFacts parsed={parsed} /> : help}</span>}
    >
      <Input
        ref={inputRef}
        // The desk starts every walk-in here.
        autoFocus={autoFocus}
        maxLength={20}
        autoComplete="off"
        spellCheck={false}
        className="mono"
      />
    </Form.Item>
  );
}
