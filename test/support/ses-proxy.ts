import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small HTTP proxy on 127.0.0.1 in front of the SES stand-in that can refuse: while `refusing`, it answers
 * every request with a 500 or a throttling 400 (alternately), as SES does on a bad day; otherwise it passes the
 * request through. It counts both.
 */
export interface SesProxy {
  url: string;
  refusing: boolean;
  refused: number;
  passed: number;
  close(): Promise<void>;
}

export async function startSesProxy(target: string): Promise<SesProxy> {
  const upstream = new URL(target);
  const proxy: SesProxy = { url: "", refusing: false, refused: 0, passed: 0, close: async () => undefined };
  const server = createServer((incoming: IncomingMessage, answer: ServerResponse) => {
    if (proxy.refusing) {
      proxy.refused++;
      const throttled = proxy.refused % 2 === 0;
      answer.writeHead(throttled ? 400 : 500, {
        "Content-Type": "application/json",
        "x-amzn-ErrorType": throttled ? "TooManyRequestsException" : "InternalFailure",
      });
      answer.end(JSON.stringify({ message: throttled ? "Rate exceeded" : "Internal failure" }));
      incoming.resume();
      return;
    }
    proxy.passed++;
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
      },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    forwarded.on("error", () => {
      answer.writeHead(502);
      answer.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return proxy;
}
