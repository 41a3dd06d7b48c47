import { Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ADMIN_CREATED_ROLES,
  fieldMessage,
  PhoneSchema,
  type AdminUser,
  type CreateUserBody,
} from '@jiuye/shared';
import { isApiError } from '../../app/api-client';
import {
  applyProblemToForm,
  checkRule,
  displayNameRules,
  passwordPolicyRules,
  phoneRules,
  ProblemAlert,
  requiredRule,
} from '../../app/form-errors';
import { useLocale } from '../../i18n';
import { PasswordHints } from '../auth/password-hints';
import { useDistricts } from '../reference/api';
import { createUser } from './api';

type CreateUserForm = {
  role: (typeof ADMIN_CREATED_ROLES)[number];
  phone: string;
  displayName: string;
  password: string;
  districtCodes?: string[];
};
const FIELDS = ['role', 'phone', 'displayName', 'password', 'districtCodes'] as const;

/** Staff and admin accounts are only ever created here (api-conventions: no self-registration). */
export function CreateUserDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (user: AdminUser) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<CreateUserForm>();
  const role = Form.useWatch('role', form);
  const password = Form.useWatch('password', form) ?? '';
  const phone = Form.useWatch('phone', form) ?? '';
  const districts = useDistricts();

  const mutation = useMutation({
    mutationFn: (values: CreateUserForm) => {
      const body: CreateUserBody = {
        role: values.role,
        phone: PhoneSchema.parse(values.phone),
        displayName: values.displayName.trim(),
        password: values.password,
        // A staff officer acts only in their districts; an admin is city-wide.
        districtCodes: values.role === 'staff' ? (values.districtCodes ?? []) : [],
      };
      return createUser(body);
    },
    onSuccess: (user) => {
      onCreated(user);
    },
    onError: (error) => {
      if (isApiError(error)) applyProblemToForm(form, error.problem, FIELDS);
    },
  });

  return (
    <Modal
      open={open}
      title={t('admin.users.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      // Keep the form mounted (the form instance stays connected) and clear it after closing.
      forceRender
      afterClose={() => {
        form.resetFields();
        mutation.reset();
      }}
    >
      <ProblemAlert error={mutation.error} fieldNames={FIELDS} />
      <Form<CreateUserForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'staff', districtCodes: [] }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item name="role" label={t('admin.users.createRole')} rules={[requiredRule(locale)]}>
          <Radio.Group
            aria-label={t('admin.users.createRole')}
            options={ADMIN_CREATED_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.users.colName')} rules={displayNameRules(locale)}>
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('auth.phone')} rules={phoneRules(locale)} validateTrigger="onBlur">
          <Input type="tel" inputMode="tel" autoComplete="off" placeholder={t('auth.phonePlaceholder')} />
        </Form.Item>
        {role === 'staff' && (
          <Form.Item
            name="districtCodes"
            label={t('admin.users.districts')}
            extra={t('admin.users.districtsHelp')}
            rules={[
              checkRule((value) =>
                Array.isArray(value) && value.length > 0 ? null : fieldMessage('required', locale),
              ),
            ]}
          >
            <Select
              mode="multiple"
              loading={districts.isPending}
              optionFilterProp="label"
              options={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="password"
          label={t('admin.users.initialPassword')}
          rules={passwordPolicyRules(locale, () => form.getFieldValue('phone') as string | undefined)}
          dependencies={['phone']}
          extra={
            <>
              <div>{t('admin.users.initialPasswordHelp')}</div>
              <PasswordHints id="create-user-password-hints" password={password} phone={phone} />
            </>
          }
        >
          <Input.Password autoComplete="new-password" aria-describedby="create-user-password-hints" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
