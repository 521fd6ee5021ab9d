import type { SFNClient } from "@aws-sdk/client-sfn";
import * as Config from "../config/index.js";
import type { Engine, Status } from "./engine.js";

/** An execution's ARN from its state machine's and its name (Step Functions' own layout). */
export function executionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}

type Sdk = typeof import("@aws-sdk/client-sfn");
let loading: Promise<Sdk> | undefined;
/**
 * The SDK's Step Functions module, loaded on first use rather than when this module loads: in Lambda it comes
 * from the runtime (not the bundle), and most requests never start or stop a clock.
 */
const sdk = () => (loading ??= import("@aws-sdk/client-sfn"));

/** Step Functions, for one state machine. */
export function awsEngine(stateMachineArn: string): Engine {
  let client: SFNClient | undefined;
  const connect = async () => {
    const loaded = await sdk();
    client ??= new loaded.SFNClient({ region: Config.get().AWS_REGION });
    return { client, ...loaded };
  };
  return {
    async start(name, input) {
      const { client, StartExecutionCommand, ExecutionAlreadyExists } = await connect();
      try {
        // A Standard execution started again by name with the same input while it runs answers the same
        // execution; a finished one by that name is refused (ExecutionAlreadyExists). Either way: one per name.
        await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
        return "started";
      } catch (error) {
        if (error instanceof ExecutionAlreadyExists) return "exists";
        throw error;
      }
    },
    async stop(name) {
      const { client, DescribeExecutionCommand, StopExecutionCommand, ExecutionDoesNotExist } = await connect();
      const arn = executionArn(stateMachineArn, name);
      try {
        const found = await client.send(new DescribeExecutionCommand({ executionArn: arn }));
        if (found.status !== "RUNNING") return;
        await client.send(new StopExecutionCommand({ executionArn: arn, cause: "the decision clock ended" }));
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return;
        throw error;
      }
    },
    async describe(name) {
      const { client, DescribeExecutionCommand, ExecutionDoesNotExist } = await connect();
      try {
        const found = await client.send(
          new DescribeExecutionCommand({ executionArn: executionArn(stateMachineArn, name) }),
        );
        return { status: (found.status ?? "RUNNING") as Status };
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return undefined;
        throw error;
      }
    },
  };
}
