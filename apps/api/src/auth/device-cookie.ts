import { createHmac, randomBytes } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import { constantTimeEqual } from './tokens';

/**
 * OWASP's device cookie: a browser that has signed in before holds a random device id signed with the server's
 * key. It is long-lived, HttpOnly, and survives sign-out; which accounts trust it is kept in login_throttles.
 */
export const DEVICE_COOKIE = 'vetflow_device';
const LIFETIME_SECONDS = 365 * 24 * 60 * 60;
export const DEVICE_COOKIE_LIFETIME_MS = LIFETIME_SECONDS * 1000;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

const sign = (key: Buffer, deviceId: string) =>
  createHmac('sha256', key).update(deviceId).digest('base64url');

export function newDeviceCookie(key: Buffer): DeviceCookie {
  const deviceId = randomBytes(16).toString('base64url');
  return { deviceId, value: `${deviceId}.${sign(key, deviceId)}` };
}

export interface DeviceCookie {
  deviceId: string;
  value: string;
}

/** The device a cookie vouches for, or null when it is missing, malformed, forged or tampered with. */
export function verifyDeviceCookie(key: Buffer, value: string | null | undefined): DeviceCookie | null {
  if (!value || value.length > 100) return null;
  const dot = value.indexOf('.');
  const deviceId = value.slice(0, dot);
  if (dot < 0 || !DEVICE_ID.test(deviceId)) return null;
  return constantTimeEqual(value.slice(dot + 1), sign(key, deviceId)) ? { deviceId, value } : null;
}

/** Set at every successful sign-in, so a browser in use keeps its trust for a year past its last sign-in. */
export function setDeviceCookie(reply: FastifyReply, value: string, secure: boolean) {
  reply.setCookie(DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/trpc',
    maxAge: LIFETIME_SECONDS,
  });
}
