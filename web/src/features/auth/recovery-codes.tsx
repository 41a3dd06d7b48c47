import { App, Button, Space, Typography } from 'antd';
import { useSecurityT } from './security-messages';

/** The ten recovery codes, shown once: copy or download, then continue. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const st = useSecurityT();
  const { message } = App.useApp();
  const text = `${st('security.recovery.fileHeader')}\n\n${codes.join('\n')}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'jiuye-recovery-codes.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="recovery-title">
      <Typography.Title level={2} id="recovery-title">
        {st('security.recovery.title')}
      </Typography.Title>
      <Typography.Paragraph>{st('security.recovery.intro')}</Typography.Paragraph>
      <ol
        className="mono"
        data-testid="recovery-codes"
        style={{ columns: 2, columnGap: 24, paddingInlineStart: 24 }}
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => message.success(st('security.recovery.copied')),
              () => undefined,
            )
          }
        >
          {st('security.recovery.copy')}
        </Button>
        <Button onClick={download}>{st('security.recovery.download')}</Button>
      </Space>
      <div>
        <Button type="primary" onClick={onDone}>
          {st('security.recovery.done')}
        </Button>
      </div>
    </section>
  );
}
