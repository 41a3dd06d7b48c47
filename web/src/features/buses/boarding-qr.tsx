import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The passenger's boarding code as a QR image, with the code printed under it: an escort whose
 * phone has no working camera types the code instead. The `qrcode` package is loaded only when a
 * booking is shown, so the request form stays light on a cheap phone over a weak signal.
 */
export function BoardingQr({ code, label }: { code: string; label: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((m) => m.toDataURL(code, { errorCorrectionLevel: 'M', margin: 2, width: 240 }))
      .then(
        (url) => {
          if (live) setSrc(url);
        },
        () => {
          if (live) setFailed(true);
        },
      );
    return () => {
      live = false;
    };
  }, [code]);
  return (
    <figure className="boarding-qr">
      {src ? (
        <img src={src} width={240} height={240} alt={label} className="boarding-qr__image" />
      ) : (
        <div className="boarding-qr__placeholder" aria-hidden>
          {failed ? '' : t('common.loading')}
        </div>
      )}
      <figcaption>
        {t('buses.booking.codeCaption')}{' '}
        <strong className="mono boarding-qr__code" data-testid="boarding-code">
          {code}
        </strong>
      </figcaption>
    </figure>
  );
}
