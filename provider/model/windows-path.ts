/**
 * Windows paths on the Hyper-V host, normalized once, here, by one rule for both separators: `/` is
 * `\`, empty and `.` segments go, `..` removes the segment before it and may never leave the root
 * (the drive, or `\\server\share`). Device paths (`\\.\`, `\\?\`), NUL and control characters, and
 * segments Windows would silently change (a trailing dot or space) are refused. Pure.
 */

// eslint-disable-next-line no-control-regex -- NUL and control characters are what it refuses
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const DRIVE = /^([A-Za-z]):\\(.*)$/;
const UNC = /^\\\\([^\\]+)\\([^\\]+)(?:\\(.*))?$/;

/** A normalized path, or what is wrong with the given one. */
export type WindowsPathResult = { path: string } | { problem: string };

function badName(name: string): boolean {
  return name === "." || name === ".." || /[. ]$/.test(name);
}

/**
 * Normalizes an absolute Windows path (`C:\...` or `\\server\share\...`, with `\` or `/`).
 *
 * @returns the path with `\` separators and no `.`, `..` or empty segments, or the problem (which
 *   quotes nothing of the path).
 */
export function normalizeWindowsPath(value: string): WindowsPathResult {
  if (CONTROL_CHARS.test(value)) return { problem: "must not contain NUL or other control characters" };
  const text = value.replace(/\//g, "\\");
  if (/^\\\\[.?]\\/.test(text)) {
    return { problem: "must not be a device path (\\\\.\\ or \\\\?\\): use a drive or share path" };
  }
  let root: string;
  let rest: string;
  const drive = DRIVE.exec(text);
  const unc = drive ? null : UNC.exec(text);
  if (drive) {
    root = `${drive[1]}:`;
    rest = drive[2];
  } else if (unc) {
    if (badName(unc[1]) || badName(unc[2])) {
      return { problem: "must name a real server and share (not . or .., no trailing dot or space)" };
    }
    root = `\\\\${unc[1]}\\${unc[2]}`;
    rest = unc[3] ?? "";
  } else {
    return { problem: "must be an absolute Windows path on the host" };
  }
  if (/[:*?"<>|]/.test(rest)) return { problem: 'must not contain : * ? " < > | after the drive' };
  const segments: string[] = [];
  for (const segment of rest.split("\\")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (segments.length === 0)
        return { problem: `must not leave ${drive ? "its drive" : "its share"} with ".."` };
      segments.pop();
      continue;
    }
    // Windows drops a trailing dot or space, so the file would not be the one named.
    if (/[. ]$/.test(segment)) return { problem: "must not have a name ending in a dot or a space" };
    segments.push(segment);
  }
  if (segments.length === 0) return { problem: "must name a file, not the root" };
  return { path: `${root}\\${segments.join("\\")}` };
}
