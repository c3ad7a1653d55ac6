import { citation, defineRule, describeGuest, type RuleContext } from "../rule";

/** The template a Linux boot loader (shim) is signed for. */
const LINUX_TEMPLATE = "MicrosoftUEFICertificateAuthority";

/** Why secure boot must be off: the row's "Secure boot" cell is blank, or no page read documents it. */
function secureBootUndocumented(ctx: RuleContext<unknown>): string {
  const row = ctx.row;
  if (!row) return `a ${describeGuest(ctx)} is not documented to boot with secure boot on`;
  const cell = row.features.secureBoot === "no" ? "not available" : "not documented";
  return `secure boot is ${cell} for a ${describeGuest(ctx)} (${citation(row.source)})`;
}

/**
 * A generation 2 VM has secure boot on with the Windows template by default; a Linux guest hangs at
 * the UEFI screen under it. Linux boots under secure boot with the Microsoft UEFI Certificate
 * Authority template where its drivers are documented to ("What's new in Hyper-V on Windows
 * Server", Linux Secure Boot), and with secure boot off where they are not (the support pages'
 * note on generation 2: "some Linux virtual machines will not boot unless the secure boot option
 * is disabled").
 */
export const secureBootTemplate = defineRule({
  name: "linux-secure-boot-template",
  description:
    "A generation 2 Linux guest has secure boot on with a template other than MicrosoftUEFICertificateAuthority, " +
    "or secure boot on where its drivers are not documented to boot with it.",
  fix: "Set firmware.secureBootTemplate: MicrosoftUEFICertificateAuthority, or firmware.secureBoot: false where the guest does not support secure boot.",
  enforcementLevel: "mandatory",
  severity: "critical",
  settings: {},
  check(ctx) {
    const firmware = ctx.spec.firmware;
    // A guest that cannot boot as generation 2 at all is the generation-1 policy's finding.
    if (ctx.spec.generation !== 2 || !firmware || !firmware.secureBoot || !ctx.capabilities.generation2)
      return [];
    if (!ctx.capabilities.secureBoot) {
      return [
        {
          message:
            `firmware.secureBoot is on, but ${secureBootUndocumented(ctx)}: the VM stops at the UEFI screen ` +
            "when the firmware refuses the guest's boot loader. Fix: set firmware.secureBoot: false.",
        },
      ];
    }
    if (firmware.secureBootTemplate === LINUX_TEMPLATE) return [];
    return [
      {
        message:
          `firmware.secureBootTemplate is ${firmware.secureBootTemplate}, but a ${describeGuest(ctx)} boots under ` +
          "secure boot only with the Microsoft UEFI Certificate Authority template (What's new in Hyper-V on Windows " +
          "Server 2016, Linux Secure Boot): under another template the firmware refuses its boot loader and the VM " +
          `hangs at the UEFI screen. Fix: set firmware.secureBootTemplate: ${LINUX_TEMPLATE} ` +
          "(Set-VMFirmware -SecureBootTemplate MicrosoftUEFICertificateAuthority).",
      },
    ];
  },
  remediate(ctx) {
    const firmware = ctx.spec.firmware;
    if (ctx.spec.generation !== 2 || !firmware || !firmware.secureBoot || !ctx.capabilities.generation2)
      return false;
    if (!ctx.capabilities.secureBoot) {
      firmware.secureBoot = false;
      return true;
    }
    if (firmware.secureBootTemplate === LINUX_TEMPLATE) return false;
    firmware.secureBootTemplate = LINUX_TEMPLATE;
    return true;
  },
});
