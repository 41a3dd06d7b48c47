import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PolicyApplication } from '@jiuye/shared';
import { saveFile } from '../../app/api-client';
import { ProblemAlert } from '../../app/form-errors';
import { useLocale } from '../../i18n';
import { downloadPolicyDocument } from './api';

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The uploaded evidence, each named by the document it stands for, with a download button. */
export function ApplicationDocuments({
  application,
  docNames,
}: {
  application: PolicyApplication;
  docNames: ReadonlyMap<string, { nameZh: string; nameEn: string }>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const download = useMutation({
    mutationFn: (fileId: string) => downloadPolicyDocument(application.id, fileId),
    onSuccess: (file, fileId) => saveFile(file, `document-${fileId}`),
  });
  if (application.documents.length === 0) return <p>{t('policies.detail.noDocuments')}</p>;
  return (
    <>
      <ProblemAlert error={download.error} />
      <ul className="plain-list">
        {application.documents.map((d) => {
          const doc = docNames.get(d.docCode);
          const docName = doc ? (locale === 'zh-CN' ? doc.nameZh : doc.nameEn) : d.docCode;
          return (
            <li key={d.fileId} className="policy-doc-row">
              <span>
                <strong>{docName}</strong>：{d.originalName ?? d.mediaType}（{sizeText(d.sizeBytes)}）
              </span>
              <Button
                size="small"
                icon={<DownloadOutlined aria-hidden />}
                loading={download.isPending && download.variables === d.fileId}
                onClick={() => download.mutate(d.fileId)}
              >
                {t('policies.detail.download')}
                <span className="sr-only"> {docName}</span>
              </Button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
