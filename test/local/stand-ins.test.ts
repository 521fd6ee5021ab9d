import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { describe, expect, inject, it } from "vitest";

/** This machine's addresses other than loopback: where another machine could reach a stand-in. */
const outsideAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address && !address.internal && address.family === "IPv4")
  .map((address) => address!.address);

/** Whether a TCP connection to `host:port` opens. */
function opens(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe("the stand-ins", () => {
  it.skipIf(outsideAddresses.length === 0)(
    "listen on loopback only, DynamoDB Local included, so no other machine can read the local table",
    async () => {
      for (const [name, endpoint] of Object.entries(inject("endpoints"))) {
        const port = Number(new URL(endpoint).port);
        expect(await opens("127.0.0.1", port), `${name} on loopback`).toBe(true);
        for (const address of outsideAddresses) {
          expect(await opens(address, port), `${name} on ${address}`).toBe(false);
        }
      }
    },
  );
});
