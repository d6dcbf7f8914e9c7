import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The start of the body, for the attempt's record. */
  body: string;
}

const KEPT_BODY = 500;

/**
 * One POST with a deadline for the whole exchange (connect, send, answer). `lookup` decides which
 * addresses may be connected to (see `guardedLookup`). Redirects are not followed: a webhook endpoint
 * that redirects has moved, which its owner fixes in the subscription.
 */
export function httpPost(
  url: string,
  body: string,
  options: { headers: Record<string, string>; timeoutMs: number; lookup?: unknown },
): Promise<HttpAnswer> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(target, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': Buffer.byteLength(body) },
      ...(options.lookup ? { lookup: options.lookup as never } : {}),
    }, (res) => {
      let kept = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (kept.length < KEPT_BODY) kept += chunk.slice(0, KEPT_BODY - kept.length);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: kept });
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}
