import { useState } from 'react';
import { Alert, App, Button, Card, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Enterprise } from '@jiuye/shared';
import { ButtonLink } from '../../app/button-link';
import { ProblemAlert } from '../../app/form-errors';
import { usePageTitle } from '../../app/page-title';
import { PageSpinner } from '../../app/pages/status-pages';
import { enterpriseKeys } from './api';
import { EnterpriseForm } from './enterprise-form';
import { EnterpriseStatus, EnterpriseSummary } from './enterprise-summary';
import { LicenceUpload } from './licence-upload';
import { Members } from './members';
import { useMyEnterprises } from './use-my-enterprises';

/** The employer's enterprise: register it, watch verification, upload the licence, add clerks. */
export function EnterprisePage() {
  const { t } = useTranslation();
  usePageTitle(t('enterprise.title'));
  const mine = useMyEnterprises();
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('enterprise.title')}</Typography.Title>
      {mine.isPending && <PageSpinner />}
      {mine.isError && (
        <div className="load-error">
          <ProblemAlert error={mine.error} />
          <Button onClick={() => void mine.refetch()}>{t('common.retry')}</Button>
        </div>
      )}
      {mine.data?.length === 0 && <CreateEnterprise />}
      {mine.data && mine.data.length > 0 && (
        <>
          {mine.data.map((e) => (
            <EnterpriseProfile key={e.id} enterprise={e} />
          ))}
          <ButtonLink icon={<PlusOutlined aria-hidden />} to="/employer/enterprise/new">
            {t('enterprise.registerAnother')}
          </ButtonLink>
        </>
      )}
    </div>
  );
}

function CreateEnterprise({ heading = false }: { heading?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (
    <Card>
      {heading ? null : <Typography.Paragraph>{t('enterprise.createIntro')}</Typography.Paragraph>}
      <EnterpriseForm
        onSaved={(created: Enterprise) => {
          queryClient.setQueryData<Enterprise[]>(enterpriseKeys.mine, (old) => [...(old ?? []), created]);
          void queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
          void message.success(t('enterprise.created'));
          void navigate('/employer/enterprise');
        }}
      />
    </Card>
  );
}

export function NewEnterprisePage() {
  const { t } = useTranslation();
  usePageTitle(t('enterprise.createTitle'));
  return (
    <div className="page page--reading">
      <Typography.Title level={1}>{t('enterprise.createTitle')}</Typography.Title>
      <Typography.Paragraph>{t('enterprise.createIntro')}</Typography.Paragraph>
      <CreateEnterprise heading />
    </div>
  );
}

function EnterpriseProfile({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const headingId = `enterprise-${enterprise.id}`;
  return (
    <section aria-labelledby={headingId} className="enterprise-profile">
      <Card
        title={
          <h2 className="card-heading" id={headingId}>
            {enterprise.name} <EnterpriseStatus enterprise={enterprise} />
          </h2>
        }
        extra={
          !editing && (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>
              {t('common.edit')}
              <span className="sr-only"> {enterprise.name}</span>
            </Button>
          )
        }
      >
        {enterprise.status === 'pending' && (
          <Alert type="info" showIcon title={t('enterprise.pendingNote')} style={{ marginBottom: 12 }} />
        )}
        {editing ? (
          <EnterpriseForm
            enterprise={enterprise}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              queryClient.setQueryData<Enterprise[]>(enterpriseKeys.mine, (old) =>
                (old ?? []).map((e) => (e.id === saved.id ? saved : e)),
              );
              void message.success(t('common.saved'));
            }}
          />
        ) : (
          <EnterpriseSummary enterprise={enterprise} />
        )}
        <Typography.Title level={3}>{t('enterprise.licence')}</Typography.Title>
        <LicenceUpload enterprise={enterprise} />
        <Typography.Title level={3}>{t('enterprise.members')}</Typography.Title>
        <Members enterprise={enterprise} />
      </Card>
    </section>
  );
}
