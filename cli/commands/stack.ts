/** `pulumi-hyperv stack ...`: create, select, list, remove, export, import a stack; its outputs and history. */
import { commandGroup } from "./group";
import { history } from "./stack/history";
import { init, ls, rm, select } from "./stack/lifecycle";
import { output } from "./stack/output";
import { exportStack, importStack } from "./stack/state";

export const stack = commandGroup(
  "stack",
  "Manage stacks: init, ls, select, rm, output, export, import, history",
  {
    init,
    ls,
    list: ls,
    select,
    rm,
    remove: rm,
    output,
    export: exportStack,
    import: importStack,
    history,
    hist: history,
  },
);
