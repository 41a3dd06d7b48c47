import { useId, useRef, useState } from 'react';
import { App, Button, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldMessage, LICENCE_MAX_BYTES, type Enterprise } from '@jiuye/shared';
import { saveFile } from '../../app/api-client';
import { ProblemAlert } from '../../app/form-errors';
import { useLocale } from '../../i18n';
import { downloadLicence, enterpriseKeys, uploadLicence } from './api';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * The business licence: PDF, JPG or PNG up to 5 MB. The browser checks type and size first for a
 * quick answer; the server checks the content itself (magic bytes) and has the last word.
 */
export function LicenceUpload({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: (file: File) => uploadLicence(enterprise.id, file),
    onSuccess: (updated) => {
      queryClient.setQueryData(enterpriseKeys.one(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.all });
      void message.success(t('enterprise.licenceUploaded'));
      if (input.current) input.current.value = '';
    },
  });
  const download = useMutation({
    mutationFn: () => downloadLicence(enterprise.id),
    onSuccess: (file) => saveFile(file, `licence-${enterprise.creditCode}`),
  });

  const onPick = (file: File | undefined) => {
    setLocalError(null);
    upload.reset();
    if (!file) return;
    const typeOk = TYPES.includes(file.type) || /\.(pdf|jpe?g|png)$/i.test(file.name);
    if (!typeOk) {
      setLocalError(fieldMessage('file_type', locale));
      return;
    }
    if (file.size > LICENCE_MAX_BYTES) {
      setLocalError(fieldMessage('file_too_large', locale));
      return;
    }
    upload.mutate(file);
  };

  return (
    <div className="licence-upload">
      <Typography.Paragraph>
        {enterprise.hasLicence ? t('enterprise.licenceOnFile') : t('enterprise.licenceMissing')}
      </Typography.Paragraph>
      <label htmlFor={inputId} className="field-label">
        {enterprise.hasLicence ? t('enterprise.licenceReplace') : t('enterprise.licenceUpload')}
      </label>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept={ACCEPT}
        className="file-input"
        aria-describedby={`${inputId}-help${localError ? ` ${inputId}-error` : ''}`}
        disabled={upload.isPending}
        onChange={(e) => onPick(e.target.files?.[0])}
      />
      <div id={`${inputId}-help`} className="field-help">
        {t('enterprise.licenceHelp')}
      </div>
      {localError && (
        <div id={`${inputId}-error`} className="field-error" role="alert">
          {localError}
        </div>
      )}
      {upload.isPending && <div role="status">{t('enterprise.licenceUploading')}</div>}
      <ProblemAlert error={upload.error ?? download.error} />
      {enterprise.hasLicence && (
        <Button
          icon={<DownloadOutlined aria-hidden />}
          onClick={() => download.mutate()}
          loading={download.isPending}
        >
          {t('enterprise.licenceDownload')}
        </Button>
      )}
    </div>
  );
}
