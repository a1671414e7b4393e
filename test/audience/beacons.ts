// Helpers for the view tests: many beacons over a few keep-alive connections, and polling.
import { Agent, request } from 'node:http';

export const browserUa = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

/** A distinct, valid IPv4 address for visitor number n (10.x.y.z). */
export function visitorIp(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export interface Beacon {
  ip: string;
  ua?: string;
  referrer?: string;
}

/** POSTs one beacon per item to `url` with `concurrency` requests in flight; resolves to the status counts. */
export async function sendBeacons(url: string, items: Beacon[], concurrency = 64): Promise<Map<number, number>> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = new Map<number, number>();
  let next = 0;
  const one = (b: Beacon) =>
    new Promise<number>((resolve, reject) => {
      const body = new URLSearchParams({ r: b.referrer ?? '' }).toString();
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
            'content-length': Buffer.byteLength(body),
            'x-forwarded-for': b.ip,
            'user-agent': b.ua ?? browserUa,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const worker = async () => {
    while (next < items.length) {
      const status = await one(items[next++]!);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return statuses;
}

/** Polls `read` until it returns `expected` or `timeoutMs` passes; returns the last value. */
export async function waitFor<T>(read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (value !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}
