import * as Config from "@amparo/core/config";
import type { Context } from "hono";

/** The parts of a request's environment that name its connecting address, as each runtime passes them. */
interface SourceEnv {
  /** API Gateway v2 (HTTP API), through `hono/aws-lambda`'s `handle`. */
  event?: { requestContext?: { http?: { sourceIp?: unknown } } };
  /** `@hono/node-server` (the local runtime): the incoming request and its socket. */
  incoming?: { socket?: { remoteAddress?: unknown } };
}

/**
 * The address a request came from, for the creation limits (core keeps only a keyed hash of it, for an hour or
 * two): API Gateway's `requestContext.http.sourceIp` in AWS, the socket's peer locally. Behind proxies the fund
 * runs (`TRUSTED_PROXY_HOPS`), the entry that many from the right of `X-Forwarded-For`, which the outermost of
 * them wrote; otherwise that header is never read, as any client can write it. Undefined without either (a
 * test's `app.request`): core counts all such requests as one source.
 */
export function sourceAddress(c: Context): string | undefined {
  const env = (c.env ?? {}) as SourceEnv;
  const hops = Config.get().TRUSTED_PROXY_HOPS;
  if (hops > 0) {
    const forwarded = (c.req.header("X-Forwarded-For") ?? "").split(",").map((entry) => entry.trim());
    // Each of the fund's proxies appends the address it saw; the outermost's, `hops` from the right, is the client.
    const entry = forwarded[forwarded.length - hops];
    if (entry) return entry;
  }
  const fromGateway = env.event?.requestContext?.http?.sourceIp;
  if (typeof fromGateway === "string") return fromGateway;
  const fromSocket = env.incoming?.socket?.remoteAddress;
  return typeof fromSocket === "string" ? fromSocket : undefined;
}
