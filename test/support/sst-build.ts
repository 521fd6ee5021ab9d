import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Template } from "aws-cdk-lib/assertions";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "node_modules", "sst", "cli", "sst.js");

/** The account the stub says the fake credentials belong to; it ends up in the templates' environment. */
const account = "111111111111";
const region = "eu-west-1";

/** A call the stub received: the service (from the signing scope) and the Query API action. */
export interface AwsCall {
  service: string;
  action: string;
  stackName?: string;
}

export interface Built {
  data: Template;
  web: Template;
  /** Every AWS call `sst build` made, in order: what it needs from AWS to build, and nothing else. */
  calls: AwsCall[];
}

/**
 * Runs `sst build --stage <stage>` as CI would, with no network and no AWS account: fake credentials, and every
 * AWS endpoint pointed at a stub on 127.0.0.1. A real build (NODE_ENV is not `test`, unlike in vitest) asks
 * STS who it is (the account goes into each stack's environment) and CloudFormation whether the CDK and SST
 * bootstrap stacks are deployed (it would deploy them otherwise); the stub answers those three calls as a
 * bootstrapped account would and refuses anything else, which fails the build with the call's name.
 * The cloud assembly goes to a temporary directory, removed once the templates are read.
 */
export async function sstBuild(stage: string): Promise<Built> {
  const calls: AwsCall[] = [];
  const stub = await startStub(calls);
  const out = mkdtempSync(join(tmpdir(), "amparo-sst-build-"));
  // SST bundles sst.config.ts to `.sst.config.<time>.mjs` in the working directory, and every SST process deletes
  // such files in the root that look older than 30 seconds, without expecting them to vanish meanwhile. Run from
  // a directory of its own under .sst (git-ignored; inside the repository, so the bundle's imports resolve), so
  // a slow build's bundle is never deleted under it nor raced over by the in-process syntheses of other files.
  mkdirSync(join(root, ".sst"), { recursive: true });
  const cwd = mkdtempSync(join(root, ".sst", "build-"));
  try {
    await run(process.execPath, [cli, "build", "--stage", stage, "--to", out], cwd, childEnvironment(stub.url)).catch(
      (error: Error) => {
        const refused = calls.filter((call) => !(call.action in answers));
        if (refused.length === 0) throw error;
        const names = refused.map((call) => `${call.service} ${call.action || "(no action)"}`).join(", ");
        throw new Error(`sst build asked AWS for what the offline stub does not answer: ${names}\n${error.message}`);
      },
    );
    const stacks = stackTemplates(out);
    const template = (suffix: string) => {
      const file = stacks.find(([name]) => name === `${stage}-amparo-${suffix}`)?.[1];
      if (!file) throw new Error(`sst build wrote no ${suffix} stack; it wrote ${stacks.map(([n]) => n).join(", ")}`);
      return Template.fromJSON(JSON.parse(readFileSync(join(out, file), "utf8")) as Record<string, unknown>);
    };
    return { data: template("Data"), web: template("Web"), calls };
  } finally {
    await stub.close();
    rmSync(out, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** The stack artifacts of the cloud assembly in `out`: stack name and template file. */
function stackTemplates(out: string): [string, string][] {
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  return Object.entries(manifest.artifacts)
    .filter(([, artifact]) => artifact.type === "aws:cloudformation:stack")
    .map(([name, artifact]) => [name, artifact.properties!.templateFile!]);
}

/**
 * The parent's environment (PATH, a proxy, npm's settings) without anything that could reach a real account or
 * change how SST builds, plus the fake credentials and the stub's address.
 */
function childEnvironment(endpoint: string): NodeJS.ProcessEnv {
  // The child's environment, not an app setting: this is the one place the test decides what `sst` sees.
  // eslint-disable-next-line no-restricted-properties
  const inherited = Object.entries(process.env).filter(
    ([name]) =>
      !name.startsWith("AWS_") &&
      !name.startsWith("SST_") &&
      !["NODE_ENV", "CDK_DEFAULT_ACCOUNT", "CDK_DEFAULT_REGION"].includes(name),
  );
  return {
    ...Object.fromEntries(inherited),
    AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
    AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    AWS_REGION: region,
    // Every client of the SDK (v3.699, which reads AWS_ENDPOINT_URL) goes to the stub.
    AWS_ENDPOINT_URL: endpoint,
    // No shared config or credentials file of the machine's user is read.
    AWS_CONFIG_FILE: join(tmpdir(), `amparo-no-aws-config-${randomUUID()}`),
    AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), `amparo-no-aws-credentials-${randomUUID()}`),
    // SST posts anonymous usage to telemetry.sst.dev otherwise.
    SST_TELEMETRY_DISABLED: "1",
  };
}

/** Runs `command`, rejecting with its output if it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`sst build exited with ${code ?? signal}:\n${output}`));
    });
  });
}

/** The stub's answers, as the Query API (STS and CloudFormation) writes them. */
const answers: Record<string, (params: URLSearchParams) => string> = {
  GetCallerIdentity: () => `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::${account}:user/ci</Arn>
    <UserId>AIDAEXAMPLEEXAMPLEEX</UserId>
    <Account>${account}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`,
  DescribeStacks: (params) => {
    const name = params.get("StackName") ?? "";
    // What `cdk bootstrap` (version 14 or later) and SST's bootstrap (7.4) leave as outputs.
    const outputs: Record<string, Record<string, string>> = {
      CDKToolkit: { BootstrapVersion: "21", BucketName: `cdk-hnb659fds-assets-${account}-${region}` },
      SSTBootstrap: { Version: "7.4", BucketName: `sstbootstrap-${region}-example` },
    };
    const members = Object.entries(outputs[name] ?? {})
      .map(([key, value]) => `<member><OutputKey>${key}</OutputKey><OutputValue>${value}</OutputValue></member>`)
      .join("");
    return `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult>
    <Stacks>
      <member>
        <StackName>${name}</StackName>
        <StackId>arn:aws:cloudformation:${region}:${account}:stack/${name}/${randomUUID()}</StackId>
        <CreationTime>2024-01-01T00:00:00.000Z</CreationTime>
        <StackStatus>CREATE_COMPLETE</StackStatus>
        <Outputs>${members}</Outputs>
      </member>
    </Stacks>
  </DescribeStacksResult>
  <ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>
</DescribeStacksResponse>`;
  },
};

/** An HTTP server on a free port of 127.0.0.1 that answers {@link answers} and records every call in `calls`. */
async function startStub(calls: AwsCall[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const params = new URLSearchParams(body);
      const action = params.get("Action") ?? "";
      // The signing scope names the service: `Credential=AKID/20240101/eu-west-1/sts/aws4_request`.
      const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(request.headers.authorization ?? "")?.[1] ?? "";
      const stackName = params.get("StackName") ?? undefined;
      calls.push({ service, action, ...(stackName ? { stackName } : {}) });
      const answer = answers[action];
      response.setHeader("content-type", "text/xml");
      if (answer) {
        response.end(answer(params));
        return;
      }
      response.statusCode = 400;
      response.end(
        `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>The offline stub for sst build does not answer ${service} ${action || request.url}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
