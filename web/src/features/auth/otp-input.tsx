import { Input } from 'antd';
import type { InputProps } from 'antd';

/** A 6-digit authenticator code: numeric keypad on phones, autofill from SMS/OTP managers. */
export function OtpInput(props: InputProps) {
  return (
    <Input
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]*"
      maxLength={6}
      className="mono"
      style={{ letterSpacing: '0.3em', maxWidth: 200 }}
      {...props}
    />
  );
}

export const OTP_RULE = { pattern: /^\d{6}$/ };
