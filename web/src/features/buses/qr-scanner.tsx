import { useEffect, useRef, useState } from 'react';
import { Alert, Button } from 'antd';
import { CameraOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

type State = 'idle' | 'starting' | 'scanning' | 'unavailable' | 'denied';

/** Frames decoded per second: enough to catch a code held still, light on a cheap phone. */
const FRAMES_PER_SECOND = 6;

function hasCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/**
 * Scans a QR code with the phone's camera, only after the escort taps "scan" (the camera light
 * and the permission prompt never come as a surprise). Frames are drawn on a canvas a few times a
 * second and decoded with `jsqr`, loaded on the first scan. Without a camera (a desktop, an old
 * phone, plain HTTP) the button explains that and the manual entry beside it does the job.
 */
export function QrScanner({ onCode, disabled }: { onCode: (code: string) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>(hasCamera() ? 'idle' : 'unavailable');
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<number | null>(null);
  // The latest callback, read by the frame loop (which outlives renders).
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  const stop = () => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  };
  useEffect(() => stop, []);

  const start = async () => {
    setState('starting');
    try {
      const [media, jsqr] = await Promise.all([
        navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        import('jsqr'),
      ]);
      stream.current = media;
      const el = video.current;
      if (!el) {
        stop();
        return;
      }
      el.srcObject = media;
      await el.play();
      setState('scanning');
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d', { willReadFrequently: true });
      timer.current = window.setInterval(() => {
        if (!context || el.readyState < el.HAVE_CURRENT_DATA || el.videoWidth === 0) return;
        // Decode a copy at most 640 px wide: jsqr's time grows with the pixels.
        const scale = Math.min(1, 640 / el.videoWidth);
        canvas.width = Math.round(el.videoWidth * scale);
        canvas.height = Math.round(el.videoHeight * scale);
        context.drawImage(el, 0, 0, canvas.width, canvas.height);
        const frame = context.getImageData(0, 0, canvas.width, canvas.height);
        const found = jsqr.default(frame.data, frame.width, frame.height, {
          inversionAttempts: 'dontInvert',
        });
        if (found?.data) {
          stop();
          setState('idle');
          onCodeRef.current(found.data.trim());
        }
      }, 1000 / FRAMES_PER_SECOND);
    } catch (error) {
      stop();
      const name = error instanceof DOMException ? error.name : '';
      setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable');
    }
  };

  return (
    <div className="qr-scanner">
      {state === 'unavailable' && <Alert type="info" showIcon title={t('buses.boarding.noCamera')} />}
      {state === 'denied' && <Alert type="warning" showIcon title={t('buses.boarding.cameraDenied')} />}
      <video
        ref={video}
        className="qr-scanner__video"
        muted
        playsInline
        hidden={state !== 'scanning' && state !== 'starting'}
        aria-label={t('buses.boarding.cameraView')}
      />
      {state === 'scanning' || state === 'starting' ? (
        <Button
          icon={<StopOutlined aria-hidden />}
          block
          size="large"
          onClick={() => {
            stop();
            setState('idle');
          }}
        >
          {t('buses.boarding.stopScan')}
        </Button>
      ) : (
        state !== 'unavailable' && (
          <Button
            type="primary"
            icon={<CameraOutlined aria-hidden />}
            block
            size="large"
            disabled={disabled}
            onClick={() => void start()}
          >
            {t('buses.boarding.scan')}
          </Button>
        )
      )}
      {state === 'scanning' && (
        <p className="muted" role="status">
          {t('buses.boarding.scanning')}
        </p>
      )}
    </div>
  );
}
