import { useEffect, useState } from 'react';

/**
 * The otpauth:// URI as a QR code for authenticator apps. Reuses the `qrcode` package of the bus
 * boarding codes, loaded only when enrolment is shown.
 */
export function OtpQr({ uri, alt }: { uri: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((m) => m.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 200 }))
      .then(
        (url) => {
          if (live) setSrc(url);
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [uri]);
  return src ? (
    <img src={src} width={200} height={200} alt={alt} style={{ display: 'block' }} />
  ) : (
    <div style={{ width: 200, height: 200 }} aria-hidden />
  );
}
