import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import * as Config from "../config/index.js";
import type { Engine, Status } from "./index.js";

/** An execution's ARN from its state machine's and its name (Step Functions' own layout). */
export function executionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
}

/** Step Functions, for one state machine. */
export function awsEngine(stateMachineArn: string): Engine {
  const client = new SFNClient({ region: Config.get().AWS_REGION });
  return {
    async start(name, input) {
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
