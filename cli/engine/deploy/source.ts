/**
 * Where registrations come from (pulumi/pulumi `pkg/resource/deploy/source.go`): a program run by
 * Pulumi's language runtime (`source-eval.ts`), a scripted program in the lifecycle tests, or
 * nothing at all (destroy).
 */
import type { PropertyMap } from "../properties";
import type { ResourceState } from "../state";
import type { Goal, ReadGoal } from "./goal";

/** What a program's registrations are answered by (the resource monitor's side of the engine). */
export interface RegistrationHandler {
  registerResource(goal: Goal): Promise<{ urn: string; state: ResourceState }>;
  registerResourceOutputs(urn: string, outputs: PropertyMap): Promise<void>;
  readResource(goal: ReadGoal): Promise<{ urn: string; state: ResourceState }>;
  log(
    severity: "debug" | "info" | "warning" | "error",
    message: string,
    urn: string,
    ephemeral: boolean,
  ): void;
}

/** A running source of registrations. */
export interface Source {
  /** Runs the program against the handler; resolves with its exit code. */
  run(handler: RegistrationHandler): Promise<number>;
  /** Stops the program at once. */
  kill(): void;
}

/** The source of a destroy: no program, no registrations (`NullSource`). */
export const nullSource: Source = {
  run: async () => 0,
  kill: () => undefined,
};
