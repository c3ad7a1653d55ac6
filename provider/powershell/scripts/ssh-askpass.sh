#!/bin/sh
# ssh runs this helper (SSH_ASKPASS) when it needs a key passphrase or a password. The secret is in this
# process's environment only, set by the session for the one ssh process it starts.
printf '%s\n' "$HYPERV_SSH_ASKPASS_SECRET"
