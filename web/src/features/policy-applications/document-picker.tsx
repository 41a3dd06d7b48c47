import { useId, useRef, useState } from 'react';
import { Button } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldMessage, LICENCE_MAX_BYTES, type RequiredDocument } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { useLocale } from '../../i18n';
import { uploadPolicyDocument } from './api';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

export type PickedDocument = { fileId: string; docCode: string; name: string | null };

/**
 * One required document: a file input that uploads at once (PDF, JPG or PNG up to 5 MB), then
 * shows the file with a remove button. The browser checks type and size for a quick answer; the
 * server checks the content (magic bytes).
 */
export function DocumentPicker({
  doc,
  files,
  onAdd,
  onRemove,
  error,
}: {
  doc: RequiredDocument;
  files: PickedDocument[];
  onAdd: (file: PickedDocument) => void;
  onRemove: (fileId: string) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const name = locale === 'zh-CN' ? doc.nameZh : doc.nameEn;
  const upload = useMutation({
    mutationFn: (file: File) => uploadPolicyDocument(file),
    onSuccess: (saved) => {
      onAdd({ fileId: saved.fileId, docCode: doc.code, name: saved.originalName });
      if (input.current) input.current.value = '';
    },
  });
  const onPick = (file: File | undefined) => {
    setLocalError(null);
    upload.reset();
    if (!file) return;
    if (!TYPES.includes(file.type) && !/\.(pdf|jpe?g|png)$/i.test(file.name)) {
      setLocalError(fieldMessage('file_type', locale));
      return;
    }
    if (file.size > LICENCE_MAX_BYTES) {
      setLocalError(fieldMessage('file_too_large', locale));
      return;
    }
    upload.mutate(file);
  };
  const shownError = localError ?? error ?? null;
  return (
    <div className="policy-section policy-doc-picker" style={{ marginBottom: 16 }}>
      <label htmlFor={id} className="field-label">
        {doc.required ? name : t('policies.apply.optionalDocument', { name })}
      </label>
      <input
        id={id}
        ref={input}
        type="file"
        accept={ACCEPT}
        className="file-input"
        aria-describedby={`${id}-help${shownError ? ` ${id}-error` : ''}`}
        disabled={upload.isPending}
        onChange={(e) => onPick(e.target.files?.[0])}
      />
      <div id={`${id}-help`} className="field-help">
        {t('policies.apply.documentHelp')}
      </div>
      {shownError && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {shownError}
        </div>
      )}
      {upload.isPending && <div role="status">{t('policies.apply.uploading')}</div>}
      <ProblemAlert error={upload.error} />
      {files.length > 0 && (
        <ul className="plain-list" aria-label={t('policies.apply.uploadedOf', { name })}>
          {files.map((f) => (
            <li key={f.fileId} className="policy-doc-row">
              <span>{f.name ?? t('policies.apply.uploadedFile')}</span>
              <Button size="small" icon={<DeleteOutlined aria-hidden />} onClick={() => onRemove(f.fileId)}>
                {t('common.remove')}
                <span className="sr-only"> {f.name ?? name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
