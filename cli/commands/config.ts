/** `pulumi-hyperv config ...`: the stack's configuration, in `Pulumi.<stack>.yaml` as the CLI keeps it. */
import { get, ls, rm } from "./config/read";
import { set } from "./config/set";
import { commandGroup } from "./group";

export const config = commandGroup(
  "config",
  "Manage the stack's configuration: set [--secret], get, rm, ls",
  { set, get, rm, remove: rm, ls, list: ls },
  ls,
);
