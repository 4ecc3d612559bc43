// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the codes a
// virtual MFA device shows. Tests compute the code a person would type with the same function.
import { createHmac } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;

/** The 6-digit code of `secret` (raw bytes or text) at `timeMs`. */
export function totp(secret: string | Uint8Array, timeMs: number): string {
  const counter = Math.floor(timeMs / 1000 / TOTP_STEP_SECONDS);
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', Buffer.from(secret)).update(message).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, '0');
}

/** AWS accepts the code of the current step and of the steps either side (clock drift). */
export function totpAccepts(secret: string | Uint8Array, code: string, timeMs: number): boolean {
  const step = TOTP_STEP_SECONDS * 1000;
  return [timeMs - step, timeMs, timeMs + step].some((t) => totp(secret, t) === code);
}
