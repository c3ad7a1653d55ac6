/**
 * Reading a value the way `pulumi config set` does: standard input when it is not a terminal (a
 * pipeline pipes a secret in; trailing newlines stripped unless raw), else a prompt on the terminal,
 * echoing nothing for secrets (`cmdutil.ReadConsoleNoEcho`).
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";

/** All of standard input. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** `cmdutil.RemoveTrailingNewline`: drops the trailing `\n`s and `\r\n`s. */
export function removeTrailingNewline(text: string): string {
  return text.replace(/(\r?\n)+$/, "");
}

/** Prompts `label: ` on the terminal; with `noEcho` the typed text is not shown. */
export function promptLine(label: string, noEcho: boolean): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(`${label}: `, (answer) => {
      rl.close();
      if (noEcho) process.stdout.write("\n");
      resolve(answer);
    });
    muted = noEcho;
  });
}
