/** One subcommand of a command group (`stack init`, `config set`, ...). */
import type { FlagSpec } from "../../args";

export interface Subcommand {
  /** `stack output [NAME] [flags]` */
  usage: string;
  summary: string;
  flags: FlagSpec[];
  run(argv: string[]): Promise<number>;
}
