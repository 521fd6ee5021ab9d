import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { appFor, type App } from "@amparo/core/routes";
import { app as apply } from "@amparo/functions/apply/index";
import { app as docs } from "@amparo/functions/docs/index";
import { app as report } from "@amparo/functions/report/index";
import { app as staff } from "@amparo/functions/staff/index";
import { serve } from "@hono/node-server";

const apps: Record<App, { fetch: (request: Request, env?: unknown) => Response | Promise<Response> }> = {
  apply,
  staff,
  report,
  docs,
};

/**
 * Answers a request the way API Gateway would: the route table picks the app, the app answers. The node
 * server's bindings (the incoming request and its socket) go along, so an app can read the connecting address.
 */
export function dispatch(request: Request, env?: unknown): Response | Promise<Response> {
  return apps[appFor(new URL(request.url).pathname)].fetch(request, env);
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves every app on one loopback port (0 picks a free one). */
export async function listen(port: number, hostname = "127.0.0.1"): Promise<Listening> {
  return new Promise((resolveListening) => {
    const server = serve({ fetch: dispatch, port, hostname }, (info: AddressInfo) => {
      resolveListening({
        url: `http://${hostname === "127.0.0.1" ? "localhost" : hostname}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise((done) => {
            (server as Server).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    }) as Server;
  });
}
