/**
 * Drives Pulumi's own plugin hosts over gRPC the way the engine does, without the CLI: start a host
 * script with node, read the port it prints, make clients from the proto stubs shipped in
 * `@pulumi/pulumi/proto`, call them, shut the host down. Works for the policy pack host
 * (`cmd/run-policy-pack`, service `pulumirpc.Analyzer`) and the dynamic provider host
 * (`cmd/dynamic-provider`, service `pulumirpc.ResourceProvider`).
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

export {
  connect,
  HOST_SCRIPTS,
  startHost,
  unary,
  UNUSED_ENGINE_ADDRESS,
  type Host,
  type StartHostOptions,
} from "../../cli/engine/hosts";

/** A protobuf Struct from a plain JSON object (what the engine sends as properties). */
export function toStruct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** The plain JSON object of a Struct (absent Struct: undefined). */
export function fromStruct(struct: Struct | undefined): Record<string, unknown> | undefined {
  return struct?.toJavaScript() as Record<string, unknown> | undefined;
}
