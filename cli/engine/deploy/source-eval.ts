/**
 * The program as a source of registrations (pulumi/pulumi `pkg/resource/deploy/source_eval.go`):
 * serves the resource monitor, runs the program with Pulumi's Node.js language runtime, and turns
 * each gRPC request into a goal for the deployment and its result into the response.
 */
import * as rpb from "@pulumi/pulumi/proto/resource_pb";
import type * as apb from "@pulumi/pulumi/proto/alias_pb";
import type { OperationContext } from "../context";
import { startMonitor, type MonitorServer } from "../monitor";
import { startProgram, type RunningProgram } from "../program";
import { fromStruct, revealSecrets, toStruct } from "../properties";
import type { Project } from "../../project";
import { sourcePositionOf } from "../source-position";
import { makeUrn } from "../urn";
import type { Alias, Goal, ReadGoal } from "./goal";
import type { RegistrationHandler, Source } from "./source";

function aliasOf(alias: apb.Alias): Alias {
  if (alias.getUrn()) return { urn: alias.getUrn() };
  const spec = alias.getSpec()!;
  return {
    ...(spec.getName() && { name: spec.getName() }),
    ...(spec.getType() && { type: spec.getType() }),
    ...(spec.getProject() && { project: spec.getProject() }),
    ...(spec.getStack() && { stack: spec.getStack() }),
    ...(spec.getParenturn() && { parentUrn: spec.getParenturn() }),
    ...(spec.getNoparent() && { noParent: true }),
  };
}

/** The goal of a RegisterResourceRequest. */
export function goalOf(request: rpb.RegisterResourceRequest): Goal {
  const propertyDependencies: Record<string, string[]> = {};
  request
    .getPropertydependenciesMap()
    .forEach((deps: rpb.RegisterResourceRequest.PropertyDependencies, key: string) => {
      if (deps.getUrnsList().length > 0) propertyDependencies[key] = deps.getUrnsList();
    });
  const timeouts = request.getCustomtimeouts();
  const seconds = (text: string | undefined) => {
    if (!text) return undefined;
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
    if (!match) return undefined;
    const factor = { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] as "ms" | "s" | "m" | "h"];
    return Number(match[1]) * factor;
  };
  const customTimeouts = timeouts && {
    ...(seconds(timeouts.getCreate()) !== undefined && { create: seconds(timeouts.getCreate()) }),
    ...(seconds(timeouts.getUpdate()) !== undefined && { update: seconds(timeouts.getUpdate()) }),
    ...(seconds(timeouts.getDelete()) !== undefined && { delete: seconds(timeouts.getDelete()) }),
  };
  const trigger = request.getReplacementTrigger();
  return {
    type: request.getType(),
    name: request.getName(),
    custom: request.getCustom(),
    ...(request.getParent() && { parent: request.getParent() }),
    inputs: fromStruct(request.getObject()),
    ...(request.hasProtect() && { protect: request.getProtect() === true }),
    dependencies: request.getDependenciesList(),
    propertyDependencies,
    ignoreChanges: request.getIgnorechangesList(),
    replaceOnChanges: request.getReplaceonchangesList(),
    ...(request.getDeletebeforereplacedefined() && { deleteBeforeReplace: request.getDeletebeforereplace() }),
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    ...(request.hasRetainondelete() && { retainOnDelete: request.getRetainondelete() === true }),
    aliases: [
      ...request.getAliasesList().map(aliasOf),
      ...request.getAliasurnsList().map((urn) => ({ urn })),
    ],
    ...(customTimeouts && Object.keys(customTimeouts).length > 0 && { customTimeouts }),
    ...(request.getImportid() && { importId: request.getImportid() }),
    ...(trigger && { replacementTrigger: trigger.toJavaScript() }),
    ...(request.getRemote() && { remote: true }),
    ...(request.getProvider() && { provider: request.getProvider() }),
    acceptSecrets: request.getAcceptsecrets(),
  };
}

/** The goal of a ReadResourceRequest (`Resource.get`). */
export function readGoalOf(request: rpb.ReadResourceRequest): ReadGoal {
  return {
    type: request.getType(),
    name: request.getName(),
    id: request.getId(),
    ...(request.getParent() && { parent: request.getParent() }),
    inputs: fromStruct(request.getProperties()),
    dependencies: request.getDependenciesList(),
    ...(request.getProvider() && { provider: request.getProvider() }),
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    acceptSecrets: request.getAcceptsecrets(),
  };
}

/** Runs the project's program against the deployment. */
export class EvalSource implements Source {
  private program?: RunningProgram;
  private monitor?: MonitorServer;

  constructor(
    private readonly context: OperationContext,
    private readonly project: Project,
  ) {}

  async run(handler: RegistrationHandler): Promise<number> {
    const { context } = this;
    this.monitor = await startMonitor({
      registerResource: async (request) => {
        const goal = goalOf(request);
        const at = makeUrn(context.stack, context.project.name, goal.parent, goal.type, goal.name);
        context.events.resourceSource?.(at, sourcePositionOf(request, this.project.dir));
        const { urn, state } = await handler.registerResource(goal);
        const outputs = state.outputs ?? {};
        return new rpb.RegisterResourceResponse()
          .setUrn(urn)
          .setId(state.id ?? "")
          .setObject(toStruct(goal.acceptSecrets ? outputs : revealSecrets(outputs)));
      },
      readResource: async (request) => {
        const goal = readGoalOf(request);
        const { urn, state } = await handler.readResource(goal);
        const outputs = state.outputs ?? {};
        return new rpb.ReadResourceResponse()
          .setUrn(urn)
          .setProperties(toStruct(goal.acceptSecrets ? outputs : revealSecrets(outputs)));
      },
      registerResourceOutputs: (request) =>
        handler.registerResourceOutputs(request.getUrn(), fromStruct(request.getOutputs())),
      log: (severity, message, urn, ephemeral) => handler.log(severity, message, urn, ephemeral),
    });
    try {
      this.program = startProgram({
        project: this.project,
        stack: context.stack,
        organization: context.organization,
        monitorAddress: this.monitor.address,
        dryRun: context.dryRun,
        parallel: 16,
        config: context.config.values,
        secretKeys: context.config.secretKeys,
        onOutput: (stream, line) =>
          context.events.diagnostic({ severity: stream === "stdout" ? "info" : "infoerr", message: line }),
      });
      return await this.program.exited;
    } finally {
      await this.stop();
    }
  }

  kill(): void {
    this.program?.kill();
  }

  private async stop(): Promise<void> {
    this.program?.kill();
    await this.monitor?.stop();
  }
}
